package org.ltibridge.lti13.platform.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.ltibridge.access.control.Actor;
import org.ltibridge.access.control.Permissions;
import org.ltibridge.access.control.Permissions.Action;
import org.ltibridge.learning.control.ScoreTargets;
import org.ltibridge.lti13.platform.entity.CourseConfig;
import org.ltibridge.system.control.AuditLog;
import org.ltibridge.system.control.Problem;

/**
 * Placements of courses in tools ({@link CourseConfig}) once they exist: what the console and the
 * admin API list, and the one change both make (the tool's course id and URL, the context and
 * resource link overrides, custom parameters, grade sync, active or not). Each change asks {@link
 * Permissions} first, checks every value before it writes, and records itself in the {@link
 * AuditLog}. A deactivated placement is offered to no learner and cannot be launched ({@code
 * PlatformLaunches}); its line items, results and enrolments stay, and reactivating brings it back.
 */
@ApplicationScoped
public class Placements {

  static final Problem.Text ERROR_NO_PLACEMENT =
      Problem.text("lti13.platform.Placements.noPlacement");
  static final Problem.Text ERROR_CONTEXT_TAKEN =
      Problem.text("lti13.platform.Placements.contextTaken");
  static final Problem.Text ERROR_TOO_LONG = Problem.text("lti13.platform.Placements.tooLong");
  static final Problem.Text ERROR_NOTHING = Problem.text("lti13.platform.Placements.nothing");

  @PersistenceContext EntityManager em;
  @Inject Clock clock;
  @Inject AuditLog audit;
  @Inject ScoreTargets targets;
  @Inject ToolRegistry registry;

  /**
   * What changes: a null value stays as it is; an empty text clears the value (the context and
   * resource link ids are then derived from the course again).
   */
  public record PlacementChange(
      String externalCourseId,
      String externalCourseUrl,
      String contextIdOverride,
      String resourceLinkIdOverride,
      String customParams,
      Boolean autoSyncGrades,
      Boolean active) {

    /** Only (de)activation. */
    public static PlacementChange activation(boolean active) {
      return new PlacementChange(null, null, null, null, null, null, active);
    }

    boolean empty() {
      return externalCourseId == null
          && externalCourseUrl == null
          && contextIdOverride == null
          && resourceLinkIdOverride == null
          && customParams == null
          && autoSyncGrades == null
          && active == null;
    }
  }

  /** A placement with everything an admin can change. */
  public record PlacementDetail(
      long id,
      long courseId,
      String courseCode,
      String courseTitle,
      long toolId,
      String toolName,
      String deploymentId,
      String contextId,
      String resourceLinkId,
      String externalCourseId,
      String externalCourseUrl,
      String contextIdOverride,
      String resourceLinkIdOverride,
      String customParams,
      boolean autoSyncGrades,
      boolean active) {}

  /** Every placement (the console, which checks its caller itself). */
  public List<PlacementDetail> details() {
    return em.createQuery(
            "SELECT c FROM CourseConfig c JOIN FETCH c.course JOIN FETCH c.tool JOIN FETCH"
                + " c.deployment ORDER BY c.course.title, c.id",
            CourseConfig.class)
        .setMaxResults(500)
        .getResultStream()
        .map(Placements::detail)
        .toList();
  }

  public List<PlacementDetail> list(Actor actor) {
    Permissions.require(actor, Action.MANAGE_PLATFORM_COURSES, null);
    return details();
  }

  /**
   * Places a course in a tool (the console's form and {@code POST
   * /api/v1/admin/platform/placements}); the values are {@link ToolRegistry#place}'s.
   */
  @Transactional
  public PlacementDetail place(
      Actor actor,
      long toolId,
      long courseId,
      String externalCourseId,
      String externalCourseUrl,
      String contextIdOverride,
      String resourceLinkIdOverride,
      String customParamsJson,
      boolean autoSyncGrades) {
    Permissions.require(actor, Action.MANAGE_PLATFORM_COURSES, null);
    ToolRegistry.PlacementView placed =
        registry.place(
            toolId,
            courseId,
            externalCourseId,
            externalCourseUrl,
            contextIdOverride,
            resourceLinkIdOverride,
            customParamsJson,
            autoSyncGrades);
    audit.record(
        actor.name(),
        null,
        "placement.create",
        placed.toolName() + " / " + placed.courseTitle(),
        null);
    em.flush();
    return detail(find(placed.id()));
  }

  public PlacementDetail get(Actor actor, long id) {
    Permissions.require(actor, Action.MANAGE_PLATFORM_COURSES, null);
    return detail(find(id));
  }

