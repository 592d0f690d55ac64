package org.ltibridge.dashboard.boundary;

import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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
import jakarta.ws.rs.core.UriInfo;
import java.io.StringReader;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import org.ltibridge.activity.boundary.Bearer;
import org.ltibridge.activity.control.ActivityInstructors;
import org.ltibridge.activity.control.Configuration;
import org.ltibridge.activity.control.Handover;
import org.ltibridge.activity.control.PageModels;
import org.ltibridge.activity.control.UnifiedActivityFlow;
import org.ltibridge.activity.entity.Activity;
import org.ltibridge.activity.entity.IdentityPolicy;
import org.ltibridge.chat.control.ChatStatistics;
import org.ltibridge.dashboard.control.ChatFilters;
import org.ltibridge.dashboard.control.Dashboard;
import org.ltibridge.dashboard.control.DashboardPage;
import org.ltibridge.dashboard.control.Paging;
import org.ltibridge.dashboard.control.TranscriptViews;
import org.ltibridge.dashboard.control.UsageCharts;
import org.ltibridge.system.boundary.JsonValues;
import org.ltibridge.system.boundary.RequestLanguage;
import org.ltibridge.system.control.Problem;

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
  @Inject ActivityInstructors instructors;
  @Inject Handover handover;

  @Context HttpServletRequest request;
  @Context UriInfo uri;

  @GET
  @Produces(MediaType.TEXT_HTML)
  public Response page(@QueryParam("token") String token) {
    Configuration.Opened opened = configuration.openDashboard(token);
    String language = RequestLanguage.of(request);
    ResourceBundle words = RequestLanguage.messages(language);
    DateTimeFormatter day =
        DateTimeFormatter.ofPattern("d MMM yyyy", Locale.forLanguageTag(language));
    Activity activity = opened.activity();
    Dashboard.Stats stats = dashboard.stats(activity);
    Set<Long> selected = new HashSet<>();
    activity.assistants().forEach(a -> selected.add(a.id()));
    DashboardPage model =
        new DashboardPage(
            token,
            activity.name(),
            activity.contextTitle(),
            activity.organization().name(),
            activity.ownerName(),
            activity.createdAt().format(day),
            opened.owner(),
            activity.chatVisibilityEnabled(),
            stats,
            dashboard.students(activity, Paging.FIRST, stats),
            activity.chatVisibilityEnabled()
                ? dashboard.chats(activity, ChatStatistics.Filter.NONE, Paging.FIRST)
                : null,
            UsageCharts.of(dashboard.usage(activity, stats), words),
            opened.owner() ? configuration.choicesFor(activity, selected) : List.of(),
            selected,
            opened.owner()
                ? instructors.others(activity).stream()
                    .map(c -> new PageModels.Instructor(c.email(), c.displayName()))
                    .toList()
                : List.of(),
            Configuration.IdentityChoice.of(activity));
    return Response.ok(DashboardPageHtml.render(request.getContextPath(), model, language))
        .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
        .header("Cache-Control", "no-store")
        .build();
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Path("stats")
  public Response stats(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return ok(
        dashboard.stats(configuration.dashboardAccess(Bearer.token(authorization)).activity()));
  }

  /**
   * A page of the students (pseudonyms, access, chats and messages): {@code page} from 1, {@code
   * per_page} from 1 to 100 (20 if absent); anything else 400 ({@link Paging}). The answer has the
   * totals and a {@code Link} header to the next and previous pages (RFC 8288).
   */
  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Path("students")
  public Response students(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @QueryParam("page") String page,
      @QueryParam("per_page") String perPage) {
    var activity = configuration.dashboardAccess(Bearer.token(authorization)).activity();
    return paged(dashboard.students(activity, Paging.of(page, perPage)));
  }

  /**
   * A page of the reviewable chats, newest first, filtered by {@code assistant} (its id) and the
   * days of their last message {@code from} and {@code to} (ISO 8601 dates, UTC, both included);
   * paged as {@link #students}. 403 while review is off.
   */
  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Path("chats")
  public Response chats(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @QueryParam("page") String page,
      @QueryParam("per_page") String perPage,
      @QueryParam("assistant") String assistant,
      @QueryParam("from") String from,
      @QueryParam("to") String to) {
    var activity = configuration.dashboardAccess(Bearer.token(authorization)).activity();
    return paged(
        dashboard.chats(activity, ChatFilters.of(assistant, from, to), Paging.of(page, perPage)));
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Path("chats/{id}")
  public Response chat(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") long id) {
    Configuration.Opened opened = configuration.dashboardAccess(Bearer.token(authorization));
    return ok(
        dashboard.transcript(
            opened.activity(),
            id,
            new TranscriptViews.Viewer(opened.who().lmsUserId(), opened.who().name())));
  }

  /**
   * Usage over the activity's life: every day's students active, chats and messages, per assistant.
   */
  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Path("usage")
  public Response usage(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return ok(
        dashboard.usage(configuration.dashboardAccess(Bearer.token(authorization)).activity()));
  }

  /**
   * The access log of every student (pseudonym, first and last access, visits, chats, messages) as
   * a download, {@code format=csv} (default) or {@code json}.
   */
  @GET
  @Path("exports/access-log")
  public Response accessLog(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @QueryParam("format") String format) {
    var activity = configuration.dashboardAccess(Bearer.token(authorization)).activity();
    boolean json = Exports.json(format);
    return Exports.accessLog(
        dashboard.accessLog(activity), "access-log-activity-" + activity.id(), json);
  }

  /**
   * Every reviewable chat's pseudonymised transcript (the chats list's rule and filter) as a
   * download, {@code format=csv} (one record per message) or {@code json}; 403 while review is off.
   */
  @GET
  @Path("exports/transcripts")
  public Response transcripts(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @QueryParam("format") String format,
      @QueryParam("assistant") String assistant,
      @QueryParam("from") String from,
      @QueryParam("to") String to) {
    var activity = configuration.dashboardAccess(Bearer.token(authorization)).activity();
    boolean json = Exports.json(format);
    var filter = ChatFilters.of(assistant, from, to);
    return Exports.transcripts(
        dashboard.transcripts(activity, filter), "transcripts-activity-" + activity.id(), json);
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

  /**
   * The owner chooses what instructors see of who a student is: {@code {"identity_policy":
   * "pseudonymous"|"named"}} ({@link Configuration#chooseIdentityPolicy}). 403 for anyone but the
   * owner or for names the organisation does not allow, 400 for anything else; nothing is written
   * then.
   */
  @PUT
  @Path("identity-policy")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response identityPolicy(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, String body) {
    String token = Bearer.token(authorization);
    configuration.dashboardAccess(token); // who asks comes first: 401 before 400
    IdentityPolicy wanted =
        IdentityPolicy.named(field(body, "identity_policy"))
            .orElseThrow(() -> Problem.badRequest(ERROR_POLICY));
    return ok(configuration.chooseIdentityPolicy(token, wanted));
  }

  static final Problem.Text ERROR_POLICY = Problem.text("dashboard.DashboardResource.policy");

  /** The answer of {@link #handOver}: the new owner and where the caller's dashboard is now. */
  public record HandedOver(String ownerEmail, String ownerName, String dashboard) {}

  /** The {@code email} of a JSON object, or null: {@link Handover} refuses a missing one. */
  private static String email(String body) {
    return field(body, "email");
  }

  /** A string field of a JSON object, or null when the body is not one or lacks it. */
  private static String field(String body, String name) {
    try (var reader = JsonValues.reader(new StringReader(body == null ? "" : body))) {
      JsonValue value = reader.readValue();
      return value instanceof JsonObject o && o.get(name) instanceof JsonString field
          ? field.getString()
          : null;
    } catch (JsonException malformed) {
      return null;
    }
  }

  private static Response ok(Object body) {
    return Response.ok(body).header("Cache-Control", "no-store").build();
  }

  /** A page with links to its neighbours (RFC 8288), the rest of the query kept. */
  private Response paged(Dashboard.Slice<?> slice) {
    Response.ResponseBuilder answer = Response.ok(slice).header("Cache-Control", "no-store");
    if (slice.page() > 1) {
      answer.link(
          uri.getRequestUriBuilder().replaceQueryParam("page", slice.page() - 1).build(), "prev");
    }
    if (slice.page() < slice.pages()) {
      answer.link(
          uri.getRequestUriBuilder().replaceQueryParam("page", slice.page() + 1).build(), "next");
    }
    return answer.build();
  }
}
