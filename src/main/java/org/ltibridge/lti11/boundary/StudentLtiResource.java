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
import org.ltibridge.launch.boundary.Outcomes;
import org.ltibridge.launch.entity.LaunchOutcome;
import org.ltibridge.legacy.control.LegacyLinkFlow;
import org.ltibridge.lti11.control.LaunchSecrets;
import org.ltibridge.lti11.control.Lti11Launcher;
import org.ltibridge.lti11.control.OAuth1Verifier;
import org.ltibridge.system.boundary.FormParameters;
import org.ltibridge.system.control.PublicUrl;

/**
 * {@code POST /lamb/v1/lti_users/lti}: a legacy single-assistant link (LAMB's Student LTI, LAMB
 * lti_landscape.md §11), signed with the key of the assistant it names. The same verifier, launch
 * value and router as the Unified link; only the secrets differ ({@link LaunchSecrets}).
 */
@Path("lamb/v1/lti_users/lti")
@ApplicationScoped
public class StudentLtiResource {

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
                secrets.at(LegacyLinkFlow.PATH));
    return outcomes.toResponse(outcome, request, response);
  }
}
