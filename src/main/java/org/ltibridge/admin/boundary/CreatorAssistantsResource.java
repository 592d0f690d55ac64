package org.ltibridge.admin.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
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
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ltibridge.access.control.Actor;
import org.ltibridge.admin.control.ApiTokens;
import org.ltibridge.admin.control.Callers;
import org.ltibridge.assistant.control.AssistantAuthoring;
import org.ltibridge.assistant.control.AssistantAuthoring.AssistantView;
import org.ltibridge.assistant.control.AssistantAuthoring.Draft;
import org.ltibridge.assistant.control.AssistantAuthoring.NewSecret;
import org.ltibridge.assistant.control.AssistantAuthoring.VersionView;
import org.ltibridge.assistant.control.ModelChoice;
import org.ltibridge.assistant.entity.AssistantSettings;
import org.ltibridge.chat.boundary.ReplyStream;
import org.ltibridge.chat.control.PreviewChat;
import org.ltibridge.model.Turn;
import org.ltibridge.system.boundary.JsonValues;
import org.ltibridge.system.boundary.RequestLanguage;
import org.ltibridge.system.control.Problem;
import org.ltibridge.system.control.PublicUrl;

/**
 * Assistants over the creator API (LAMB lti_landscape.md §12, §16), with the same bearer tokens as
 * the admin API: a creator lists, creates, changes, publishes, unpublishes and deletes their
 * assistants; an org admin any of the organisation's. Publishing answers the Student LTI consumer
 * key. The body of {@code PUT …/publish} is LAMB's ({@code {"publish_status": true|false}}).
 *
 * <p>The editor's reads and its preview chat ({@code GET …/models}, {@code GET …/{id}/versions},
 * {@code POST …/{id}/preview}) also serve the console's editor page: without an {@code
 * Authorization} header they act for the console's signed-in account. The preview takes JSON only,
 * which a page of another site cannot send with the console's cookie without the browser asking
 * first (CORS preflight), and it changes nothing.
 */
@Path("api/v1/creator/assistants")
@ApplicationScoped
public class CreatorAssistantsResource {

  static final String EXAMPLE_NEW =
      "{\"name\": \"Physics Tutor\", \"description\": \"…\", \"system_prompt\": \"…\","
          + " \"model\": \"gpt-4o-mini\", \"temperature\": 0.7, \"prompt_template\":"
          + " \"{context}\\n\\nQuestion: {user_input}\", \"show_system_prompt\": false}";
  static final String EXAMPLE_PUBLISH = "{\"publish_status\": true}";
  static final String EXAMPLE_PREVIEW =
      "{\"messages\": [{\"role\": \"user\", \"content\": \"Hello\"}]}";
  static final Problem.Text ERROR_MESSAGES =
      Problem.text("admin.CreatorAssistantsResource.messages");

  @Inject ApiTokens tokens;
  @Inject Callers callers;
  @Inject AssistantAuthoring assistants;
  @Inject PreviewChat preview;
  @Inject PublicUrl publicUrl;
  @Context HttpServletRequest request;

  /**
   * {@code POST} and {@code PATCH}: the editable fields ({@code name} required to create). On
   * {@code PATCH} an absent field stays as it is and JSON null clears one that may be empty
   * (description, system prompt, model, temperature, prompt template).
   */
  static Draft draft(String body, boolean create) {
    JsonObject o = AdminJson.object(body, EXAMPLE_NEW);
    if (!create) {
      AdminJson.requireAny(
          o,
          AssistantSettings.NAME,
          AssistantSettings.DESCRIPTION,
          AssistantSettings.SYSTEM_PROMPT,
          AssistantSettings.MODEL,
          AssistantSettings.TEMPERATURE,
          AssistantSettings.PROMPT_TEMPLATE,
          AssistantSettings.SHOW_SYSTEM_PROMPT);
    }
    return new Draft(
        AdminJson.string(o, AssistantSettings.NAME, create),
        AdminJson.clearable(o, AssistantSettings.DESCRIPTION),
        AdminJson.clearable(o, AssistantSettings.SYSTEM_PROMPT),
        AdminJson.clearable(o, AssistantSettings.MODEL),
        AdminJson.clearableNumber(o, AssistantSettings.TEMPERATURE),
        AdminJson.clearable(o, AssistantSettings.PROMPT_TEMPLATE),
        AdminJson.bool(o, AssistantSettings.SHOW_SYSTEM_PROMPT, false));
  }

  /** The preview conversation of {@code POST …/preview}, as turns (checked by the control). */
  static List<Turn> conversation(String body) {
    JsonObject o = AdminJson.object(body, EXAMPLE_PREVIEW);
    JsonValue messages = o.get("messages");
    if (messages == null || messages.getValueType() != JsonValue.ValueType.ARRAY) {
      throw Problem.badRequest(ERROR_MESSAGES);
    }
    List<Turn> turns = new ArrayList<>();
    for (JsonValue m : messages.asJsonArray()) {
      if (!(m instanceof JsonObject message
          && message.get("role") instanceof JsonString role
          && message.get("content") instanceof JsonString content)) {
        throw Problem.badRequest(ERROR_MESSAGES);
      }
      turns.add(new Turn(role.getString(), content.getString()));
    }
    return turns;
  }

