package org.ltibridge.activity.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Locale;
import org.ltibridge.activity.entity.Activity;
import org.ltibridge.system.control.AuditLog;
import org.ltibridge.system.control.Problem;

/**
 * The owner hands their activity over to another of its instructors from the dashboard (LAMB
 * lti_landscape.md §18.6, §19 future direction 11). Who may receive it is {@link Ownership}'s rule
 * (an enabled creator of the activity's organisation); the dashboard offers only instructors of
 * this activity ({@link ActivityInstructors}). The change and its audit entry are one transaction;
 * a refusal writes nothing.
 */
@ApplicationScoped
public class Handover {

  static final Problem.Text ERROR_NOT_OWNER = Problem.text("activity.Handover.notOwner");
  static final Problem.Text ERROR_NOT_AN_INSTRUCTOR =
      Problem.text("activity.Handover.notAnInstructor");

  /** The audit action, as the org admin's transfer records it. */
  static final String ACTION = "activity.transfer";

  @Inject Configuration configuration;
  @Inject ActivityInstructors instructors;
  @Inject Ownership ownership;
  @Inject AuditLog audit;
  @Inject UnifiedActivityFlow flow;

  /**
   * The new owner and a fresh dashboard token for the one who handed it over (no longer the owner).
   */
  public record Result(String ownerEmail, String ownerName, String dashboardToken) {}

  @Transactional
  public Result handOver(String dashboardToken, String email) {
    Configuration.Opened opened = configuration.dashboardAccess(dashboardToken);
    Activity activity = opened.activity();
    if (!opened.owner()) {
      throw Problem.forbidden(ERROR_NOT_OWNER.with(activity.ownerName()));
    }
    String to = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    if (instructors.others(activity).stream().noneMatch(c -> c.email().equals(to))) {
      throw Problem.badRequest(
          ERROR_NOT_AN_INSTRUCTOR.with(to.isEmpty() ? Problem.text("activity.nobody") : to));
    }
    String from = activity.ownerEmail();
    ownership.transfer(activity, to);
    Claims.Dashboard who = opened.who();
    audit.record(
        who.email() == null ? from : who.email(),
        activity.organization().id(),
        ACTION,
        "#" + activity.id() + " " + activity.name(),
        from + " → " + activity.ownerEmail() + " (from the dashboard)");
    Claims.Dashboard nowNotOwner =
        new Claims.Dashboard(who.creatorUserId(), false, who.lmsUserId(), who.name(), who.email());
    return new Result(
        activity.ownerEmail(), activity.ownerName(), flow.dashboardToken(activity, nowNotOwner));
  }
}
