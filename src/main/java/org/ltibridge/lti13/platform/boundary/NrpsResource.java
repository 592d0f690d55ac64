package org.ltibridge.lti13.platform.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import org.ltibridge.launch.entity.Roles;
import org.ltibridge.learning.control.Rosters;
import org.ltibridge.learning.entity.Member;
import org.ltibridge.lti13.platform.control.ContextRef;
import org.ltibridge.lti13.platform.control.PlatformUrls;
import org.ltibridge.lti13.platform.control.Scopes;
import org.ltibridge.lti13.platform.control.ServiceCaller;
import org.ltibridge.lti13.platform.control.ToolRegistry;
import org.ltibridge.system.boundary.JsonValues;
import org.ltibridge.system.control.Problem;

/**
 * Names and Role Provisioning Services 2.0 (1EdTech NRPS 2.0; the URL is ours, announced in the
 * launch's NRPS claim): the membership container of a context the tool is placed in, each member
 * with a {@code message} section carrying our own extension (marks, evaluation, progress).
 */
@Path("api/v1/lti/nrps")
@ApplicationScoped
public class NrpsResource {

  public static final String MEMBERSHIPS =
      "application/vnd.ims.lti-nrps.v2.membershipcontainer+json";
  static final int DEFAULT_LIMIT = 50;
  static final String COURSE_OFFERING =
      "http://purl.imsglobal.org/vocab/lis/v2/course#CourseOffering";

  @Inject ServiceAuth auth;
  @Inject ToolRegistry registry;
  @Inject Rosters rosters;
  @Inject Platform platform;
  @Context HttpServletRequest request;

  @GET
  @Path("contexts/{contextId}/memberships")
  public Response memberships(
      @PathParam("contextId") String contextId,
      @QueryParam("role") String role,
      @QueryParam("limit") String limitParam,
      @QueryParam("rlid") String rlid,
      @QueryParam("after") @DefaultValue("0") String afterParam) {
    ServiceCaller caller = auth.require(request, Scopes.MEMBERSHIP);
    ContextRef context =
        registry
            .context(caller.toolId(), contextId)
            .orElseThrow(() -> Problem.notFound("No such context for this tool."));
    if (rlid != null && !rlid.equals(context.resourceLinkId())) {
      throw Problem.notFound("NRPS §2.4: no such resource link in this context.");
    }
    int limit = AgsResource.limit(limitParam, DEFAULT_LIMIT);
    long after = AgsResource.after(afterParam);
    String roleUri = roleUri(role);
    List<Member> page = rosters.page(context.courseId(), roleUri, after, limit);
    PlatformUrls urls = platform.urls(request);
    String self = urls.memberships(context.contextId());
    JsonArrayBuilder members = JsonValues.array();
    for (Member m : page.subList(0, Math.min(limit, page.size()))) {
      JsonObjectBuilder o =
          JsonValues.object()
              .add("status", "Active")
              .add("user_id", m.userId())
              .add("roles", JsonValues.array().add(m.role()));
      String name = m.name();
      if (!name.isEmpty()) {
        o.add("name", name);
      }
      if (m.givenName() != null) {
        o.add("given_name", m.givenName());
      }
      if (m.familyName() != null) {
        o.add("family_name", m.familyName());
      }
      o.add("email", m.email());
      JsonObjectBuilder message = JsonValues.object().add("progress", m.progress());
      message.add("status", m.status().toLowerCase(Locale.ROOT));
      if (m.obtainedMarks() != null) {
        message.add("obtained_marks", m.obtainedMarks());
      }
      if (m.evaluation() != null) {
        message.add("evaluation", m.evaluation().toLowerCase(Locale.ROOT));
      }
      o.add("message", message);
      members.add(o);
    }
    String body =
        JsonValues.object()
            .add("id", self)
            .add(
                "context",
                JsonValues.object()
                    .add("id", context.contextId())
                    .add("label", context.code())
                    .add("title", context.title())
                    .add("type", JsonValues.array().add(COURSE_OFFERING)))
            .add("members", members)
            .build()
            .toString();
    Response.ResponseBuilder r = Response.ok(body, MEMBERSHIPS).header("Cache-Control", "no-store");
    if (page.size() > limit) {
      StringBuilder next =
          new StringBuilder(self)
              .append("?limit=")
              .append(limit)
              .append("&after=")
              .append(page.get(limit - 1).enrolmentId());
      if (role != null) {
        next.append("&role=").append(PlatformUrlsEncoding.encode(role));
      }
      if (rlid != null) {
        next.append("&rlid=").append(PlatformUrlsEncoding.encode(rlid));
      }
      r.header("Link", "<" + next + ">; rel=\"next\"");
    }
    return r.build();
  }

  /** NRPS §2.3: a role filter is a full URI or a short name of a context role. */
  static String roleUri(String role) {
    if (role == null || role.isBlank()) {
      return null;
    }
    String r = role.strip();
    if (r.startsWith("http://") || r.startsWith("https://")) {
      return r;
    }
    return Roles.LIS + "membership#" + r;
  }
}
