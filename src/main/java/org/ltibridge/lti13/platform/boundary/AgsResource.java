package org.ltibridge.lti13.platform.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.ltibridge.learning.control.LineItems;
import org.ltibridge.learning.control.Scores;
import org.ltibridge.learning.entity.LineItem;
import org.ltibridge.learning.entity.LineItemData;
import org.ltibridge.learning.entity.ResultView;
import org.ltibridge.learning.entity.Score;
import org.ltibridge.lti13.platform.control.ContextRef;
import org.ltibridge.lti13.platform.control.PlatformUrls;
import org.ltibridge.lti13.platform.control.Scopes;
import org.ltibridge.lti13.platform.control.ServiceCaller;
import org.ltibridge.lti13.platform.control.ToolRegistry;
import org.ltibridge.system.boundary.JsonValues;
import org.ltibridge.system.control.Problem;

/**
 * Assignment and Grade Services 2.0 (1EdTech AGS 2.0: §3.2 line items, §3.3 results, §3.4 scores;
 * the URLs are ours, announced in the endpoint claim of §3.1): line items of a context, one line
 * item, its scores and its results. Every request carries an access token of the tool; a tool sees
 * only its own line items in contexts it is placed in.
 */
@Path("api/v1/lti/ags")
@ApplicationScoped
public class AgsResource {

  public static final String LINEITEM = "application/vnd.ims.lis.v2.lineitem+json";
  public static final String LINEITEMS = "application/vnd.ims.lis.v2.lineitemcontainer+json";
  public static final String SCORE = "application/vnd.ims.lis.v1.score+json";
  public static final String RESULTS = "application/vnd.ims.lis.v2.resultcontainer+json";

  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;
  static final Set<String> ACTIVITY =
      Set.of("Initialized", "Started", "InProgress", "Submitted", "Completed");
  static final Set<String> GRADING =
      Set.of("FullyGraded", "Pending", "PendingManual", "Failed", "NotReady");
  static final BigDecimal MAX_NUMBER = new BigDecimal("100000000");

  static final String ERROR_CONTEXT = "No such context for this tool.";
  static final String ERROR_JSON = "The body is not a JSON object.";
  static final String ERROR_LIMIT = "limit must be a whole number from 1 to " + MAX_LIMIT + ".";

  @Inject ServiceAuth auth;
  @Inject ToolRegistry registry;
  @Inject LineItems lineItems;
  @Inject Scores scores;
  @Inject Platform platform;
  @Context HttpServletRequest request;

  // --- line items ------------------------------------------------------------------------------

  @GET
  @Path("contexts/{contextId}/lineitems")
  public Response lineItems(
      @PathParam("contextId") String contextId,
      @QueryParam("resource_link_id") String resourceLinkId,
      @QueryParam("resource_id") String resourceId,
      @QueryParam("tag") String tag,
      @QueryParam("limit") String limitParam,
      @QueryParam("after") @DefaultValue("0") String afterParam) {
    ServiceCaller caller = auth.require(request, Scopes.LINEITEM, Scopes.LINEITEM_READONLY);
    ContextRef context = context(caller, contextId);
    int limit = limit(limitParam, DEFAULT_LIMIT);
    long after = after(afterParam);
    PlatformUrls urls = platform.urls(request);
    List<LineItem> page =
        lineItems.list(
            caller.toolId(), context.configId(), resourceLinkId, resourceId, tag, after, limit);
    var array = JsonValues.array();
    page.stream().limit(limit).forEach(li -> array.add(json(li, urls)));
    Response.ResponseBuilder r =
        Response.ok(array.build().toString(), LINEITEMS).header("Cache-Control", "no-store");
    if (page.size() > limit) {
      StringBuilder next =
          new StringBuilder(urls.lineItems(context.contextId()))
              .append("?limit=")
              .append(limit)
              .append("&after=")
              .append(page.get(limit - 1).id());
      appendFilter(next, "resource_link_id", resourceLinkId);
      appendFilter(next, "resource_id", resourceId);
      appendFilter(next, "tag", tag);
      r.header("Link", "<" + next + ">; rel=\"next\"");
    }
    return r.build();
  }

  @POST
  @Path("contexts/{contextId}/lineitems")
  @Consumes({LINEITEM, "application/json"})
  public Response createLineItem(@PathParam("contextId") String contextId, String body) {
    ServiceCaller caller = auth.require(request, Scopes.LINEITEM);
    ContextRef context = context(caller, contextId);
    LineItemData data = lineItemData(object(body));
    LineItem item = lineItems.create(caller.toolId(), context.configId(), data);
    PlatformUrls urls = platform.urls(request);
    return Response.created(URI.create(urls.lineItem(item.id())))
        .type(LINEITEM)
        .entity(json(item, urls).toString())
        .build();
  }

