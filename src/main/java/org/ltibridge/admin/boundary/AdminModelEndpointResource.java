package org.ltibridge.admin.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
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
import org.ltibridge.admin.control.ModelEndpoints;
import org.ltibridge.admin.control.ModelEndpoints.Endpoint;
import org.ltibridge.admin.control.OrganizationAdmin;
import org.ltibridge.system.boundary.JsonValues;
import org.ltibridge.system.control.Problem;

/**
 * An organisation's model endpoint over the admin API, the twin of the console's "Model endpoint"
 * form: the OpenAI-compatible base URL its assistants answer from, its API key, which is write-only
 * (the answer says whether one is stored, never which), and its cap on concurrent requests.
 */
@Path("api/v1/admin/organizations/{slug}/model-endpoint")
@ApplicationScoped
public class AdminModelEndpointResource {

  static final String EXAMPLE =
      "{\"base_url\": \"https://api.openai.com/v1\", \"api_key\": \"sk-…\", \"remove_key\": false,"
          + " \"max_concurrent\": 40}";
  static final String MAX_CONCURRENT = "max_concurrent";

  @Inject ApiTokens tokens;
  @Inject OrganizationAdmin organizations;

  /**
   * {@code PUT}: {@code base_url} (blank removes the endpoint), {@code api_key}, {@code
   * remove_key}, {@code max_concurrent} (absent: unchanged; null: the deployment's default).
   */
  record EndpointChange(
      String baseUrl, String apiKey, boolean removeKey, boolean capGiven, Integer maxConcurrent) {
    static EndpointChange of(String body) {
      JsonObject o = AdminJson.object(body, EXAMPLE);
      Boolean remove = AdminJson.bool(o, "remove_key", false);
      return new EndpointChange(
          AdminJson.string(o, "base_url", true),
          AdminJson.string(o, "api_key", false),
          remove != null && remove,
          o.containsKey(MAX_CONCURRENT),
          cap(o.get(MAX_CONCURRENT)));
    }

    /**
     * JSON null or absent as {@code null}, a whole number as itself; a string, a fraction or
     * anything else is refused with the same message as a number out of range.
     */
    static Integer cap(JsonValue v) {
      if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
        return null;
      }
      if (v.getValueType() == JsonValue.ValueType.NUMBER) {
        try {
          // 40, 40.0 and 4e1 are the same whole number; JSON-P's isIntegral() says so of 40 only.
          return ((JsonNumber) v).bigDecimalValue().intValueExact();
        } catch (ArithmeticException fractionOrTooLarge) {
          // Answered below as any other value that is no cap.
        }
      }
      throw Problem.badRequest(ModelEndpoints.ERROR_MAX_CONCURRENT);
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
    EndpointChange c = EndpointChange.of(body);
    Endpoint changed =
        c.capGiven()
            ? organizations.changeModelEndpoint(
                actor, slug, c.baseUrl(), c.apiKey(), c.removeKey(), c.maxConcurrent())
            : organizations.changeModelEndpoint(
                actor, slug, c.baseUrl(), c.apiKey(), c.removeKey());
    return AdminJson.ok(json(changed));
  }

  private static JsonObject json(Endpoint e) {
    return JsonValues.object()
        .add("organization", e.slug())
        .add("base_url", AdminJson.nullable(e.baseUrl().isEmpty() ? null : e.baseUrl()))
        .add("key_set", e.keySet())
        .add(MAX_CONCURRENT, AdminJson.nullable(e.maxConcurrent()))
        .build();
  }
}
