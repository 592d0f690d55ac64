package org.ltibridge.activity.boundary;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.ltibridge.activity.control.Claims;
import org.ltibridge.activity.control.Configuration;
import org.ltibridge.activity.control.Dashboard;
import org.ltibridge.activity.control.PageModels;
import org.ltibridge.activity.entity.Activity;
import org.ltibridge.system.boundary.PageRenderer;

/**
 * Seed 003 §10.3 instructor dashboard: the page ({@code GET /lamb/v1/lti/dashboard?token=}, the
 * token accepted in the URL once) and its JSON API. The dashboard token travels in {@code
 * Authorization: Bearer} (never in the URL, where it would outlive the request in logs and
 * history). A student's token gets 403; chats answer 403 while transcript review is off.
 */
@Path("lamb/v1/lti/dashboard")
public class DashboardResource {

  @Inject Configuration configuration;
  @Inject Dashboard dashboard;
  @Inject PageRenderer pages;

  @Context HttpServletRequest request;
  @Context HttpServletResponse response;

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy");

  @GET
  @Produces(MediaType.TEXT_HTML)
  public Response page(@QueryParam("token") String token) {
    Configuration.Opened opened = configuration.openDashboard(token);
    Activity activity = opened.activity();
    Claims.Dashboard who = opened.who();
    Set<Long> selected = new HashSet<>();
    activity.assistants().forEach(a -> selected.add(a.id()));
    PageModels.DashboardPage model =
        new PageModels.DashboardPage(
            token,
            activity.name(),
            activity.contextTitle(),
            activity.organization().name(),
            activity.ownerName(),
            activity.createdAt().format(DAY),
            who.owner(),
            activity.chatVisibilityEnabled(),
            dashboard.stats(activity),
            dashboard.students(activity, 1, 50),
            activity.chatVisibilityEnabled() ? dashboard.chats(activity, 1, 50) : null,
            who.owner() ? configuration.choicesFor(activity, selected) : List.of(),
            selected);
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
