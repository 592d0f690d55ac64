package org.ltibridge.legacy.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.ltibridge.access.control.Actor;
import org.ltibridge.access.control.Permissions;
import org.ltibridge.access.control.Views;
import org.ltibridge.activity.control.Activities;
import org.ltibridge.activity.entity.Activity;
import org.ltibridge.assistant.entity.Assistant;
import org.ltibridge.identity.entity.CreatorUser;
import org.ltibridge.system.control.AuditLog;
import org.ltibridge.system.control.Problem;

/**
 * The legacy links' placements of an assistant, as its creator and the organisation's admins see
 * them, and their migration in place into Unified activities (LAMB lti_landscape.md §19, future
 * direction 12): from then on the same LMS link launches a Unified activity with the assistant
 * preselected, instructors get the dashboard, and students keep their identity and conversations.
 * Transcript review stays off, so students need no new consent. Who may do it is the assistant's
 * author rule ({@link Permissions#requireAuthorOf}).
 */
@ApplicationScoped
public class PlacementAdmin {

  static final Problem.Text ERROR_NO_ASSISTANT = Problem.text("legacy.PlacementAdmin.noAssistant");
  static final Problem.Text ERROR_NO_PLACEMENT = Problem.text("legacy.PlacementAdmin.noPlacement");
  static final Problem.Text ERROR_NOT_A_CREATOR = Problem.text("legacy.PlacementAdmin.notACreator");

  @PersistenceContext EntityManager em;
  @Inject Activities activities;
  @Inject AuditLog audit;
  @Inject Clock clock;

  /** Who owns a migrated placement. */
  public enum NewOwner {
    /** The person migrating it (they need a creator account in the organisation). */
    ME,
    /**
     * The first instructor who launched it with a creator account of the organisation, else the
     * assistant's creator.
     */
    FIRST_INSTRUCTOR
  }

  /**
   * One placement of a legacy link.
   *
   * @param kind {@code LEGACY}, or {@code UNIFIED} once migrated
   */
  public record PlacementView(
      long id,
      String kind,
      String contextId,
      String contextTitle,
      String resourceLinkId,
      String instanceGuid,
      String firstLaunch,
      String lastLaunch,
      String migratedAt,
      long students,
      long conversations) {}

  /** What a migration changes (or would change, in a dry run) for one placement. */
  public record Change(long placementId, String contextTitle, String newOwner, long students) {}

  public record Result(boolean dryRun, List<Change> changes) {}

  /** The assistant's placements, newest first. */
  @Transactional
  public List<PlacementView> list(Actor actor, long assistantId) {
    Assistant assistant = authorised(actor, assistantId);
    return placementsOf(assistant).stream().map(this::view).toList();
  }

  /**
   * Migrates the placements {@code ids} of the assistant (all its legacy ones when empty); a dry
   * run answers the same and writes nothing. Unknown ids refuse the whole request.
   */
  @Transactional
  public Result migrate(
      Actor actor, long assistantId, List<Long> ids, NewOwner owner, boolean dryRun) {
    Assistant assistant = authorised(actor, assistantId);
    List<Activity> all = placementsOf(assistant);
    List<Activity> chosen = new ArrayList<>();
    if (ids == null || ids.isEmpty()) {
      all.stream().filter(Activity::isLegacy).forEach(chosen::add);
    } else {
      for (Long id : new LinkedHashSet<>(ids)) {
        chosen.add(
            all.stream()
                .filter(p -> p.id().equals(id) && p.isLegacy())
                .findFirst()
                .orElseThrow(() -> Problem.notFound(ERROR_NO_PLACEMENT.with(id))));
      }
    }
    List<Change> changes = new ArrayList<>();
    LocalDateTime now = LocalDateTime.now(clock);
    for (Activity placement : chosen) {
      CreatorUser newOwner = ownerFor(actor, owner, placement, assistant);
      changes.add(
          new Change(
              placement.id(),
              placement.contextTitle(),
              newOwner.email(),
              count(
                  "SELECT COUNT(*) FROM lti_activity_users WHERE activity_id = ?1 AND role ="
                      + " 'STUDENT'",
                  placement.id())));
      if (!dryRun) {
        placement.migrate(newOwner, newOwner.displayName(), now);
        activities.changed(placement.id());
        audit.record(
            actor.name(),
            assistant.organization().id(),
            "legacy-placement.migrate",
            placement.contextTitle() == null
                ? placement.resourceLinkId()
                : placement.contextTitle(),
            newOwner.email());
      }
    }
    return new Result(dryRun, changes);
  }

