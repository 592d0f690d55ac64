package org.ltibridge.admin.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import org.ltibridge.access.control.Actor;
import org.ltibridge.access.control.Views;
import org.ltibridge.admin.control.ApiTokens;
import org.ltibridge.learning.control.Courses;
import org.ltibridge.learning.control.Courses.CourseChange;
import org.ltibridge.learning.control.Courses.LearnerView;
import org.ltibridge.learning.entity.Course;
import org.ltibridge.learning.entity.EnrolmentView;
import org.ltibridge.lti13.platform.control.Placements;
import org.ltibridge.lti13.platform.control.Placements.PlacementChange;
import org.ltibridge.lti13.platform.control.Placements.PlacementDetail;
import org.ltibridge.system.boundary.JsonValues;
import org.ltibridge.system.control.Problem;

/**
 * The LTI 1.3 platform role's placements, courses, learners and enrolments over the admin API: the
 * console's twin ({@code admin/platform.xhtml}). Each method reads the caller's bearer token and
 * the body and hands both to the control method the console calls too ({@link Placements#change},
 * {@link Courses#changeCourse}, {@link Courses#changeLearner}, {@link Courses#changeEnrolment}),
 * which decides who may (system admins only) and checks every value before it writes.
 */
@Path("api/v1/admin/platform")
@ApplicationScoped
public class AdminPlatformCoursesResource {

  static final String EXAMPLE_PLACEMENT =
      "{\"external_course_url\": \"https://tool.example/course/7\", \"custom\": {\"unit\": \"2\"},"
          + " \"auto_sync_grades\": true, \"active\": false}";
  static final String EXAMPLE_COURSE =
      "{\"title\": \"Physics 101\", \"passing_mark\": 60, \"open\": false}";
  static final String EXAMPLE_LEARNER = "{\"enabled\": false}";
  static final String EXAMPLE_ENROLMENT = "{\"withdrawn\": true}";
  static final Problem.Text ERROR_PERCENTAGE =
      Problem.text("admin.AdminPlatformCoursesResource.percentage");
  static final Problem.Text ERROR_CUSTOM =
      Problem.text("admin.AdminPlatformCoursesResource.custom");
  static final Problem.Text ERROR_COURSE_ID =
      Problem.text("admin.AdminPlatformCoursesResource.courseId");
  static final String EXAMPLE_NEW_PLACEMENT =
      "{\"tool_id\": 3, \"course_id\": 7, \"external_course_url\": \"https://tool.example/c/7\"}";
  static final String EXAMPLE_NEW_COURSE =
      "{\"code\": \"PHYS101\", \"title\": \"Physics 101\", \"passing_mark\": 60, \"open\": false}";
  static final String EXAMPLE_NEW_LEARNER =
      "{\"email\": \"ada@example.edu\", \"given_name\": \"Ada\", \"family_name\": \"Lovelace\","
          + " \"password\": \"at least twelve characters\"}";
  static final String EXAMPLE_NEW_ENROLMENT =
      "{\"course_id\": 7, \"email\": \"ada@example.edu\", \"role\": \"learner\"}";
  static final Problem.Text ERROR_ID = Problem.text("admin.AdminPlatformCoursesResource.id");
  static final Problem.Text ERROR_ROLE = Problem.text("admin.AdminPlatformCoursesResource.role");

  @Inject ApiTokens tokens;
  @Inject Placements placements;
  @Inject Courses courses;

  // --- placements ------------------------------------------------------------------------------

  /**
   * {@code PATCH /placements/{id}}: any of {@code external_course_id}, {@code external_course_url},
   * {@code context_id_override}, {@code resource_link_id_override} (null or "" clears), {@code
   * custom} (an object of strings; null clears), {@code auto_sync_grades}, {@code active}.
   */
  record PlacementPatch(PlacementChange change) {
    static PlacementPatch of(String body) {
      JsonObject o = AdminJson.object(body, EXAMPLE_PLACEMENT);
      AdminJson.requireAny(
          o,
          "external_course_id",
          "external_course_url",
          "context_id_override",
          "resource_link_id_override",
          "custom",
          "auto_sync_grades",
          "active");
      return new PlacementPatch(
          new PlacementChange(
              AdminJson.clearable(o, "external_course_id"),
              AdminJson.clearable(o, "external_course_url"),
              AdminJson.clearable(o, "context_id_override"),
              AdminJson.clearable(o, "resource_link_id_override"),
              custom(o),
              AdminJson.bool(o, "auto_sync_grades", false),
              AdminJson.bool(o, "active", false)));
    }

