package org.ltibridge.chat.boundary;

import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.time.LocalDateTime;
import java.util.List;
import org.ltibridge.activity.boundary.Bearer;
import org.ltibridge.chat.control.ChatService;
import org.ltibridge.chat.control.MyData;
import org.ltibridge.system.boundary.JsonValues;
import org.ltibridge.system.boundary.PageRenderer;
import org.ltibridge.system.boundary.RequestLanguage;
import org.ltibridge.system.control.Problem;

/**
 * "Your data": what the activity records about the holder of a chat token, their conversations to
 * download, and their answer to the transcript-review notice ({@link MyData}). The chat page opens
 * the page with a form (the token in the body, never in a URL); the JSON twins take the token in
 * {@code Authorization: Bearer}, as the chat's own API does.
 */
@Path("lamb/v1/lti/chat/my-data")
public class MyDataResource {

  static final Problem.Text ERROR_FORMAT = Problem.text("chat.MyDataResource.format");
  static final Problem.Text ERROR_CHOICE = Problem.text("chat.MyDataResource.choice");
  static final Problem.Text ERROR_BODY = Problem.text("chat.MyDataResource.body");

  @Inject ChatService chat;
  @Inject MyData data;
  @Inject PageRenderer pages;

  @Context HttpServletRequest request;
  @Context HttpServletResponse response;

  /**
   * The page's model: the token its forms send back, what is kept, and the message key of the last
   * change made, if any.
   */
  public record Page(String token, MyData.Summary summary, String done) {}

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.TEXT_HTML)
  public Response page(@FormParam("token") String token, @FormParam("lang") String lang) {
    RequestLanguage.fromForm(request, lang);
    return pages.render(
        request,
        response,
        200,
        "my-data",
        new Page(token, data.summary(chat.session(token)), null));
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Response summary(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return ok(data.summary(chat.session(Bearer.token(authorization))));
  }

  /** The page's answer to the notice: {@code choice} is {@code agree} or {@code withdraw}. */
  @POST
  @Path("consent")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.TEXT_HTML)
  public Response answer(
      @FormParam("token") String token,
      @FormParam("choice") String choice,
      @FormParam("lang") String lang) {
    RequestLanguage.fromForm(request, lang);
    boolean agrees;
    if ("agree".equals(choice)) {
      agrees = true;
    } else if ("withdraw".equals(choice)) {
      agrees = false;
    } else {
      throw Problem.badRequest(ERROR_CHOICE);
    }
    MyData.Summary now = data.answer(chat.session(token), agrees);
    String done = agrees ? "mydata.done.agreed" : "mydata.done.withdrawn";
    return pages.render(request, response, 200, "my-data", new Page(token, now, done));
  }

  /** The same as JSON: {@code {"agrees": false}} withdraws, {@code true} gives consent. */
  @PUT
  @Path("consent")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response answerJson(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, String body) {
    boolean agrees = agrees(body);
    return ok(data.answer(chat.session(Bearer.token(authorization)), agrees));
  }

  @GET
  @Path("export")
  public Response export(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @QueryParam("format") String format) {
    return export(chat.session(Bearer.token(authorization)), format);
  }

  /** The page's download buttons: the token in the form's body. */
  @POST
  @Path("export")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response exportFromPage(
      @FormParam("token") String token, @FormParam("format") String format) {
    return export(chat.session(token), format);
  }

  /** The person's export: what is kept about them and their conversations. */
  public record Export(
      LocalDateTime exportedAt, MyData.Summary about, List<MyData.OwnConversation> conversations) {}

  private Response export(ChatService.Session session, String format) {
    boolean json = "json".equals(format);
    if (!json && !"markdown".equals(format)) {
      throw Problem.badRequest(ERROR_FORMAT);
    }
    MyData.Summary about = data.summary(session);
    List<MyData.OwnConversation> conversations = data.conversations(session);
    LocalDateTime at = data.now();
    String file = "my-conversations-" + at.toLocalDate() + (json ? ".json" : ".md");
    return Response.ok(
            json ? new Export(at, about, conversations) : MyData.markdown(about, conversations, at))
        .type(
            json
                ? MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8")
                : new MediaType("text", "markdown", "UTF-8"))
        .header("Content-Disposition", "attachment; filename=\"" + file + "\"")
        .header("Cache-Control", "no-store")
        .build();
  }

  private static boolean agrees(String body) {
    try (var reader = JsonValues.reader(new StringReader(body == null ? "" : body))) {
      JsonValue value = reader.readValue();
      if (value instanceof JsonObject o) {
        JsonValue a = o.get("agrees");
        if (a == JsonValue.TRUE || a == JsonValue.FALSE) {
          return a == JsonValue.TRUE;
        }
      }
    } catch (JsonException malformed) {
      // answered below
    }
    throw Problem.badRequest(ERROR_BODY);
  }

  private static Response ok(Object body) {
    return Response.ok(body).header("Cache-Control", "no-store").build();
  }
}
