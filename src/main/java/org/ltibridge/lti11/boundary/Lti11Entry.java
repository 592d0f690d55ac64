package org.ltibridge.lti11.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.ltibridge.launch.boundary.Outcomes;
import org.ltibridge.launch.entity.LaunchOutcome;
import org.ltibridge.lti11.control.LaunchSecrets;
import org.ltibridge.lti11.control.Lti11Launcher;
import org.ltibridge.lti11.control.OAuth1Verifier;
import org.ltibridge.system.boundary.FormParameters;
import org.ltibridge.system.boundary.RequestLanguage;
import org.ltibridge.system.control.PublicUrl;

/**
 * The full way of an LTI 1.1 launch at any of LAMB's entry points: verified with the secrets of the
 * path it was addressed to ({@link LaunchSecrets}), or only its nonce left to use when {@link
 * ReturningLaunchFilter} authenticated it already; translated, routed, answered.
 */
@ApplicationScoped
public class Lti11Entry {

  @Inject Lti11Launcher launcher;
  @Inject LaunchSecrets secrets;
  @Inject PublicUrl publicUrl;
  @Inject Outcomes outcomes;

  public Response launch(
      HttpServletRequest request,
      HttpServletResponse response,
      MultivaluedMap<String, String> form) {
    URI url = publicUrl.requestUrl(request);
    // A refused launch is told in the language it asked for too: of a launch not yet verified,
    // that is all that is believed, and only to choose the words of the refusal.
    if (form != null) {
      RequestLanguage.fromForm(request, form.getFirst("launch_presentation_locale"));
    }
    LaunchOutcome outcome =
        request.getAttribute(ReturningLaunchFilter.AUTHENTIC)
                instanceof OAuth1Verifier.Authentic authentic
            ? launcher.launch(url, authentic)
            : launcher.launch(
                url, FormParameters.of(request.getQueryString(), form), secrets.at(url.getPath()));
    return outcomes.toResponse(outcome, request, response);
  }
}