    /** The custom parameters as the control layer takes them: JSON text, "" to clear. */
    static String custom(JsonObject o) {
      if (!o.containsKey("custom")) {
        return null;
      }
      JsonValue v = o.get("custom");
      if (v.getValueType() == JsonValue.ValueType.NULL) {
        return "";
      }
      if (v.getValueType() != JsonValue.ValueType.OBJECT) {
        throw Problem.badRequest(ERROR_CUSTOM);
      }
      return v.toString();
    }
  }

  @GET
  @Path("placements")
  public Response placements(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return AdminJson.ok(
        AdminJson.array(
                placements.list(tokens.actor(authorization)).stream()
                    .map(AdminPlatformCoursesResource::placement)
                    .toList())
            .build());
  }

  /**
   * {@code POST /placements}: places a course in a tool ({@code tool_id}, {@code course_id}; the
   * rest as {@code PATCH} takes them, {@code context_id} and {@code resource_link_id} overriding
   * the derived ones). 201 with the placement.
   */
  @POST
  @Path("placements")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response place(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, String body) {
    Actor actor = tokens.actor(authorization);
    JsonObject o = AdminJson.object(body, EXAMPLE_NEW_PLACEMENT);
    long toolId = id(o, "tool_id");
    long courseId = id(o, "course_id");
    String custom = PlacementPatch.custom(o);
    Boolean sync = AdminJson.bool(o, "auto_sync_grades", false);
    PlacementDetail placed =
        placements.place(
            actor,
            toolId,
            courseId,
            AdminJson.string(o, "external_course_id", false),
            AdminJson.string(o, "external_course_url", false),
            AdminJson.string(o, "context_id", false),
            AdminJson.string(o, "resource_link_id", false),
            custom == null || custom.isEmpty() ? null : custom,
            sync == null || sync);
    return AdminJson.created(null, placement(placed));
  }

  @GET
  @Path("placements/{id}")
  public Response placement(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") long id) {
    return AdminJson.ok(placement(placements.get(tokens.actor(authorization), id)));
  }

  @PATCH
  @Path("placements/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response changePlacement(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @PathParam("id") long id,
      String body) {
    Actor actor = tokens.actor(authorization);
    PlacementPatch patch = PlacementPatch.of(body);
    return AdminJson.ok(placement(placements.change(actor, id, patch.change())));
  }

  // --- courses ---------------------------------------------------------------------------------

  /** {@code PATCH /courses/{id}}: any of {@code title}, {@code passing_mark}, {@code open}. */
  record CoursePatch(CourseChange change) {
    static CoursePatch of(String body) {
      JsonObject o = AdminJson.object(body, EXAMPLE_COURSE);
      AdminJson.requireAny(o, "title", "passing_mark", "open");
      return new CoursePatch(
          new CourseChange(
              AdminJson.string(o, "title", false),
              percentage(o, "passing_mark"),
              AdminJson.bool(o, "open", false)));
    }
  }

  @GET
  @Path("courses")
  public Response courses(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return AdminJson.ok(
        AdminJson.array(
                courses.courses(tokens.actor(authorization)).stream()
                    .map(AdminPlatformCoursesResource::course)
                    .toList())
            .build());
  }

  /**
   * {@code POST /courses}: {@code code} (letters, digits, {@code . _ -}), {@code title}, {@code
   * passing_mark} (0-100, default 50), {@code open} (anyone may launch it; default false). 201.
   */
  @POST
  @Path("courses")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response createCourse(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, String body) {
    Actor actor = tokens.actor(authorization);
    JsonObject o = AdminJson.object(body, EXAMPLE_NEW_COURSE);
    Boolean open = AdminJson.bool(o, "open", false);
    Course created =
        courses.createCourse(
            actor,
            AdminJson.string(o, "code", true),
            AdminJson.string(o, "title", true),
            percentage(o, "passing_mark"),
            open != null && open);
    return AdminJson.created(null, course(created));
  }