  @GET
  @Path("lineitems/{id}")
  public Response lineItem(@PathParam("id") long id) {
    ServiceCaller caller = auth.require(request, Scopes.LINEITEM, Scopes.LINEITEM_READONLY);
    LineItem item =
        lineItems
            .find(caller.toolId(), id)
            .orElseThrow(() -> Problem.notFound("No such line item."));
    return Response.ok(json(item, platform.urls(request)).toString(), LINEITEM).build();
  }

  @PUT
  @Path("lineitems/{id}")
  @Consumes({LINEITEM, "application/json"})
  public Response changeLineItem(@PathParam("id") long id, String body) {
    ServiceCaller caller = auth.require(request, Scopes.LINEITEM);
    LineItemData data = lineItemData(object(body));
    LineItem item = lineItems.change(caller.toolId(), id, data);
    return Response.ok(json(item, platform.urls(request)).toString(), LINEITEM).build();
  }

  @DELETE
  @Path("lineitems/{id}")
  public Response deleteLineItem(@PathParam("id") long id) {
    ServiceCaller caller = auth.require(request, Scopes.LINEITEM);
    lineItems.delete(caller.toolId(), id);
    return Response.noContent().build();
  }

  // --- scores and results ----------------------------------------------------------------------

  @POST
  @Path("lineitems/{id}/scores")
  @Consumes({SCORE, "application/json"})
  public Response score(@PathParam("id") long id, String body) {
    ServiceCaller caller = auth.require(request, Scopes.SCORE);
    Score score = score(object(body));
    try {
      scores.acceptScore(caller.toolId(), id, score);
    } catch (Scores.ScoreRace race) {
      // ltijs never retries: settle a race between two first scores here, once.
      scores.acceptScore(caller.toolId(), id, score);
    }
    PlatformUrls urls = platform.urls(request);
    return Response.ok(
            JsonValues.object().add("resultUrl", urls.lineItem(id) + "/results").build().toString(),
            "application/json")
        .build();
  }

  @GET
  @Path("lineitems/{id}/results")
  public Response results(
      @PathParam("id") long id,
      @QueryParam("user_id") String userId,
      @QueryParam("limit") String limitParam,
      @QueryParam("after") @DefaultValue("0") String afterParam) {
    ServiceCaller caller = auth.require(request, Scopes.RESULT_READONLY);
    int limit = limit(limitParam, DEFAULT_LIMIT);
    List<ResultView> page =
        scores.results(caller.toolId(), id, blankToNull(userId), after(afterParam), limit);
    PlatformUrls urls = platform.urls(request);
    String lineItemUrl = urls.lineItem(id);
    var array = JsonValues.array();
    for (ResultView r : page.subList(0, Math.min(limit, page.size()))) {
      JsonObjectBuilder o =
          JsonValues.object()
              .add("id", lineItemUrl + "/results/" + r.learnerId())
              .add("scoreOf", lineItemUrl)
              .add("userId", r.userId());
      if (r.scoreGiven() != null) {
        o.add("resultScore", r.scoreGiven());
      }
      if (r.scoreMaximum() != null) {
        o.add("resultMaximum", r.scoreMaximum());
      }
      if (r.comment() != null) {
        o.add("comment", r.comment());
      }
      array.add(o);
    }
    Response.ResponseBuilder res =
        Response.ok(array.build().toString(), RESULTS).header("Cache-Control", "no-store");
    if (page.size() > limit) {
      String next =
          lineItemUrl
              + "/results?limit="
              + limit
              + "&after="
              + page.get(limit - 1).learnerId()
              + (userId == null ? "" : "&user_id=" + PlatformUrlsEncoding.encode(userId));
      res.header("Link", "<" + next + ">; rel=\"next\"");
    }
    return res.build();
  }

  // --- translation -----------------------------------------------------------------------------

  private ContextRef context(ServiceCaller caller, String contextId) {
    return registry
        .context(caller.toolId(), contextId)
        .orElseThrow(() -> Problem.notFound(ERROR_CONTEXT));
  }

  static JsonObject object(String body) {
    try {
      JsonValue v = JsonValues.reader(new StringReader(body == null ? "" : body)).readValue();
      if (v.getValueType() != JsonValue.ValueType.OBJECT) {
        throw Problem.badRequest(ERROR_JSON);
      }
      return v.asJsonObject();
    } catch (JsonParsingException e) {
      throw Problem.badRequest(ERROR_JSON);
    } catch (JsonException | IllegalStateException e) {
      throw Problem.badRequest(ERROR_JSON);
    }
  }

  /** AGS §3.2: label and a positive scoreMaximum are required. */
  static LineItemData lineItemData(JsonObject o) {
    String label = string(o, "label", 500);
    if (label == null || label.isBlank()) {
      throw Problem.badRequest("AGS §3.2.4: label is required.");
    }
    BigDecimal max = number(o, "scoreMaximum");
    if (max == null || max.signum() <= 0) {
      throw Problem.badRequest("AGS §3.2.3: scoreMaximum must be a number greater than 0.");
    }
    return new LineItemData(
        label.strip(),
        max,
        string(o, "resourceLinkId", 255),
        string(o, "resourceId", 255),
        string(o, "tag", 255),
        time(o, "startDateTime", false),
        time(o, "endDateTime", false));
  }

