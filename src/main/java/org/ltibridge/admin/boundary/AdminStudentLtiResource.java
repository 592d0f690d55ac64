package org.ltibridge.admin.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import org.ltibridge.admin.control.ApiTokens;
import org.ltibridge.admin.control.StudentLtiAdmin;
import org.ltibridge.admin.control.StudentLtiAdmin.SecretView;
import org.ltibridge.system.boundary.JsonValues;
import org.ltibridge.system.control.PublicUrl;

/**
 * An organisation's Student LTI secret over the admin API: the secret of its assistants' legacy
 * single-assistant links that have none of their own. {@code PUT} (no body) generates or rotates it
 * and answers it ({@code oauth_consumer_secret}) that once; {@code GET} answers everything else,
 * with the absolute launch URL an LMS administrator enters and which secret applies to assistants
 * without their own; {@code DELETE} removes it.
 */
@Path("api/v1/admin/organizations/{slug}/student-lti")
@ApplicationScoped
public class AdminStudentLtiResource {

  @Inject ApiTokens tokens;
  @Inject StudentLtiAdmin secrets;
  @Inject PublicUrl publicUrl;
  @Context HttpServletRequest request;

  @GET
  public Response get(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @PathParam("slug") String slug) {
    return AdminJson.ok(json(secrets.get(tokens.actor(authorization), slug)));
  }

  /** Generates or rotates; a body, if any, is not read. */
  @PUT
  public Response put(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @PathParam("slug") String slug) {
    return AdminJson.ok(json(secrets.rotate(tokens.actor(authorization), slug)));
  }

  @DELETE
  public Response delete(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @PathParam("slug") String slug) {
    secrets.remove(tokens.actor(authorization), slug);
    return Response.noContent().build();
  }

  private JsonObject json(SecretView s) {
    JsonObjectBuilder b =
        JsonValues.object()
            .add("has_secret", s.hasSecret())
            .add("set_at", AdminJson.nullable(s.setAt()))
            .add("instance_secret_configured", s.instanceSecretConfigured())
            .add("applies_without_own", s.appliesWithoutOwn().name().toLowerCase(Locale.ROOT))
            .add("launch_url", publicUrl.base(request) + StudentLtiAdmin.LAUNCH_PATH);
    if (s.secret() != null) {
      b.add("oauth_consumer_secret", s.secret());
    }
    return b.build();
  }
}
