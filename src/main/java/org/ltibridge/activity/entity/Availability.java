package org.ltibridge.activity.entity;

import org.ltibridge.system.control.Problem;

/**
 * Whether an activity may be used now, and if not why: the one rule behind every launch, chat page
 * and chat message. An activity is usable when it is active and its organisation is enabled, and a
 * legacy single-assistant link also only while its assistant is published; a disabled organisation
 * or activity keeps all its data and is usable again once enabled (an assistant once republished).
 *
 * <p>The quick paths state the same rule in SQL ({@link #USABLE_SQL}) so that they need no extra
 * round trip; {@code ReturningLaunchesCases} and {@code ChatViewCases} hold that SQL against {@link
 * #of} on H2 and PostgreSQL.
 */
public enum Availability {
  USABLE(null),
  ACTIVITY_DISABLED("activity.Availability.activityDisabled"),
  ORGANIZATION_DISABLED("activity.Availability.organizationDisabled"),
  ASSISTANT_UNAVAILABLE("activity.Availability.assistantUnavailable");

  /**
   * {@link #of} as an SQL condition on an activity {@code a} joined to its organisation {@code o}
   * ({@code JOIN organizations o ON o.id = a.organization_id}).
   */
  public static final String USABLE_SQL =
      "a.status = 'ACTIVE' AND o.enabled = TRUE AND (a.kind <> 'LEGACY' OR EXISTS (SELECT 1"
          + " FROM lti_activity_assistants aa JOIN assistant_publications p"
          + " ON p.assistant_id = aa.assistant_id WHERE aa.activity_id = a.id))";

  private final String noticeKey;

  Availability(String noticeKey) {
    this.noticeKey = noticeKey;
  }

  /**
   * The rule. A disabled organisation is named first: enabling the activity alone would not help.
   */
  public static Availability of(ActivityStatus status, boolean organizationEnabled) {
    return of(status, organizationEnabled, true);
  }

  /**
   * The rule, for an activity whose assistant may have gone: {@code assistantAvailable} is false
   * for a legacy link whose assistant is no longer published.
   */
  public static Availability of(
      ActivityStatus status, boolean organizationEnabled, boolean assistantAvailable) {
    if (!organizationEnabled) {
      return ORGANIZATION_DISABLED;
    }
    if (status != ActivityStatus.ACTIVE) {
      return ACTIVITY_DISABLED;
    }
    return assistantAvailable ? USABLE : ASSISTANT_UNAVAILABLE;
  }

  public boolean usable() {
    return this == USABLE;
  }

  /**
   * What a person is told when it is not usable (null when it is), in their language: a text of the
   * problems bundle.
   */
  public Problem.Text notice() {
    return noticeKey == null ? null : Problem.text(noticeKey);
  }
}