  /**
   * AGS §3.4: userId, activityProgress, gradingProgress, timestamp; scoreMaximum with scoreGiven.
   */
  static Score score(JsonObject o) {
    String userId = string(o, "userId", 255);
    if (userId == null || userId.isBlank()) {
      throw Problem.badRequest("AGS §3.4.1: userId is required.");
    }
    String activity = string(o, "activityProgress", 32);
    if (activity == null || !ACTIVITY.contains(activity)) {
      throw Problem.badRequest("AGS §3.4.6: activityProgress must be one of " + ACTIVITY + ".");
    }
    String grading = string(o, "gradingProgress", 32);
    if (grading == null || !GRADING.contains(grading)) {
      throw Problem.badRequest("AGS §3.4.7: gradingProgress must be one of " + GRADING + ".");
    }
    LocalDateTime timestamp = time(o, "timestamp", true);
    BigDecimal given = number(o, "scoreGiven");
    BigDecimal maximum = number(o, "scoreMaximum");
    if (given != null && maximum == null) {
      throw Problem.badRequest("AGS §3.4.3: scoreMaximum is required with scoreGiven.");
    }
    if (given != null && given.signum() < 0) {
      throw Problem.badRequest("AGS §3.4.2: scoreGiven must be 0 or more.");
    }
    if (maximum != null && maximum.signum() <= 0) {
      throw Problem.badRequest("AGS §3.4.3: scoreMaximum must be greater than 0.");
    }
    String comment = string(o, "comment", 4000);
    return new Score(userId, given, maximum, activity, grading, comment, timestamp);
  }

  private static String string(JsonObject o, String name, int maxLength) {
    JsonValue v = o.get(name);
    if (v == null || v == JsonValue.NULL) {
      return null;
    }
    if (!(v instanceof JsonString s)) {
      throw Problem.badRequest(name + " must be a string.");
    }
    if (s.getString().length() > maxLength) {
      throw Problem.badRequest(name + " is longer than " + maxLength + " characters.");
    }
    return s.getString();
  }

  private static BigDecimal number(JsonObject o, String name) {
    JsonValue v = o.get(name);
    if (v == null || v == JsonValue.NULL) {
      return null;
    }
    if (!(v instanceof JsonNumber n)) {
      throw Problem.badRequest(name + " must be a number.");
    }
    BigDecimal d = n.bigDecimalValue();
    if (d.abs().compareTo(MAX_NUMBER) > 0 || d.scale() > 4 && d.stripTrailingZeros().scale() > 4) {
      throw Problem.badRequest(name + " is not a sensible number (at most 10^8, 4 decimals).");
    }
    return d;
  }

  private static LocalDateTime time(JsonObject o, String name, boolean required) {
    String s = string(o, name, 64);
    if (s == null) {
      if (required) {
        throw Problem.badRequest("AGS §3.4.5: " + name + " is required.");
      }
      return null;
    }
    try {
      return OffsetDateTime.parse(s)
          .withOffsetSameInstant(ZoneOffset.UTC)
          .toLocalDateTime()
          .truncatedTo(ChronoUnit.MICROS);
    } catch (DateTimeParseException e) {
      throw Problem.badRequest(name + " must be an ISO 8601 date-time with offset.");
    }
  }

  private static JsonObject json(LineItem item, PlatformUrls urls) {
    LineItemData d = item.data();
    JsonObjectBuilder o =
        JsonValues.object()
            .add("id", urls.lineItem(item.id()))
            .add("label", d.label())
            .add("scoreMaximum", d.scoreMaximum());
    if (d.resourceLinkId() != null) {
      o.add("resourceLinkId", d.resourceLinkId());
    }
    if (d.resourceId() != null) {
      o.add("resourceId", d.resourceId());
    }
    if (d.tag() != null) {
      o.add("tag", d.tag());
    }
    if (d.startAt() != null) {
      o.add("startDateTime", d.startAt().atOffset(ZoneOffset.UTC).toString());
    }
    if (d.endAt() != null) {
      o.add("endDateTime", d.endAt().atOffset(ZoneOffset.UTC).toString());
    }
    return o.build();
  }

  static int limit(String value, int defaultLimit) {
    if (value == null || value.isBlank()) {
      return defaultLimit;
    }
    try {
      int l = Integer.parseInt(value.strip());
      if (l >= 1 && l <= MAX_LIMIT) {
        return l;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw Problem.badRequest(ERROR_LIMIT);
  }

  static long after(String value) {
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw Problem.badRequest("after must be a whole number.");
    }
  }

  private static void appendFilter(StringBuilder url, String name, String value) {
    if (value != null) {
      url.append('&').append(name).append('=').append(PlatformUrlsEncoding.encode(value));
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
