package org.ltibridge.admin.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.ltibridge.admin.control.ApiTokens;
import org.ltibridge.admin.control.CreatorLtiAdmin;
import org.ltibridge.admin.control.CreatorLtiAdmin.KeyView;
import org.ltibridge.system.boundary.JsonValues;
import org.ltibridge.system.control.PublicUrl;

/**
 * An organisation's Creator LTI key over the admin API. {@code PUT {"enabled": true}} generates the
 * key, or rotates its secret; the secret ({@code oauth_consumer_secret}, RFC 5849 §3.4.2 signs with
 * it) is answered that once and never again. {@code GET} answers everything else, with the absolute
 * URLs an LMS administrator enters.
 */
@Path("api/v1/admin/organizations/{slug}/lti-creator")
@ApplicationScoped
public class AdminCreatorLtiResource {

  static final String EXAMPLE = "{\"enabled\": true, \"oauth_consumer_key\": \"creator-physics\"}";

  @Inject ApiTokens tokens;
  @Inject CreatorLtiAdmin keys;
  @Inject PublicUrl publicUrl;
  @Context HttpServletRequest request;

  /** {@code PUT .../lti-creator}: {@code enabled}, optional {@code oauth_consumer_key}. */
  record KeyChange(boolean enabled, String consumerKey) {
    static KeyChange of(String body) {
      JsonObject o = AdminJson.object(body, EXAMPLE);
      return new KeyChange(
          AdminJson.bool(o, "enabled", true), AdminJson.string(o, "oauth_consumer_key", false));
    }
  }

  @GET
  public Response get(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @PathParam("slug") String slug) {
    return AdminJson.ok(json(keys.get(tokens.actor(authorization), slug)));
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  public Response put(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @PathParam("slug") String slug,
      String body) {
    var actor = tokens.actor(authorization);
    KeyChange change = KeyChange.of(body);
    return AdminJson.ok(json(keys.put(actor, slug, change.enabled(), change.consumerKey())));
  }

  @DELETE
  public Response delete(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @PathParam("slug") String slug) {
    keys.delete(tokens.actor(authorization), slug);
    return Response.noContent().build();
  }

  private JsonObject json(KeyView key) {
    String base = publicUrl.base(request);
    JsonObjectBuilder b =
        JsonValues.object()
            .add("has_key", key.hasKey())
            .add("oauth_consumer_key", AdminJson.nullable(key.consumerKey()))
            .add("enabled", key.enabled())
            .add("launch_url", base + CreatorLtiAdmin.LAUNCH_PATH)
            .add("info_url", base + CreatorLtiAdmin.INFO_PATH)
            .add("created_at", AdminJson.nullable(key.createdAt()))
            .add("rotated_at", AdminJson.nullable(key.rotatedAt()));
    if (key.secret() != null) {
      b.add("oauth_consumer_secret", key.secret());
    }
    return b.build();
  }
}