  private Assistant authorised(Actor actor, long assistantId) {
    Assistant a = em.find(Assistant.class, assistantId);
    if (a == null) {
      throw Problem.notFound(ERROR_NO_ASSISTANT);
    }
    Permissions.requireAuthorOf(
        actor, a.organization().id(), a.owner() == null ? null : a.owner().id());
    return a;
  }

  private List<Activity> placementsOf(Assistant assistant) {
    Optional<String> key = assistant.ltiConsumerKey();
    if (key.isEmpty()) {
      return List.of();
    }
    return em.createQuery(
            "SELECT a FROM Activity a WHERE a.consumerKey = :key AND a.organization = :org"
                + " ORDER BY a.id DESC",
            Activity.class)
        .setParameter("key", key.get())
        .setParameter("org", assistant.organization())
        .getResultList();
  }

  private CreatorUser ownerFor(
      Actor actor, NewOwner owner, Activity placement, Assistant assistant) {
    if (owner == NewOwner.ME) {
      CreatorUser me =
          actor.creatorId() == null ? null : em.find(CreatorUser.class, actor.creatorId());
      if (me == null
          || !me.organization().id().equals(assistant.organization().id())
          || !me.mayCreate()) {
        throw Problem.conflict(ERROR_NOT_A_CREATOR);
      }
      return me;
    }
    return em.createQuery(
            "SELECT c FROM CreatorUser c, ActivityInstructor i WHERE i.creatorUserId = c.id"
                + " AND i.activityId = :activity AND c.organization.id = :org AND c.enabled = TRUE"
                + " ORDER BY i.firstSeenAt, c.id",
            CreatorUser.class)
        .setParameter("activity", placement.id())
        .setParameter("org", assistant.organization().id())
        .setMaxResults(1)
        .getResultStream()
        .findFirst()
        .orElse(assistant.owner());
  }

  private PlacementView view(Activity p) {
    return new PlacementView(
        p.id(),
        p.kind().name(),
        p.contextId(),
        p.contextTitle(),
        p.resourceLinkId(),
        instanceGuid(p.platformKey()),
        Views.time(p.createdAt()),
        lastLaunch(p.id()).map(Views::time).orElse(null),
        p.migratedAt().map(Views::time).orElse(null),
        count(
            "SELECT COUNT(*) FROM lti_activity_users WHERE activity_id = ?1 AND role = 'STUDENT'",
            p.id()),
        count("SELECT COUNT(*) FROM conversations WHERE activity_id = ?1", p.id()));
  }

  /**
   * The placement's last launch: its people's last access (the quick way of a returning student
   * counts the visit too), read when asked rather than written on every launch.
   */
  private Optional<LocalDateTime> lastLaunch(long id) {
    Object at =
        em.createNativeQuery(
                "SELECT MAX(last_access_at) FROM lti_activity_users WHERE activity_id = ?1")
            .setParameter(1, id)
            .getSingleResult();
    return Optional.ofNullable(
        at instanceof java.sql.Timestamp t ? t.toLocalDateTime() : (LocalDateTime) at);
  }

  /** The {@code tool_consumer_instance_guid} of an LTI 1.1 platform key, if the LMS sent one. */
  static String instanceGuid(String platformKey) {
    String guid = platformKey.substring(platformKey.lastIndexOf('|') + 1);
    return guid.equals("-") ? null : guid;
  }

  private long count(String sql, long id) {
    return ((Number) em.createNativeQuery(sql).setParameter(1, id).getSingleResult()).longValue();
  }
}
