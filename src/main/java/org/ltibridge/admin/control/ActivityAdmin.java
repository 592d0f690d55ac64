package org.ltibridge.admin.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ltibridge.access.control.Actor;
import org.ltibridge.access.control.Permissions.Action;
import org.ltibridge.access.control.Views;
import org.ltibridge.activity.control.Ownership;
import org.ltibridge.activity.entity.Activity;
import org.ltibridge.activity.entity.ActivityRole;
import org.ltibridge.activity.entity.ActivityStatus;
import org.ltibridge.assistant.entity.Assistant;
import org.ltibridge.org.entity.Organization;
import org.ltibridge.system.control.AuditLog;
import org.ltibridge.system.control.Problem;

/**
 * An organisation's Unified LTI activities as its org admin runs them (LAMB lti_landscape.md §17,
 * LAMB's org-admin page): the list, renaming, disabling and enabling, and transferring ownership to
 * another creator of the organisation (§3, §18.6).
 */
@ApplicationScoped
public class ActivityAdmin {

  static final Problem.Text ERROR_NO_ACTIVITY = Problem.text("admin.ActivityAdmin.noActivity");
  static final Problem.Text ERROR_STATUS = Problem.text("admin.ActivityAdmin.status");
  static final Problem.Text ERROR_ACTIVITY_NAME = Problem.text("admin.ActivityAdmin.activityName");

  @PersistenceContext EntityManager em;
  @Inject OrganizationAdmin organizations;
  @Inject Ownership ownership;
  @Inject AuditLog audit;
  @Inject Clock clock;

  /** One activity as the org admin's table shows it. */
  public record ActivityView(
      Long id,
      String name,
      String course,
      List<String> assistants,
      String ownerEmail,
      String ownerName,
      boolean transcriptReview,
      String status,
      long students,
      String createdAt) {}

  @Transactional
  public List<ActivityView> list(Actor actor, String slug) {
    Organization org = organizations.visible(actor, Action.LIST_ACTIVITIES, slug);
    Map<Long, Long> students = new HashMap<>();
    for (Object[] r :
        em.createQuery(
                "SELECT u.activity.id, COUNT(u) FROM ActivityUser u WHERE u.role = :role"
                    + " AND u.activity.organization.id = :org GROUP BY u.activity.id",
                Object[].class)
            .setParameter("role", ActivityRole.STUDENT)
            .setParameter("org", org.id())
            .getResultList()) {
      students.put(((Number) r[0]).longValue(), ((Number) r[1]).longValue());
    }
    return em
        .createQuery(
            "SELECT a FROM Activity a WHERE a.organization.id = :org ORDER BY a.createdAt DESC",
            Activity.class)
        .setParameter("org", org.id())
        .getResultList()
        .stream()
        .map(a -> view(a, students.getOrDefault(a.id(), 0L)))
        .toList();
  }

  /** Renames, disables or enables one activity (a null leaves that part as it is). */
  @Transactional
  public ActivityView update(Actor actor, String slug, Long id, String name, String status) {
    Organization org = organizations.visible(actor, Action.UPDATE_ACTIVITY, slug);
    Activity activity = find(org, id);
    ActivityStatus wanted = status == null ? null : status(status);
    String n = null;
    if (name != null) {
      n = name.strip();
      if (n.isEmpty() || n.length() > 300) {
        throw Problem.badRequest(ERROR_ACTIVITY_NAME);
      }
    }
    LocalDateTime now = LocalDateTime.now(clock);
    if (n != null && !n.equals(activity.givenName())) {
      audit.record(actor.name(), org.id(), "activity.rename", label(activity), n);
      activity.rename(n, now);
    }
    if (wanted != null && wanted != activity.status()) {
      activity.changeStatus(wanted, now);
      audit.record(
          actor.name(),
          org.id(),
          wanted == ActivityStatus.ACTIVE ? "activity.enable" : "activity.disable",
          label(activity),
          null);
    }
    return view(activity, students(activity));
  }

  /** Hands the activity to another creator of the organisation. */
  @Transactional
  public ActivityView transfer(Actor actor, String slug, Long id, String email) {
    Organization org = organizations.visible(actor, Action.TRANSFER_ACTIVITY, slug);
    Activity activity = find(org, id);
    String from = activity.ownerEmail();
    ownership.transfer(activity, email);
    if (!from.equals(activity.ownerEmail())) {
      audit.record(
          actor.name(),
          org.id(),
          "activity.transfer",
          label(activity),
          from + " → " + activity.ownerEmail());
    }
    return view(activity, students(activity));
  }

  private Activity find(Organization org, Long id) {
    Activity activity = id == null ? null : em.find(Activity.class, id);
    if (activity == null || !activity.organization().id().equals(org.id())) {
      throw Problem.notFound(ERROR_NO_ACTIVITY);
    }
    return activity;
  }

  private long students(Activity activity) {
    return em.createQuery(
            "SELECT COUNT(u) FROM ActivityUser u WHERE u.activity.id = :a AND u.role = :role",
            Long.class)
        .setParameter("a", activity.id())
        .setParameter("role", ActivityRole.STUDENT)
        .getSingleResult();
  }

  private static ActivityStatus status(String status) {
    return switch (status.strip().toLowerCase(Locale.ROOT)) {
      case "active" -> ActivityStatus.ACTIVE;
      case "disabled" -> ActivityStatus.DISABLED;
      default -> throw Problem.badRequest(ERROR_STATUS);
    };
  }

  private static String label(Activity a) {
    return "#" + a.id() + " " + a.name();
  }

  private static ActivityView view(Activity a, long students) {
    return new ActivityView(
        a.id(),
        a.name(),
        a.contextTitle(),
        a.assistants().stream().map(Assistant::name).toList(),
        a.ownerEmail(),
        a.ownerName(),
        a.chatVisibilityEnabled(),
        a.status().name().toLowerCase(Locale.ROOT),
        students,
        Views.time(a.createdAt()));
  }
}
