package org.ltibridge.activity.control;

import java.util.Objects;
import java.util.Optional;
import org.ltibridge.activity.entity.Availability;
import org.ltibridge.activity.entity.TokenKind;
import org.ltibridge.system.control.Problem;

/**
 * Where a launch at LAMB's Unified LTI path goes: the decision tree of LAMB's public {@code
 * Documentation/lti_landscape.md} §10.1, as one pure function of plain facts. It is the only
 * statement of the rule in Java: the full way ({@link UnifiedActivityFlow#handle}) gathers the
 * facts from the entities and acts on the answer, the quick way of a returning student ({@link
 * ReturningLaunches#redirect}) asks it with the facts its cache holds ({@link
 * ReturningStudents.Student}), and the quick way's SQL ({@link ReturningLaunches#STILL_SO}) states
 * the student part of it for the database, which {@code StillSoCases} holds against this function
 * on H2 and PostgreSQL.
 *
 * <pre>
 * activity configured?
 * ├─ yes, but not usable now (it or its organisation disabled)  → DISABLED (its notice)
 * ├─ yes, instructor                                            → DASHBOARD
 * ├─ yes, learner, a notice is due (transcript review on, or
 * │    names shown) and the student has not answered the
 * │    notice in force ({@link #notice})                        → CONSENT
 * ├─ yes, learner                                               → CHAT
 * └─ no
 *    ├─ instructor with a creator account that may act now      → SETUP
 *    ├─ instructor without one                                  → CONTACT_ADMIN
 *    └─ learner                                                 → WAITING
 * </pre>
 */
public final class UnifiedDecision {

  private UnifiedDecision() {}

  /** Where the launch goes. */
  public enum Destination {
    /** The instructor configures the placement (a setup token). */
    SETUP(null),
    /** 403: "contact your administrator". */
    CONTACT_ADMIN(null),
    /** 200: "not set up yet". */
    WAITING(null),
    /** 403: the activity or its organisation is disabled; {@link Verdict#notice} says which. */
    DISABLED(null),
    DASHBOARD(TokenKind.DASHBOARD),
    /** The student first reads the transcript-review notice (a consent token). */
    CONSENT(TokenKind.CONSENT),
    /** The student's chat (a chat token). */
    CHAT(TokenKind.CHAT);

    private final TokenKind token;

    Destination(TokenKind token) {
      this.token = token;
    }

    /** The page token the destination's page opens with, if it is a page of an activity. */
    public Optional<TokenKind> token() {
      return Optional.ofNullable(token);
    }
  }

  /**
   * The facts the decision turns on.
   *
   * @param configured an activity is configured at the placement
   * @param availability whether that activity may be used now (ignored when not configured)
   * @param instructor the launch carries an instructor role
   * @param hasCreatorAccounts the instructor has a creator account that may act now (including one
   *     self-service gives them at this launch); only asked of an instructor at an unconfigured
   *     placement
   * @param transcriptReview the activity lets instructors review transcripts
   * @param namesShown the activity's instructors see students' names ({@link
   *     org.ltibridge.activity.entity.IdentityPolicy#namesShown})
   * @param answeredNoticeVersion the notice version the student last answered (consenting or
   *     declining), null if never asked
   * @param currentNoticeVersion the notice version configured ({@link #notice} derives the one in
   *     force for the activity from it)
   */
  public record Facts(
      boolean configured,
      Availability availability,
      boolean instructor,
      boolean hasCreatorAccounts,
      boolean transcriptReview,
      boolean namesShown,
      String answeredNoticeVersion,
      String currentNoticeVersion) {

    public Facts {
      Objects.requireNonNull(availability, "availability");
      Objects.requireNonNull(currentNoticeVersion, "currentNoticeVersion");
    }

    /** A learner of a usable activity, as the returning students' cache remembers them. */
    public static Facts returningStudent(
        boolean instructor,
        boolean transcriptReview,
        boolean namesShown,
        String answeredNoticeVersion,
        String currentNoticeVersion) {
      return new Facts(
          true,
          Availability.USABLE,
          instructor,
          false,
          transcriptReview,
          namesShown,
          answeredNoticeVersion,
          currentNoticeVersion);
    }
  }

  /** Suffix of the notice that also says instructors see the student's name. */
  static final String NAMED = "+named";

  /** Suffix of the notice that says only that (transcript review off). */
  static final String NAMES_ONLY = "+names";

  /**
   * The notice a student of an activity must have answered before they chat, or empty if none is
   * due: what they are told depends on what instructors see, so each combination is a version of
   * its own, and a change of either asks again (GDPR Art. 13: informed before the data is
   * collected). Transcript review without names keeps the configured version as it is.
   *
   * <pre>
   * review  names   notice
   * on      no      {version}            transcripts reviewable under a pseudonym
   * on      yes     {version}+named      the same, with the student's name beside the pseudonym
   * off     yes     {version}+names      the name in the students' list, no transcripts
   * off     no      none
   * </pre>
   */
  public static Optional<String> notice(String version, boolean transcriptReview, boolean names) {
    if (transcriptReview) {
      return Optional.of(names ? version + NAMED : version);
    }
    return names ? Optional.of(version + NAMES_ONLY) : Optional.empty();
  }

  /**
   * The answer.
   *
   * @param notice what the person is told, for {@link Destination#DISABLED} (null otherwise)
   */
  public record Verdict(Destination destination, Problem.Text notice) {

    static Verdict of(Destination destination) {
      return new Verdict(destination, null);
    }
  }

  /** The rule. */
  public static Verdict decide(Facts f) {
    if (f.configured()) {
      if (!f.availability().usable()) {
        return new Verdict(Destination.DISABLED, f.availability().notice());
      }
      if (f.instructor()) {
        return Verdict.of(Destination.DASHBOARD);
      }
      boolean due =
          notice(f.currentNoticeVersion(), f.transcriptReview(), f.namesShown())
              .filter(n -> !n.equals(f.answeredNoticeVersion()))
              .isPresent();
      return Verdict.of(due ? Destination.CONSENT : Destination.CHAT);
    }
    if (f.instructor()) {
      return Verdict.of(f.hasCreatorAccounts() ? Destination.SETUP : Destination.CONTACT_ADMIN);
    }
    return Verdict.of(Destination.WAITING);
  }
}