  @GET
  @Path("courses/{id}")
  public Response course(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") long id) {
    return AdminJson.ok(course(courses.course(tokens.actor(authorization), id)));
  }

  @PATCH
  @Path("courses/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response changeCourse(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @PathParam("id") long id,
      String body) {
    Actor actor = tokens.actor(authorization);
    CoursePatch patch = CoursePatch.of(body);
    return AdminJson.ok(course(courses.changeCourse(actor, id, patch.change())));
  }

  // --- learners --------------------------------------------------------------------------------

  @GET
  @Path("learners")
  public Response learners(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return AdminJson.ok(
        AdminJson.array(
                courses.learners(tokens.actor(authorization)).stream()
                    .map(AdminPlatformCoursesResource::learner)
                    .toList())
            .build());
  }

  /**
   * {@code POST /learners}: {@code email}, {@code given_name}, {@code family_name}, {@code
   * password} (12 characters or more; without one the learner is on rosters but cannot sign in).
   * 201; the password is never answered.
   */
  @POST
  @Path("learners")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response createLearner(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, String body) {
    Actor actor = tokens.actor(authorization);
    JsonObject o = AdminJson.object(body, EXAMPLE_NEW_LEARNER);
    return AdminJson.created(
        null,
        learner(
            courses.createLearner(
                actor,
                AdminJson.string(o, "email", true),
                AdminJson.string(o, "given_name", false),
                AdminJson.string(o, "family_name", false),
                AdminJson.string(o, "password", false))));
  }

  @GET
  @Path("learners/{id}")
  public Response learner(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") long id) {
    return AdminJson.ok(learner(courses.learner(tokens.actor(authorization), id)));
  }

  /** {@code PATCH /learners/{id}}: {@code enabled}. */
  @PATCH
  @Path("learners/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response changeLearner(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @PathParam("id") long id,
      String body) {
    Actor actor = tokens.actor(authorization);
    Boolean enabled = AdminJson.bool(AdminJson.object(body, EXAMPLE_LEARNER), "enabled", true);
    return AdminJson.ok(learner(courses.changeLearner(actor, id, enabled)));
  }

  // --- enrolments ------------------------------------------------------------------------------

  @GET
  @Path("enrolments")
  public Response enrolments(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @QueryParam("course_id") String courseId) {
    Actor actor = tokens.actor(authorization);
    Long course = null;
    if (courseId != null && !courseId.isBlank()) {
      try {
        course = Long.parseLong(courseId.strip());
      } catch (NumberFormatException e) {
        throw Problem.badRequest(ERROR_COURSE_ID);
      }
    }
    return AdminJson.ok(
        AdminJson.array(
                courses.enrolments(actor, course).stream()
                    .map(AdminPlatformCoursesResource::enrolment)
                    .toList())
            .build());
  }

  /**
   * {@code POST /enrolments}: {@code course_id}, the learner's {@code email}, {@code role} ({@code
   * learner}, the default, or {@code instructor}). 201; an enrolment that exists already is
   * answered as it is, a withdrawn one is 409 (restore it with {@code PATCH}).
   */
  @POST
  @Path("enrolments")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response enrol(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, String body) {
    Actor actor = tokens.actor(authorization);
    JsonObject o = AdminJson.object(body, EXAMPLE_NEW_ENROLMENT);
    long courseId = id(o, "course_id");
    String email = AdminJson.string(o, "email", true);
    String role = AdminJson.string(o, "role", false);
    if (role != null && !role.equals("learner") && !role.equals("instructor")) {
      throw Problem.badRequest(ERROR_ROLE);
    }
    return AdminJson.created(
        null, enrolment(courses.enrol(actor, courseId, email, "instructor".equals(role))));
  }

  @GET
  @Path("enrolments/{id}")
  public Response enrolment(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") long id) {
    return AdminJson.ok(enrolment(courses.enrolment(tokens.actor(authorization), id)));
  }

