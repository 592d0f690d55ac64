package org.ltibridge.learning.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ltibridge.access.control.Actor;
import org.ltibridge.learning.control.Courses.CourseChange;
import org.ltibridge.learning.entity.Course;
import org.ltibridge.learning.entity.Enrolment;
import org.ltibridge.learning.entity.Learner;
import org.ltibridge.system.control.Problem;

/**
 * Issue #20: the changes of courses, learners and enrolments. Who may is asked before anything is
 * read or written (the control here has no EntityManager at all: a refusal cannot have touched
 * one); a passing mark is a percentage; a withdrawn enrolment keeps what it had.
 */
class CourseChangesTest {

  static final Actor ORG_ADMIN = new Actor(2L, "org", Actor.Role.ORG_ADMIN, 7L);
  static final Actor CREATOR = new Actor(3L, "c", Actor.Role.CREATOR, 7L, 9L);
  static final Actor LEARNER = new Actor(null, "l@example.edu", Actor.Role.OTHER, null);

  @Test
  void onlySystemAdminsMayAndTheyAreAskedFirst() {
    Courses courses = new Courses(); // no EntityManager: anything past the rule would fail
    record Who(Actor actor, int status) {}
    for (Who who :
        List.of(
            new Who(ORG_ADMIN, 403),
            new Who(CREATOR, 403),
            new Who(LEARNER, 403),
            new Who(Actor.ANONYMOUS, 401))) {
      List<Runnable> actions =
          List.of(
              () -> courses.changeCourse(who.actor(), 1, new CourseChange("T", null, null)),
              () -> courses.changeLearner(who.actor(), 1, false),
              () -> courses.changeEnrolment(who.actor(), 1, true),
              () -> courses.courses(who.actor()),
              () -> courses.learners(who.actor()),
              () -> courses.enrolments(who.actor(), null));
      for (Runnable action : actions) {
        Problem refused = assertThrows(Problem.class, action::run);
        assertEquals(who.status(), refused.status(), who + ": " + refused.detail());
      }
    }
  }

  @Test
  void aPassingMarkIsAPercentageWithAtMostTwoDecimals() {
    for (String ok : List.of("0", "100", "60.5", "99.99", "100.00")) {
      assertEquals(new BigDecimal(ok), Courses.passing(new BigDecimal(ok)), ok);
    }
    for (String bad : List.of("-1", "100.01", "60.125", "1000")) {
      Problem refused = assertThrows(Problem.class, () -> Courses.passing(new BigDecimal(bad)));
      assertEquals(400, refused.status());
      assertEquals(Courses.ERROR_PASSING.english(), refused.detail());
    }
  }

  @Test
  void theEvaluationIsThePassingMarkRule() {
    assertEquals("PASSED", ScoreRule.evaluation(new BigDecimal("60.00"), new BigDecimal("60")));
    assertEquals("FAILED", ScoreRule.evaluation(new BigDecimal("59.99"), new BigDecimal("60")));
  }

  @Test
  void aWithdrawnEnrolmentKeepsWhatItHadAndIsRestored() {
    LocalDateTime t0 = LocalDateTime.of(2026, 1, 1, 8, 0);
    Course course = new Course("C1", "Course", new BigDecimal("50"), false, t0);
    Learner learner = new Learner("a@example.edu", "A", "B", null, t0);
    Enrolment e = new Enrolment(course, learner, "Learner", t0);
    e.evaluate("PASSED", t0);
    assertFalse(e.withdrawn());
    e.withdraw(t0.plusDays(1));
    e.withdraw(t0.plusDays(2));
    assertTrue(e.withdrawn());
    assertEquals(t0.plusDays(1), e.withdrawnAt(), "a second withdrawal changes nothing");
    assertEquals("PASSED", e.evaluation());
    e.restore(t0.plusDays(3));
    assertFalse(e.withdrawn());
    assertEquals("PASSED", e.evaluation());
  }

  @Test
  void aDisabledLearnerIsEnabledAgain() {
    Learner l = new Learner("a@example.edu", null, null, null, LocalDateTime.now());
    assertTrue(l.enabled(), "enabled when created");
    l.enable(false);
    assertFalse(l.enabled());
    l.enable(true);
    assertTrue(l.enabled());
  }
}
