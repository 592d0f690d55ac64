package org.ltibridge.lti13.platform.boundary;

import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import org.ltibridge.identity.entity.AdminUser;
import org.ltibridge.learning.control.LineItems;
import org.ltibridge.learning.control.Rosters;
import org.ltibridge.learning.control.Scores;
import org.ltibridge.learning.entity.LineItem;
import org.ltibridge.learning.entity.Member;
import org.ltibridge.learning.entity.ResultView;
import org.ltibridge.lti13.platform.control.ContextRef;
import org.ltibridge.lti13.platform.control.PlatformUrls;
import org.ltibridge.lti13.platform.control.ToolRegistry;
import org.ltibridge.system.boundary.JsonValues;
import org.ltibridge.system.control.Problem;

/**
 * The platform's own reading of what tools reported, for a system admin signed in to the console:
 * {@code GET /api/v1/lti/tools/{tool_id}/grades?context_id=…} and {@code
 * .../progress/learners?context_id=…}.
 *
 * <p>Grades flow by push (AGS 2.0 §3.4: the tool posts scores to the platform): what the tool
 * posted through AGS is what we hold, so "pulling" answers from our records of that tool and
 * context — line items with their results, and each learner's progress — on demand, without a call
 * to the tool (LTI defines no service a platform could pull grades from).
 */
@Path("api/v1/lti/tools")
@Produces(MediaType.APPLICATION_JSON)
public class ToolDataResource {

  static final int MAX_ROWS = 10_000;

  @Inject ToolRegistry registry;
  @Inject LineItems lineItems;
  @Inject Scores scores;
  @Inject Rosters rosters;
  @Inject Platform platform;
  @Context HttpServletRequest request;

  @GET
  @Path("{toolId}/grades")
  public Response grades(@PathParam("toolId") long toolId, @QueryParam("context_id") String ctx) {
    ContextRef context = context(toolId, ctx);
    PlatformUrls urls = platform.urls(request);
    JsonArrayBuilder items = JsonValues.array();
    for (LineItem li : lineItems.list(toolId, context.configId(), null, null, null, 0, MAX_ROWS)) {
      JsonArrayBuilder results = JsonValues.array();
      for (ResultView r : scores.results(toolId, li.id(), null, 0, MAX_ROWS)) {
        JsonObjectBuilder o =
            JsonValues.object()
                .add("userId", r.userId())
                .add("activityProgress", r.activityProgress())
                .add("gradingProgress", r.gradingProgress())
                .add("timestamp", r.timestamp().atOffset(ZoneOffset.UTC).toString());
        if (r.scoreGiven() != null) {
          o.add("scoreGiven", r.scoreGiven());
        }
        if (r.scoreMaximum() != null) {
          o.add("scoreMaximum", r.scoreMaximum());
        }
        if (r.comment() != null) {
          o.add("comment", r.comment());
        }
        results.add(o);
      }
      items.add(
          JsonValues.object()
              .add("id", urls.lineItem(li.id()))
              .add("label", li.data().label())
              .add("scoreMaximum", li.data().scoreMaximum())
              .add("results", results));
    }
    return ok(
        JsonValues.object()
            .add("tool_id", toolId)
            .add("context_id", context.contextId())
            .add("line_items", items)
            .build()
            .toString());
  }

  @GET
  @Path("{toolId}/progress/learners")
  public Response progress(@PathParam("toolId") long toolId, @QueryParam("context_id") String ctx) {
    ContextRef context = context(toolId, ctx);
    List<Member> members = rosters.page(context.courseId(), null, 0, MAX_ROWS);
    JsonArrayBuilder learners = JsonValues.array();
    for (Member m : members) {
      JsonObjectBuilder o =
          JsonValues.object()
              .add("user_id", m.userId())
              .add("email", m.email())
              .add("name", m.name())
              .add("status", m.status().toLowerCase(Locale.ROOT))
              .add("progress", m.progress());
      if (m.obtainedMarks() != null) {
        o.add("obtained_marks", m.obtainedMarks());
      }
      if (m.evaluation() != null) {
        o.add("evaluation", m.evaluation().toLowerCase(Locale.ROOT));
      }
      learners.add(o);
    }
    return ok(
        JsonValues.object()
            .add("tool_id", toolId)
            .add("context_id", context.contextId())
            .add("learners", learners)
            .build()
            .toString());
  }

  private ContextRef context(long toolId, String contextId) {
    if (request.getUserPrincipal() == null) {
      throw new Problem(401, "Not signed in", "Sign in to the console as a system administrator.");
    }
    if (!request.isUserInRole(AdminUser.SYSTEM_ADMIN)) {
      throw Problem.forbidden(Problem.text("lti13.platform.ToolDataResource.systemAdmin"));
    }
    if (contextId == null || contextId.isBlank()) {
      throw Problem.badRequest(Problem.text("lti13.platform.ToolDataResource.context"));
    }
    return registry
        .context(toolId, contextId)
        .orElseThrow(
            () ->
                Problem.notFound(Problem.text("lti13.platform.ToolDataResource.noToolOrContext")));
  }

  private static Response ok(String json) {
    return Response.ok(json).header("Cache-Control", "no-store").build();
  }
}
