package org.ltibridge.admin.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.ltibridge.admin.control.ApiTokens;
import org.ltibridge.admin.control.ModelEndpoints.Endpoint;
import org.ltibridge.admin.control.OrganizationAdmin;
import org.ltibridge.system.boundary.JsonValues;

/**
 * An organisation's model endpoint over the admin API, the twin of the console's "Model endpoint"
 * form: the OpenAI-compatible base URL its assistants answer from, and its API key, which is
 * write-only (the answer says whether one is stored, never which).
 */
@Path("api/v1/admin/organizations/{slug}/model-endpoint")
@ApplicationScoped
public class AdminModelEndpointResource {

  static final String EXAMPLE =
      "{\"base_url\": \"https://api.openai.com/v1\", \"api_key\": \"sk-…\", \"remove_key\": false}";

  @Inject ApiTokens tokens;
  @Inject OrganizationAdmin organizations;

  /**
   * {@code PUT}: {@code base_url} (blank removes the endpoint), {@code api_key}, {@code
   * remove_key}.
   */
  record EndpointChange(String baseUrl, String apiKey, boolean removeKey) {
    static EndpointChange of(String body) {
      JsonObject o = AdminJson.object(body, EXAMPLE);
      Boolean remove = AdminJson.bool(o, "remove_key", false);
      return new EndpointChange(
          AdminJson.string(o, "base_url", true),
          AdminJson.string(o, "api_key", false),
          remove != null && remove);
    }
  }

  @GET
  public Response get(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @PathParam("slug") String slug) {
    return AdminJson.ok(json(organizations.modelEndpoint(tokens.actor(authorization), slug)));
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  public Response put(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @PathParam("slug") String slug,
      String body) {
    var actor = tokens.actor(authorization);
    EndpointChange change = EndpointChange.of(body);
    return AdminJson.ok(
        json(
            organizations.changeModelEndpoint(
                actor, slug, change.baseUrl(), change.apiKey(), change.removeKey())));
  }

  private static JsonObject json(Endpoint e) {
    return JsonValues.object()
        .add("organization", e.slug())
        .add("base_url", AdminJson.nullable(e.baseUrl().isEmpty() ? null : e.baseUrl()))
        .add("key_set", e.keySet())
        .build();
  }
}
