package org.ltibridge.activity.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.ltibridge.activity.control.Configuration;
import org.ltibridge.activity.control.Dashboard;

/**
 * Seed 003 §10.3 dashboard JSON API. The dashboard token travels in {@code Authorization: Bearer}
 * (never in the URL, where it would outlive the request in logs and history). A student's token
 * gets 403; chats answer 403 while transcript review is off.
 */
@Path("lamb/v1/lti/dashboard")
@Produces(MediaType.APPLICATION_JSON)
public class DashboardApiResource {

  @Inject Configuration configuration;
  @Inject Dashboard dashboard;

  @GET
  @Path("stats")
  public Response stats(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return ok(
        dashboard.stats(configuration.dashboardAccess(Bearer.token(authorization)).activity()));
  }

  @GET
  @Path("students")
  public Response students(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @QueryParam("page") Integer page,
      @QueryParam("per_page") Integer perPage) {
    var activity = configuration.dashboardAccess(Bearer.token(authorization)).activity();
    return ok(dashboard.students(activity, orOne(page), orDefault(perPage)));
  }

  @GET
  @Path("chats")
  public Response chats(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @QueryParam("page") Integer page,
      @QueryParam("per_page") Integer perPage) {
    var activity = configuration.dashboardAccess(Bearer.token(authorization)).activity();
    return ok(dashboard.chats(activity, orOne(page), orDefault(perPage)));
  }

  @GET
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
