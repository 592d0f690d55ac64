package org.ltibridge.activity.entity;

import java.util.Locale;
import java.util.Optional;

/**
 * How much an activity's instructors see of who a student is. LAMB's dashboard shows pseudonyms
 * only (lti_landscape.md §10.3); LAMB later dropped them because instructors asked for names (LAMB
 * issue #332). Here it is the activity owner's choice, within what the organisation allows.
 */
public enum IdentityPolicy {
  /** The stored random pseudonym only: the default. */
  PSEUDONYMOUS,
  /** The LMS name beside the pseudonym, for students who were told so. */
  NAMED;

  /**
   * Whether an activity's instructors see names: the activity chose {@link #NAMED} and its
   * organisation allows it. The only statement of the rule in Java; {@link #NAMES_SHOWN_SQL} says
   * it for the database.
   */
  public static boolean namesShown(IdentityPolicy chosen, boolean organizationAllows) {
    return chosen == NAMED && organizationAllows;
  }

  /**
   * {@link #namesShown} in SQL, on the {@code lti_activities} row aliased {@code a} and its {@code
   * organizations} row aliased {@code o} ({@code StillSoCases} holds the two together).
   */
  public static final String NAMES_SHOWN_SQL =
      "(a.identity_policy = 'NAMED' AND o.named_identities_allowed = TRUE)";

  /** The policy a JSON or form value names ({@code pseudonymous}, {@code named}), if any. */
  public static Optional<IdentityPolicy> named(String value) {
    if (value == null) {
      return Optional.empty();
    }
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "pseudonymous" -> Optional.of(PSEUDONYMOUS);
      case "named" -> Optional.of(NAMED);
      default -> Optional.empty();
    };
  }

  /** Its name in JSON and forms. */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }
}
