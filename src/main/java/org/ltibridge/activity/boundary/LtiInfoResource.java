package org.ltibridge.activity.boundary;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.ltibridge.activity.control.UnifiedActivityFlow;
import org.ltibridge.org.control.GlobalLtiCredentials;
import org.ltibridge.system.boundary.JsonValues;
import org.ltibridge.system.control.PublicUrl;

/**
 * {@code GET /lamb/v1/lti/info}: what an LMS administrator pastes into the LMS. Shows the launch
 * URL and the consumer key, never the secret (a system admin reads it in the console).
 */
@Path("lamb/v1/lti/info")
public class LtiInfoResource {

  @Inject GlobalLtiCredentials credentials;
  @Inject PublicUrl publicUrl;
  @Context HttpServletRequest request;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public String info() {
    String base = publicUrl.base(request);
    return JsonValues.object()
        .add("lti_version", "LTI-1p0")
        .add("launch_url", base + UnifiedActivityFlow.PATH)
        .add("consumer_key", credentials.consumerKey())
        .add("secret", "Shown to system administrators in the console at " + base + "/admin")
        .add("signature_methods", JsonValues.array().add("HMAC-SHA1").add("HMAC-SHA256"))
        .add(
            "privacy",
            "Send the user's name and email so that instructors can be matched to their creator"
                + " account; students are given a separate identity per activity.")
        .build()
        .toString();
  }
}
