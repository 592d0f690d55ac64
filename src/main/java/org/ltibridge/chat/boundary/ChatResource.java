package org.ltibridge.chat.boundary;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
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
import org.ltibridge.activity.boundary.Bearer;
import org.ltibridge.chat.control.ChatService;
import org.ltibridge.launch.entity.LaunchOutcome;
import org.ltibridge.legacy.control.PlacementManagers;
import org.ltibridge.system.boundary.JsonValues;
import org.ltibridge.system.boundary.PageRenderer;
import org.ltibridge.system.boundary.RequestLanguage;
import org.ltibridge.system.control.Problem;

/**
 * The built-in chat: the page ({@code GET /lamb/v1/lti/chat}), sending a message with the reply
 * streamed back as Server-Sent Events, and reading a past conversation. After the page's first GET,
 * the chat token travels in {@code Authorization: Bearer}.
 */
@Path("lamb/v1/lti/chat")
public class ChatResource {

  static final Problem.Text ERROR_BODY = Problem.text("chat.ChatResource.body");

  /** Where an instructor of a legacy link goes to manage its assistant ({@link #manage}). */
  static final String MANAGE_PATH = "/lamb/v1/lti/chat/manage";

  @Inject ChatService chat;
  @Inject PlacementManagers managers;
  @Inject PageRenderer pages;

  @Context HttpServletRequest request;
  @Context HttpServletResponse response;

  /**
   * The page. Its usual first GET is answered by {@link ChatPageFilter} before JAX-RS; what reaches
   * this method is a token the quick way did not open, refused here with its reason.
   */
  @GET
  @Produces(MediaType.TEXT_HTML)
  public Response page(@QueryParam("token") String token) {
    ChatService.Session session = chat.openSession(token);
    byte[] page =
        ChatPageHtml.render(
            request.getContextPath(), token, chat.view(session), RequestLanguage.of(request));
    return Response.ok(page)
        .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
        .header("Cache-Control", "no-store")
        .build();
  }

  /**
   * From the chat of a legacy link, an instructor who may manage its assistant ({@link
   * PlacementManagers}) opens the creator interface at its placements, signed in by a creator
   * session as after a Creator LTI launch (rendered at once, so that its token is in no URL). The
   * chat token comes in the form's body. Whoever may not is refused with 403, and nothing is
   * written.
   */
  @POST
  @Path("manage")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.TEXT_HTML)
  public Response manage(@FormParam("token") String token) {
    ChatService.Session session = chat.session(token);
    PlacementManagers.Entered entered = managers.enter(session.activityId(), session.userId());
    request.setAttribute(LaunchOutcome.Frame.ACTOR, entered.actor());
    request.setAttribute(LaunchOutcome.Frame.TOKEN, entered.token());
    request.setAttribute(LaunchOutcome.Frame.ASSISTANT, entered.assistantId());
    return pages.renderView(request, response, 200, LaunchOutcome.Frame.VIEW);
  }

  @GET
  @Path("conversations/{id}")
  @Produces(MediaType.APPLICATION_JSON)
  public Response conversation(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") long id) {
    ChatService.Session session = chat.session(Bearer.token(authorization));
    return Response.ok(chat.messages(session, id)).header("Cache-Control", "no-store").build();
  }

  /**
   * Stores the message, then streams events: {@code conversation} (its id), then those of {@link
   * ReplyStream} ({@code waiting}, {@code delta}, and finally {@code done} or {@code notice}). No
   * request thread waits for the model: the method returns once the reply is under way.
   */
  @POST
  @Path("messages")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.SERVER_SENT_EVENTS)
  public void send(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      String body,
      @Context SseEventSink sink,
      @Context Sse sse) {
    ChatService.Session session = chat.session(Bearer.token(authorization));
    JsonObject json = parse(body);
    ChatService.Prepared prepared =
        chat.accept(
            session,
            longOrNull(json, "assistantId"),
            longOrNull(json, "conversationId"),
            json.getString("content", ""));
    ReplyStream events = new ReplyStream(sink, sse, RequestLanguage.of(request));
    events.event("conversation", "id", prepared.conversationId());
    chat.answer(prepared, events); // returns at once; the sink is closed when the reply has ended
  }

  private static JsonObject parse(String body) {
    try (var reader = JsonValues.reader(new java.io.StringReader(body == null ? "" : body))) {
      JsonValue value = reader.readValue();
      if (value.getValueType() != JsonValue.ValueType.OBJECT) {
        throw Problem.badRequest(ERROR_BODY);
      }
      return value.asJsonObject();
    } catch (jakarta.json.JsonException e) {
      throw Problem.badRequest(ERROR_BODY);
    }
  }

  private static Long longOrNull(JsonObject json, String name) {
    JsonValue v = json.get(name);
    if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    if (v.getValueType() == JsonValue.ValueType.NUMBER) {
      return json.getJsonNumber(name).longValue();
    }
    if (v.getValueType() == JsonValue.ValueType.STRING) {
      try {
        return Long.valueOf(json.getString(name));
      } catch (NumberFormatException e) {
        throw Problem.badRequest(Problem.text("system.notANumber", name));
      }
    }
    throw Problem.badRequest(Problem.text("system.notANumber", name));
  }
}
