package org.ltibridge.lti13.platform.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Validator;
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
import java.net.URI;
import java.util.List;
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

  static final String ERROR_CONTEXT = "No such context for this tool.";
  static final String ERROR_LIMIT = "limit must be a whole number from 1 to " + MAX_LIMIT + ".";

  @Inject ServiceAuth auth;
  @Inject ToolRegistry registry;
  @Inject LineItems lineItems;
  @Inject Scores scores;
  @Inject Platform platform;
  @Inject Validator validator;
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
    List<AgsLineItem> items =
        page.stream().limit(limit).map(li -> AgsLineItem.of(li, urls.lineItem(li.id()))).toList();
    Response.ResponseBuilder r =
        Response.ok(AgsJson.write(items), LINEITEMS).header("Cache-Control", "no-store");
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
    LineItemData data = AgsJson.read(body, AgsLineItem.class, validator).toData();
    LineItem item = lineItems.create(caller.toolId(), context.configId(), data);
    String url = platform.urls(request).lineItem(item.id());
    return Response.created(URI.create(url))
        .type(LINEITEM)
        .entity(AgsJson.write(AgsLineItem.of(item, url)))
        .build();
  }

  @GET
  @Path("lineitems/{id}")
  public Response lineItem(@PathParam("id") long id) {
    ServiceCaller caller = auth.require(request, Scopes.LINEITEM, Scopes.LINEITEM_READONLY);
    LineItem item =
        lineItems
            .find(caller.toolId(), id)
            .orElseThrow(() -> Problem.notFound(LineItems.ERROR_NO_LINE_ITEM));
    return Response.ok(json(item), LINEITEM).build();
  }

  @PUT
  @Path("lineitems/{id}")
  @Consumes({LINEITEM, "application/json"})
  public Response changeLineItem(@PathParam("id") long id, String body) {
    ServiceCaller caller = auth.require(request, Scopes.LINEITEM);
    LineItemData data = AgsJson.read(body, AgsLineItem.class, validator).toData();
    LineItem item = lineItems.change(caller.toolId(), id, data);
    return Response.ok(json(item), LINEITEM).build();
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
    Score score = AgsJson.read(body, AgsScore.class, validator).toScore();
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
    List<AgsResult> results =
        page.subList(0, Math.min(limit, page.size())).stream()
            .map(
                r ->
                    new AgsResult(
                        lineItemUrl + "/results/" + r.learnerId(),
                        lineItemUrl,
                        r.userId(),
                        r.scoreGiven(),
                        r.scoreMaximum(),
                        r.comment()))
            .toList();
    Response.ResponseBuilder res =
        Response.ok(AgsJson.write(results), RESULTS).header("Cache-Control", "no-store");
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

  private String json(LineItem item) {
    return AgsJson.write(AgsLineItem.of(item, platform.urls(request).lineItem(item.id())));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
