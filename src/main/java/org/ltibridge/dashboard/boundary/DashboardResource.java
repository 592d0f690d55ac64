package org.ltibridge.dashboard.boundary;

import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.Consumes;
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
import java.io.StringReader;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.ltibridge.activity.boundary.Bearer;
import org.ltibridge.activity.control.ActivityInstructors;
import org.ltibridge.activity.control.Configuration;
import org.ltibridge.activity.control.Handover;
import org.ltibridge.activity.control.PageModels;
import org.ltibridge.activity.control.UnifiedActivityFlow;
import org.ltibridge.activity.entity.Activity;
import org.ltibridge.dashboard.control.Dashboard;
import org.ltibridge.dashboard.control.DashboardPage;
import org.ltibridge.system.boundary.JsonValues;
import org.ltibridge.system.boundary.PageRenderer;

/**
 * LAMB lti_landscape.md §10.3 instructor dashboard: the page ({@code GET
 * /lamb/v1/lti/dashboard?token=}, the token accepted in the URL once) and its JSON API. The
 * dashboard token travels in {@code Authorization: Bearer} (never in the URL, where it would
 * outlive the request in logs and history). A student's token gets 403; chats answer 403 while
 * transcript review is off.
 */
@Path("lamb/v1/lti/dashboard")
public class DashboardResource {

  @Inject Configuration configuration;
  @Inject Dashboard dashboard;
  @Inject PageRenderer pages;
  @Inject ActivityInstructors instructors;
  @Inject Handover handover;

  @Context HttpServletRequest request;
  @Context HttpServletResponse response;

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy");

  @GET
  @Produces(MediaType.TEXT_HTML)
  public Response page(@QueryParam("token") String token) {
    Configuration.Opened opened = configuration.openDashboard(token);
    Activity activity = opened.activity();
    Set<Long> selected = new HashSet<>();
    activity.assistants().forEach(a -> selected.add(a.id()));
    DashboardPage model =
        new DashboardPage(
            token,
            activity.name(),
            activity.contextTitle(),
            activity.organization().name(),
            activity.ownerName(),
            activity.createdAt().format(DAY),
            opened.owner(),
            activity.chatVisibilityEnabled(),
            dashboard.stats(activity),
            dashboard.students(activity, 1, 50),
            activity.chatVisibilityEnabled() ? dashboard.chats(activity, 1, 50) : null,
            opened.owner() ? configuration.choicesFor(activity, selected) : List.of(),
            selected,
            opened.owner()
                ? instructors.others(activity).stream()
                    .map(c -> new PageModels.Instructor(c.email(), c.displayName()))
                    .toList()
                : List.of());
    return pages.render(request, response, 200, "dashboard", model);
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Path("stats")
  public Response stats(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return ok(
        dashboard.stats(configuration.dashboardAccess(Bearer.token(authorization)).activity()));
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Path("students")
  public Response students(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @QueryParam("page") Integer page,
      @QueryParam("per_page") Integer perPage) {
    var activity = configuration.dashboardAccess(Bearer.token(authorization)).activity();
    return ok(dashboard.students(activity, orOne(page), orDefault(perPage)));
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Path("chats")
  public Response chats(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @QueryParam("page") Integer page,
      @QueryParam("per_page") Integer perPage) {
    var activity = configuration.dashboardAccess(Bearer.token(authorization)).activity();
    return ok(dashboard.chats(activity, orOne(page), orDefault(perPage)));
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Path("chats/{id}")
  public Response chat(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") long id) {
    var activity = configuration.dashboardAccess(Bearer.token(authorization)).activity();
    return ok(dashboard.transcript(activity, id));
  }

  /**
   * The owner hands the activity over to another of its instructors ({@link Handover}): {@code
   * {"email": "..."}}. Answers the new owner and a fresh dashboard path for the caller, who is no
   * longer the owner; 403 for anyone but the owner, 400 for someone who may not receive it.
   */
  @POST
  @Path("owner")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response handOver(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, String body) {
    Handover.Result result = handover.handOver(Bearer.token(authorization), email(body));
    return ok(
        new HandedOver(
            result.ownerEmail(),
            result.ownerName(),
            UnifiedActivityFlow.DASHBOARD + result.dashboardToken()));
  }

  /** The answer of {@link #handOver}: the new owner and where the caller's dashboard is now. */
  public record HandedOver(String ownerEmail, String ownerName, String dashboard) {}

  /** The {@code email} of a JSON object, or null: {@link Handover} refuses a missing one. */
  private static String email(String body) {
    try (var reader = JsonValues.reader(new StringReader(body == null ? "" : body))) {
      JsonValue value = reader.readValue();
      return value instanceof JsonObject o && o.get("email") instanceof JsonString email
          ? email.getString()
          : null;
    } catch (JsonException malformed) {
      return null;
    }
  }

  private static Response ok(Object body) {
    return Response.ok(body).header("Cache-Control", "no-store").build();
  }

  private static int orOne(Integer page) {
    return page == null ? 1 : page;
  }

  private static int orDefault(Integer perPage) {
    return perPage == null ? 20 : perPage;
  }
}
