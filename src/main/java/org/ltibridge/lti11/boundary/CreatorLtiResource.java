package org.ltibridge.lti11.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.ltibridge.identity.control.CreatorLtiFlow;
import org.ltibridge.launch.boundary.Outcomes;
import org.ltibridge.lti11.control.Lti11Launcher;
import org.ltibridge.lti11.control.OAuth1Verifier;
import org.ltibridge.lti13.tool.control.ToolUrls;
import org.ltibridge.org.control.CreatorLtiKeys;
import org.ltibridge.system.boundary.FormParameters;
import org.ltibridge.system.boundary.JsonValues;
import org.ltibridge.system.control.Problem;
import org.ltibridge.system.control.PublicUrl;

/**
 * Creator LTI over LTI 1.1 (LAMB's {@code backend/lamb/lti_creator_router.py}): {@code POST
 * /lamb/v1/lti_creator/launch}, signed with an organisation's own Creator LTI key and secret, lands
 * an instructor signed in in the creator interface; {@code GET /lamb/v1/lti_creator/info} tells an
 * LMS administrator what to configure. The same flow runs over LTI 1.3 when a registration's link
 * targets the launch URL.
 */
@Path("lamb/v1/lti_creator")
@ApplicationScoped
public class CreatorLtiResource {

  static final Problem.Text ERROR_INVALID_KEY = Problem.text("lti11.CreatorLtiResource.invalidKey");

  @Inject Lti11Launcher launcher;
  @Inject CreatorLtiKeys keys;
  @Inject PublicUrl publicUrl;
  @Inject Outcomes outcomes;

  @Context HttpServletRequest request;
  @Context HttpServletResponse response;

  /**
   * LAMB's order of refusals: no {@code oauth_consumer_key} → 400; no organisation with that
   * enabled key → 401; then the checks of every LTI 1.1 launch with the organisation's secret
   * (signature, timestamp → 401, nonce → 401) and a {@code user_id} (400); then the flow's (system
   * or disabled organisation, disabled creator → 403). A refusal writes nothing.
   */
  @POST
  @Path("launch")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response launch(MultivaluedMap<String, String> form) {
    List<Map.Entry<String, String>> params = FormParameters.of(request.getQueryString(), form);
    String key = FormParameters.first(params, "oauth_consumer_key");
    if (key == null || key.isBlank()) {
      throw Problem.badRequest(OAuth1Verifier.ERROR_MISSING.with("oauth_consumer_key"));
    }
    CreatorLtiKeys.Enabled org =
        keys.enabled(key).orElseThrow(() -> Problem.unauthorized(ERROR_INVALID_KEY));
    return outcomes.toResponse(
        launcher.launchCreator(
            publicUrl.requestUrl(request), params, org::secretFor, org.organizationId()),
        request,
        response);
  }

  /** As LAMB's {@code GET /lamb/v1/lti_creator/info}: public, no keys and no secrets. */
  @GET
  @Path("info")
  @Produces(MediaType.APPLICATION_JSON)
  public String info() {
    String base = publicUrl.base(request);
    ToolUrls lti13 = new ToolUrls(base);
    return JsonValues.object()
        .add("name", "LTI Bridge Creator")
        .add(
            "description",
            "Brings instructors from the LMS into LTI Bridge's creator interface, where they build"
                + " and publish AI assistants for their organisation. Each organisation has its own"
                + " consumer key and secret, which its LTI Bridge administrator hands out.")
        .add("lti_version", "LTI-1p0")
        .add("launch_url", base + CreatorLtiFlow.PATH)
        .add(
            "lti13",
            JsonValues.object()
                .add("target_link_uri", base + CreatorLtiFlow.PATH)
                .add("login_url", lti13.login())
                .add("redirect_uri", lti13.launch())
                .add("jwks_url", lti13.jwks()))
        .add("signature_methods", JsonValues.array().add("HMAC-SHA1").add("HMAC-SHA256"))
        .add("required_parameters", JsonValues.array().add("oauth_consumer_key").add("user_id"))
        .add(
            "optional_parameters",
            JsonValues.array().add("lis_person_name_full").add("ext_user_username"))
        .build()
        .toString();
  }
}
