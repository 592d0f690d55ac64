package org.ltibridge.admin.control;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.ltibridge.admin.control.StudentErasure.Request;
import org.ltibridge.system.control.Problem;

/** What an erasure request must say before anything is looked up: where, and whom. */
class StudentErasureTest {

  final StudentErasure erasure = new StudentErasure();

  @Test
  void whereIsOneActivityOrAllNeverBothNorNeither() {
    assertRefused(
        StudentErasure.ERROR_SCOPE.english(), new Request(null, false, "u1", null, null, null));
    assertRefused(
        StudentErasure.ERROR_SCOPE.english(), new Request(7L, true, "u1", null, null, null));
    assertDoesNotThrow(() -> erasure.check(new Request(7L, false, "u1", null, null, null)));
    assertDoesNotThrow(() -> erasure.check(new Request(null, true, "u1", null, null, null)));
  }

  @Test
  void whomIsAnLmsIdAUsernameOrAPseudonymInOneActivity() {
    assertRefused(
        StudentErasure.ERROR_WHO.english(), new Request(7L, false, null, null, null, null));
    assertRefused(
        StudentErasure.ERROR_WHO.english(), new Request(7L, false, "  ", "", "lms", null));
    assertRefused(
        StudentErasure.ERROR_PSEUDONYM_NEEDS_ACTIVITY.english(),
        new Request(null, true, null, null, null, "Blue Fox"));
    assertDoesNotThrow(() -> erasure.check(new Request(7L, false, null, null, null, "Blue Fox")));
    assertDoesNotThrow(() -> erasure.check(new Request(null, true, null, "sam", null, null)));
    assertRefused(
        StudentErasure.ERROR_TOO_LONG.english(),
        new Request(null, true, "x".repeat(256), null, null, null));
  }

  @Test
  void identifiersAreTrimmed() {
    Request r = new Request(null, true, "  u1 ", " ", null, "\tFox ");
    assertEquals("u1", r.lmsUserId());
    assertEquals(null, r.username());
    assertEquals("Fox", r.pseudonym());
  }

  private void assertRefused(String message, Request r) {
    Problem p = assertThrows(Problem.class, () -> erasure.check(r));
    assertEquals(400, p.status());
    assertEquals(message, p.detail());
  }
}
