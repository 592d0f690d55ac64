package org.ltibridge.activity.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.ltibridge.activity.control.UnifiedDecision.Destination.CHAT;
import static org.ltibridge.activity.control.UnifiedDecision.Destination.CONSENT;
import static org.ltibridge.activity.control.UnifiedDecision.Destination.CONTACT_ADMIN;
import static org.ltibridge.activity.control.UnifiedDecision.Destination.DASHBOARD;
import static org.ltibridge.activity.control.UnifiedDecision.Destination.DISABLED;
import static org.ltibridge.activity.control.UnifiedDecision.Destination.SETUP;
import static org.ltibridge.activity.control.UnifiedDecision.Destination.WAITING;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.ltibridge.activity.control.UnifiedDecision.Destination;
import org.ltibridge.activity.control.UnifiedDecision.Facts;
import org.ltibridge.activity.entity.Availability;
import org.ltibridge.activity.entity.TokenKind;

/** The Unified LTI decision (LAMB lti_landscape.md §10.1) over every combination of its facts. */
class UnifiedDecisionTest {

  static final String CURRENT = "2026-11";
  static final String OLDER = "2025-09";

  /**
   * Never, an older notice, the current one with a pseudonym only, with names, names without
   * review.
   */
  static final String[] CONSENTS = {null, OLDER, CURRENT, CURRENT + "+named", CURRENT + "+names"};

  @Test
  void theWholeMatrix() {
    Set<Destination> reached = EnumSet.noneOf(Destination.class);
    int cases = 0;
    for (boolean configured : new boolean[] {true, false}) {
      for (Availability availability : Availability.values()) {
        for (boolean instructor : new boolean[] {true, false}) {
          for (boolean accounts : new boolean[] {true, false}) {
            for (boolean review : new boolean[] {true, false}) {
              for (boolean names : new boolean[] {true, false}) {
                for (String consented : CONSENTS) {
                  Facts facts =
                      new Facts(
                          configured,
                          availability,
                          instructor,
                          accounts,
                          review,
                          names,
                          consented,
                          CURRENT);
                  UnifiedDecision.Verdict verdict = UnifiedDecision.decide(facts);
                  assertEquals(expected(facts), verdict.destination(), facts.toString());
                  assertEquals(
                      verdict.destination() == DISABLED ? availability.notice() : null,
                      verdict.notice(),
                      facts.toString());
                  reached.add(verdict.destination());
                  cases++;
                }
              }
            }
          }
        }
      }
    }
    assertEquals(2 * Availability.values().length * 2 * 2 * 2 * 2 * CONSENTS.length, cases);
    assertEquals(EnumSet.allOf(Destination.class), reached);
  }

  /** The table of lti_landscape.md §10.1, row by row. */
  private static Destination expected(Facts f) {
    if (!f.configured()) {
      if (!f.instructor()) {
        return WAITING;
      }
      return f.hasCreatorAccounts() ? SETUP : CONTACT_ADMIN;
    }
    if (f.availability() != Availability.USABLE) {
      return DISABLED;
    }
    if (f.instructor()) {
      return DASHBOARD;
    }
    String due = NOTICES[f.transcriptReview() ? 0 : 1][f.namesShown() ? 0 : 1];
    return due != null && !due.equals(f.answeredNoticeVersion()) ? CONSENT : CHAT;
  }

  /** The notice due, by transcript review (on, off) and names shown (yes, no). */
  static final String[][] NOTICES = {{CURRENT + "+named", CURRENT}, {CURRENT + "+names", null}};

  @Test
  void whatAStudentIsToldIsItsOwnNoticeSoAnyChangeAsksAgain() {
    assertEquals(Optional.of(CURRENT), UnifiedDecision.notice(CURRENT, true, false));
    assertEquals(Optional.of(CURRENT + "+named"), UnifiedDecision.notice(CURRENT, true, true));
    assertEquals(Optional.of(CURRENT + "+names"), UnifiedDecision.notice(CURRENT, false, true));
    assertEquals(Optional.empty(), UnifiedDecision.notice(CURRENT, false, false));
    // Names switched on after a student consented to the pseudonymous notice: asked again.
    assertEquals(CONSENT, namedStudent(true, true, CURRENT));
    assertEquals(CHAT, namedStudent(true, true, CURRENT + "+named"));
    // Review switched on where the student was told only of names: asked again.
    assertEquals(CONSENT, namedStudent(true, true, CURRENT + "+names"));
    // Names switched off again: the pseudonymous notice is a new one to them.
    assertEquals(CONSENT, namedStudent(true, false, CURRENT + "+named"));
    // Names without review: told once.
    assertEquals(CONSENT, namedStudent(false, true, null));
    assertEquals(CHAT, namedStudent(false, true, CURRENT + "+names"));
  }

  private static Destination namedStudent(boolean review, boolean names, String answered) {
    return UnifiedDecision.decide(Facts.returningStudent(false, review, names, answered, CURRENT))
        .destination();
  }

  @Test
  void aStudentConsentsOncePerNoticeVersion() {
    assertEquals(CONSENT, student(true, null));
    assertEquals(CONSENT, student(true, OLDER));
    assertEquals(CHAT, student(true, CURRENT));
    assertEquals(CHAT, student(false, null));
    assertEquals(CHAT, student(false, OLDER));
  }

  @Test
  void aDisabledOrganisationOrActivityStopsEveryoneAndSaysWhy() {
    for (Availability a :
        new Availability[] {Availability.ACTIVITY_DISABLED, Availability.ORGANIZATION_DISABLED}) {
      for (boolean instructor : new boolean[] {true, false}) {
        UnifiedDecision.Verdict v =
            UnifiedDecision.decide(
                new Facts(true, a, instructor, true, true, false, null, CURRENT));
        assertEquals(DISABLED, v.destination());
        assertEquals(a.notice(), v.notice());
      }
    }
    assertNull(
        UnifiedDecision.decide(Facts.returningStudent(false, false, false, null, CURRENT))
            .notice());
  }

  @Test
  void theReturningStudentsFactsAreAUsableConfiguredActivity() {
    assertEquals(
        DASHBOARD,
        UnifiedDecision.decide(Facts.returningStudent(true, true, false, null, CURRENT))
            .destination());
    assertEquals(
        CONSENT,
        UnifiedDecision.decide(Facts.returningStudent(false, true, false, OLDER, CURRENT))
            .destination());
  }

  @Test
  void thePagesOfAnActivityOpenWithTheirOwnTokenKind() {
    assertEquals(Optional.of(TokenKind.CONSENT), CONSENT.token());
    assertEquals(Optional.of(TokenKind.CHAT), CHAT.token());
    assertEquals(Optional.of(TokenKind.DASHBOARD), DASHBOARD.token());
    Arrays.stream(new Destination[] {SETUP, CONTACT_ADMIN, WAITING, DISABLED})
        .forEach(d -> assertEquals(Optional.empty(), d.token(), d.name()));
  }

  private static Destination student(boolean review, String consented) {
    return UnifiedDecision.decide(
            new Facts(true, Availability.USABLE, false, false, review, false, consented, CURRENT))
        .destination();
  }
}