  /**
   * The bearer token's account; with no {@code Authorization} header at all, the console's
   * signed-in account (the editor page's own calls).
   */
  private Actor tokenOrConsole(String authorization) {
    return authorization == null ? callers.console() : tokens.actor(authorization);
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
    AssistantView created = assistants.create(actor, draft(body, true));
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
    return AdminJson.ok(json(assistants.edit(actor, id, draft(body, false))));
  }

  /** A copy of an assistant the caller may read, as a new unpublished one of theirs. */
  @POST
  @Path("{id}/copy")
  public Response copy(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") Long id) {
    AssistantView copy = assistants.copy(tokens.actor(authorization), id);
    return AdminJson.created(
        URI.create(publicUrl.base(request) + "/api/v1/creator/assistants/" + copy.id()),
        json(copy));
  }

  /** The models the organisation's endpoint offers: {@code {"listed": …, "models": […]}}. */
  @GET
  @Path("models")
  public Response models(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @QueryParam("organization") String organization) {
    ModelChoice choice = assistants.models(tokenOrConsole(authorization), null, organization);
    JsonArrayBuilder models = JsonValues.array();
    choice.models().forEach(models::add);
    return AdminJson.ok(
        JsonValues.object().add("listed", choice.listed()).add("models", models).build());
  }

  @GET
  @Path("{id}/versions")
  public Response versions(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") Long id) {
    return AdminJson.ok(
        AdminJson.array(
                assistants.versions(tokenOrConsole(authorization), id).stream()
                    .map(CreatorAssistantsResource::json)
                    .toList())
            .build());
  }

  /**
   * A preview chat with the assistant's current version: the reply streamed with the student chat's
   * events ({@code delta}, then {@code done} or {@code notice}); nothing is stored.
   */
  @POST
  @Path("{id}/preview")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.SERVER_SENT_EVENTS)
  public void preview(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @PathParam("id") Long id,
      String body,
      @Context SseEventSink sink,
      @Context Sse sse) {
    PreviewChat.Prepared prepared =
        preview.prepare(tokenOrConsole(authorization), id, conversation(body));
    preview.answer(
        prepared,
        new ReplyStream(
            sink, sse, RequestLanguage.of(request))); // the sink closes when the reply ends
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

  /**
   * A new secret of the assistant's own for its legacy link, answered this once as {@code
   * oauth_consumer_secret} beside the assistant; a body, if any, is not read.
   */
  @PUT
  @Path("{id}/lti-secret")
  public Response rotateLtiSecret(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") Long id) {
    NewSecret rotated = assistants.rotateLtiSecret(tokens.actor(authorization), id);
    JsonObjectBuilder answer = JsonValues.object();
    json(rotated.assistant()).forEach(answer::add);
    return AdminJson.ok(answer.add("oauth_consumer_secret", rotated.secret()).build());
  }

  /** Removes the assistant's own secret: the organisation's (or the instance's) applies. */
  @DELETE
  @Path("{id}/lti-secret")
  public Response removeLtiSecret(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") Long id) {
    assistants.removeLtiSecret(tokens.actor(authorization), id);
    return Response.noContent().build();
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
        .add("temperature", AdminJson.nullable(a.temperature()))
        .add("prompt_template", a.promptTemplate())
        .add("show_system_prompt", a.showSystemPrompt())
        .add("version", AdminJson.nullable(a.version()))
        .add("owner_email", AdminJson.nullable(a.ownerEmail()))
        .add("owner_name", AdminJson.nullable(a.ownerName()))
        .add("published", a.published())
        .add("oauth_consumer_name", AdminJson.nullable(a.consumerKey()))
        .add("editable", a.editable())
        .add("created_at", AdminJson.nullable(a.createdAt()))
        .add("updated_at", AdminJson.nullable(a.updatedAt()))
        .add("lti_consumer_key", AdminJson.nullable(a.ltiConsumerKey()))
        .add("lti_secret_source", a.ltiSecretSource().name().toLowerCase(Locale.ROOT))
        .add("lti_secret_set_at", AdminJson.nullable(a.ltiSecretSetAt()))
        .build();
  }

  private static JsonObject json(VersionView v) {
    JsonArrayBuilder changed = JsonValues.array();
    v.changed().forEach(changed::add);
    return JsonValues.object()
        .add("number", v.number())
        .add("name", v.name())
        .add("description", v.description())
        .add("system_prompt", v.systemPrompt())
        .add("model", v.model())
        .add("temperature", AdminJson.nullable(v.temperature()))
        .add("prompt_template", v.promptTemplate())
        .add("show_system_prompt", v.showSystemPrompt())
        .add("changed", changed)
        .add("created_by", v.createdBy())
        .add("created_at", AdminJson.nullable(v.createdAt()))
        .build();
  }
}
