package org.ltibridge.lti11.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.ltibridge.activity.control.UnifiedActivityFlow;
import org.ltibridge.launch.boundary.Outcomes;
import org.ltibridge.launch.entity.LaunchOutcome;
import org.ltibridge.lti11.control.LaunchSecrets;
import org.ltibridge.lti11.control.Lti11Launcher;
import org.ltibridge.lti11.control.OAuth1Verifier;
import org.ltibridge.system.boundary.FormParameters;
import org.ltibridge.system.control.PublicUrl;

/**
 * {@code POST /lamb/v1/lti/launch}: the Unified LTI entry point over LTI 1.1, signed with the
 * global key and secret (LAMB lti_landscape.md §10.1). Verifies, translates into a Launch, routes.
 */
@Path("lamb/v1/lti/launch")
@ApplicationScoped
public class UnifiedLaunchResource {

  @Inject Lti11Launcher launcher;
  @Inject LaunchSecrets secrets;
  @Inject PublicUrl publicUrl;
  @Inject Outcomes outcomes;

  @Context HttpServletRequest request;
  @Context HttpServletResponse response;

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response launch(MultivaluedMap<String, String> form) {
    URI url = publicUrl.requestUrl(request);
    LaunchOutcome outcome =
        request.getAttribute(ReturningLaunchFilter.AUTHENTIC)
                instanceof OAuth1Verifier.Authentic authentic
            ? launcher.launch(url, authentic)
            : launcher.launch(
                url,
                FormParameters.of(request.getQueryString(), form),
                secrets.at(UnifiedActivityFlow.PATH));
    return outcomes.toResponse(outcome, request, response);
  }
}
