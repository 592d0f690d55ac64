package org.ltibridge.admin.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.ltibridge.admin.control.ApiTokens;
import org.ltibridge.assistant.control.AssistantAuthoring;
import org.ltibridge.assistant.control.AssistantAuthoring.AssistantView;
import org.ltibridge.system.boundary.JsonValues;
import org.ltibridge.system.control.PublicUrl;

/**
 * Assistants over the creator API (seed 003 §12, §16), with the same bearer tokens as the admin
 * API: a creator lists, creates, changes, publishes, unpublishes and deletes their assistants; an
 * org admin any of the organisation's. Publishing answers the Student LTI consumer key. The body of
 * {@code PUT …/publish} is LAMB's ({@code {"publish_status": true|false}}).
 */
@Path("api/v1/creator/assistants")
@ApplicationScoped
public class CreatorAssistantsResource {

  static final String EXAMPLE_NEW =
      "{\"name\": \"Physics Tutor\", \"description\": \"…\", \"system_prompt\": \"…\","
          + " \"model\": \"gpt-4o-mini\"}";
  static final String EXAMPLE_PUBLISH = "{\"publish_status\": true}";

  @Inject ApiTokens tokens;
  @Inject AssistantAuthoring assistants;
  @Inject PublicUrl publicUrl;
  @Context HttpServletRequest request;

  /** {@code POST} and {@code PATCH}: the editable fields ({@code name} required to create). */
  record AssistantFields(String name, String description, String systemPrompt, String model) {
    static AssistantFields of(String body, boolean create) {
      JsonObject o = AdminJson.object(body, EXAMPLE_NEW);
      if (!create) {
        AdminJson.requireAny(o, "name", "description", "system_prompt", "model");
      }
      return new AssistantFields(
          AdminJson.string(o, "name", create),
          AdminJson.string(o, "description", false),
          AdminJson.string(o, "system_prompt", false),
          AdminJson.string(o, "model", false));
    }
  }

  @GET
  public Response list(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @QueryParam("organization") String organization) {
    return AdminJson.ok(
        AdminJson.array(
                assistants.list(tokens.actor(authorization), organization).stream()
                    .map(CreatorAssistantsResource::json)
                    .toList())
            .build());
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, String body) {
    var actor = tokens.actor(authorization);
    AssistantFields f = AssistantFields.of(body, true);
    AssistantView created =
        assistants.create(actor, f.name(), f.description(), f.systemPrompt(), f.model());
    return AdminJson.created(
        URI.create(publicUrl.base(request) + "/api/v1/creator/assistants/" + created.id()),
        json(created));
  }

  @GET
  @Path("{id}")
  public Response get(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") Long id) {
    return AdminJson.ok(json(assistants.get(tokens.actor(authorization), id)));
  }

  @PATCH
  @Path("{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response edit(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @PathParam("id") Long id,
      String body) {
    var actor = tokens.actor(authorization);
    AssistantFields f = AssistantFields.of(body, false);
    return AdminJson.ok(
        json(assistants.edit(actor, id, f.name(), f.description(), f.systemPrompt(), f.model())));
  }

  @PUT
  @Path("{id}/publish")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response publish(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @PathParam("id") Long id,
      String body) {
    var actor = tokens.actor(authorization);
    boolean publish =
        AdminJson.bool(AdminJson.object(body, EXAMPLE_PUBLISH), "publish_status", true);
    return AdminJson.ok(json(assistants.publish(actor, id, publish)));
  }

  @DELETE
  @Path("{id}")
  public Response delete(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") Long id) {
    assistants.delete(tokens.actor(authorization), id);
    return Response.noContent().build();
  }

  private static JsonObject json(AssistantView a) {
    return JsonValues.object()
        .add("id", a.id())
        .add("organization", a.organization())
        .add("name", a.name())
        .add("description", a.description())
        .add("system_prompt", a.systemPrompt())
        .add("model", a.model())
        .add("owner_email", AdminJson.nullable(a.ownerEmail()))
        .add("published", a.published())
        .add("oauth_consumer_name", AdminJson.nullable(a.consumerKey()))
        .add("editable", a.editable())
        .add("created_at", AdminJson.nullable(a.createdAt()))
        .add("updated_at", AdminJson.nullable(a.updatedAt()))
        .build();
  }
}