  /** The one change of a placement, for the console and the admin API. */
  @Transactional
  public PlacementDetail change(Actor actor, long id, PlacementChange change) {
    Permissions.require(actor, Action.MANAGE_PLATFORM_COURSES, null);
    CourseConfig c = find(id);
    if (change.empty()) {
      throw Problem.badRequest(ERROR_NOTHING);
    }
    String externalId =
        text(
            change.externalCourseId(),
            c.externalCourseId(),
            Problem.text("lti13.platform.field.externalCourseId"),
            255);
    String url =
        text(
            change.externalCourseUrl(),
            c.externalCourseUrl(),
            Problem.text("lti13.platform.field.externalCourseUrl"),
            1000);
    if (change.externalCourseUrl() != null && url != null) {
      url = ToolRegistry.url(url, Problem.text("lti13.platform.field.externalCourseUrl"));
    }
    String contextOverride =
        text(
            change.contextIdOverride(),
            c.contextIdOverride(),
            Problem.text("lti13.platform.field.contextId"),
            255);
    String linkOverride =
        text(
            change.resourceLinkIdOverride(),
            c.resourceLinkIdOverride(),
            Problem.text("lti13.platform.field.resourceLinkId"),
            255);
    String custom =
        change.customParams() == null
            ? c.customParams()
            : ToolRegistry.customParams(change.customParams());
    boolean sync = change.autoSyncGrades() == null ? c.autoSyncGrades() : change.autoSyncGrades();
    boolean active = change.active() == null ? c.active() : change.active();

    String before = describe(c);
    boolean syncChanged = sync != c.autoSyncGrades();
    LocalDateTime now = LocalDateTime.now(clock);
    c.change(externalId, url, contextOverride, linkOverride, custom, sync, now);
    long clashes =
        em.createQuery(
                "SELECT COUNT(o) FROM CourseConfig o WHERE o.tool = :t AND o.contextId = :ctx"
                    + " AND o.id <> :id",
                Long.class)
            .setParameter("t", c.tool())
            .setParameter("ctx", c.contextId())
            .setParameter("id", c.id())
            .setFlushMode(jakarta.persistence.FlushModeType.COMMIT)
            .getSingleResult();
    if (clashes > 0) {
      // Nothing is flushed yet: the refusal rolls the change back.
      throw Problem.conflict(ERROR_CONTEXT_TAKEN.with(c.contextId()));
    }
    boolean activation = active != c.active();
    c.activate(active, now);
    List<String> actions = new ArrayList<>();
    if (!before.equals(describe(c))) {
      actions.add("placement.update");
    }
    if (activation) {
      actions.add(active ? "placement.activate" : "placement.deactivate");
    }
    for (String action : actions) {
      audit.record(
          actor.name(),
          null,
          action,
          c.course().code() + " in " + c.tool().name(),
          action.equals("placement.update") ? before + " -> " + describe(c) : null);
    }
    if (syncChanged) {
      targets.forgetAllAtCommit();
    }
    em.flush();
    return detail(c);
  }

  private CourseConfig find(long id) {
    CourseConfig c = em.find(CourseConfig.class, id);
    if (c == null) {
      throw Problem.notFound(ERROR_NO_PLACEMENT);
    }
    return c;
  }

  /** A text field: null keeps {@code current}, blank clears it, else the stripped value. */
  private static String text(String value, String current, Problem.Text what, int max) {
    if (value == null) {
      return current;
    }
    String v = ToolRegistry.blankToNull(value);
    if (v != null && v.length() > max) {
      throw Problem.badRequest(ERROR_TOO_LONG.with(what, max));
    }
    return v;
  }

  private static String describe(CourseConfig c) {
    return String.join(
        "|",
        Objects.toString(c.externalCourseId(), ""),
        Objects.toString(c.externalCourseUrl(), ""),
        c.contextId(),
        c.resourceLinkId(),
        Objects.toString(c.customParams(), ""),
        c.autoSyncGrades() ? "sync" : "no sync");
  }

  static PlacementDetail detail(CourseConfig c) {
    return new PlacementDetail(
        c.id(),
        c.course().id(),
        c.course().code(),
        c.course().title(),
        c.tool().id(),
        c.tool().name(),
        c.deployment().deploymentId(),
        c.contextId(),
        c.resourceLinkId(),
        c.externalCourseId(),
        c.externalCourseUrl(),
        c.contextIdOverride(),
        c.resourceLinkIdOverride(),
        c.customParams(),
        c.autoSyncGrades(),
        c.active());
  }
}
