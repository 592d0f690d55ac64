package org.ltibridge.activity.entity;

/**
 * Whether an activity may be used now, and if not why: the one rule behind every launch, chat page
 * and chat message. An activity is usable when it is active and its organisation is enabled; a
 * disabled organisation or activity keeps all its data and is usable again once enabled.
 *
 * <p>The quick paths state the same rule in SQL ({@link #USABLE_SQL}) so that they need no extra
 * round trip; {@code ReturningLaunchesCases} and {@code ChatViewCases} hold that SQL against {@link
 * #of} on H2 and PostgreSQL.
 */
public enum Availability {
  USABLE(null),
  ACTIVITY_DISABLED(
      "This activity has been disabled by your institution's administrator. Its assistants and"
          + " conversations are kept and come back when it is enabled again."),
  ORGANIZATION_DISABLED(
      "This organisation has been disabled by your institution's administrator. Its activities,"
          + " assistants and conversations are kept and come back when it is enabled again.");

  /**
   * {@link #of} as an SQL condition on an activity {@code a} joined to its organisation {@code o}
   * ({@code JOIN organizations o ON o.id = a.organization_id}).
   */
  public static final String USABLE_SQL = "a.status = 'ACTIVE' AND o.enabled = TRUE";

  private final String notice;

  Availability(String notice) {
    this.notice = notice;
  }

  /**
   * The rule. A disabled organisation is named first: enabling the activity alone would not help.
   */
  public static Availability of(ActivityStatus status, boolean organizationEnabled) {
    if (!organizationEnabled) {
      return ORGANIZATION_DISABLED;
    }
    return status == ActivityStatus.ACTIVE ? USABLE : ACTIVITY_DISABLED;
  }

  public boolean usable() {
    return this == USABLE;
  }

  /** What a person is told when it is not usable (null when it is). */
  public String notice() {
    return notice;
  }
}