  /** {@code PATCH /enrolments/{id}}: {@code withdrawn}. */
  @PATCH
  @Path("enrolments/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response changeEnrolment(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @PathParam("id") long id,
      String body) {
    Actor actor = tokens.actor(authorization);
    Boolean withdrawn =
        AdminJson.bool(AdminJson.object(body, EXAMPLE_ENROLMENT), "withdrawn", true);
    return AdminJson.ok(enrolment(courses.changeEnrolment(actor, id, withdrawn)));
  }

  // --- the wire format -------------------------------------------------------------------------

  /** A percentage field: null when absent or JSON null; a number from 0 to 100 otherwise. */
  /** A required whole number. */
  static long id(JsonObject o, String name) {
    JsonValue v = o.get(name);
    if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
      throw Problem.badRequest(AdminJson.ERROR_REQUIRED.with(name));
    }
    if (v.getValueType() != JsonValue.ValueType.NUMBER || !((JsonNumber) v).isIntegral()) {
      throw Problem.badRequest(ERROR_ID.with(name));
    }
    return ((JsonNumber) v).longValue();
  }

  static BigDecimal percentage(JsonObject o, String name) {
    JsonValue v = o.get(name);
    if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    if (v.getValueType() != JsonValue.ValueType.NUMBER) {
      throw Problem.badRequest(ERROR_PERCENTAGE.with(name));
    }
    return ((JsonNumber) v).bigDecimalValue();
  }

  static JsonObject placement(PlacementDetail p) {
    return JsonValues.object()
        .add("id", p.id())
        .add("course_id", p.courseId())
        .add("course_code", p.courseCode())
        .add("course_title", p.courseTitle())
        .add("tool_id", p.toolId())
        .add("tool_name", p.toolName())
        .add("deployment_id", p.deploymentId())
        .add("context_id", p.contextId())
        .add("resource_link_id", p.resourceLinkId())
        .add("external_course_id", AdminJson.nullable(p.externalCourseId()))
        .add("external_course_url", AdminJson.nullable(p.externalCourseUrl()))
        .add("context_id_override", AdminJson.nullable(p.contextIdOverride()))
        .add("resource_link_id_override", AdminJson.nullable(p.resourceLinkIdOverride()))
        .add(
            "custom",
            p.customParams() == null
                ? JsonValue.NULL
                : JsonValues.reader(new java.io.StringReader(p.customParams())).readObject())
        .add("auto_sync_grades", p.autoSyncGrades())
        .add("active", p.active())
        .build();
  }

  static JsonObject course(Course c) {
    return JsonValues.object()
        .add("id", c.id())
        .add("code", c.code())
        .add("title", c.title())
        .add("passing_mark", c.passingMarks())
        .add("open", c.selfEnrol())
        .build();
  }

  static JsonObject learner(LearnerView l) {
    return JsonValues.object()
        .add("id", l.id())
        .add("email", l.email())
        .add("name", l.name().isEmpty() ? JsonValue.NULL : JsonValues.string(l.name()))
        .add("user_id", l.userId())
        .add("enabled", l.enabled())
        .add("has_password", l.hasPassword())
        .build();
  }

  static JsonObject enrolment(EnrolmentView e) {
    JsonObjectBuilder b = JsonValues.object();
    if (e.obtainedMarks() == null) {
      b.addNull("obtained_marks");
    } else {
      b.add("obtained_marks", e.obtainedMarks());
    }
    return b.add("id", e.id())
        .add("course_id", e.courseId())
        .add("course_code", e.courseCode())
        .add("learner_id", e.learnerId())
        .add("learner_email", e.learnerEmail())
        .add("user_id", e.learnerUserId())
        .add("status", e.status())
        .add("progress", e.progress() == null ? 0 : e.progress())
        .add("evaluation", AdminJson.nullable(e.evaluation()))
        .add("withdrawn", e.withdrawn())
        .add("withdrawn_at", AdminJson.nullable(time(e.withdrawnAt())))
        .build();
  }

  private static String time(LocalDateTime t) {
    return t == null ? null : Views.time(t);
  }
}
