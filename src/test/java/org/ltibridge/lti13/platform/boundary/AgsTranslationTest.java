package org.ltibridge.lti13.platform.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.ltibridge.learning.entity.Score;
import org.ltibridge.system.control.Problem;

class AgsTranslationTest {

  static String score(String extra) {
    return "{\"userId\":\"user-1\",\"activityProgress\":\"Completed\","
        + "\"gradingProgress\":\"FullyGraded\",\"timestamp\":\"2026-01-20T12:30:00+02:00\""
        + extra
        + "}";
  }

  @Test
  void aScoreIsReadWithItsTimestampInUtc() {
    Score s =
        AgsResource.score(AgsResource.object(score(",\"scoreGiven\":85,\"scoreMaximum\":100")));
    assertEquals(LocalDateTime.of(2026, 1, 20, 10, 30), s.timestamp());
    assertEquals(new BigDecimal("85"), s.scoreGiven());
    Score ungraded = AgsResource.score(AgsResource.object(score("")));
    assertNull(ungraded.scoreGiven());
  }

  @Test
  void badScoresAreRefused() {
    for (String bad :
        new String[] {
          score(",\"scoreGiven\":1"),
          score(",\"scoreGiven\":-1,\"scoreMaximum\":10"),
          score(",\"scoreGiven\":1,\"scoreMaximum\":0"),
          score(",\"scoreGiven\":\"1\",\"scoreMaximum\":10"),
          score(",\"scoreGiven\":1e20,\"scoreMaximum\":10"),
          "{\"activityProgress\":\"Completed\",\"gradingProgress\":\"FullyGraded\",\"timestamp\":\"2026-01-20T10:30:00Z\"}",
          score(",\"timestamp\":\"2026-01-20 10:30\"")
              .replace("\"timestamp\":\"2026-01-20T12:30:00+02:00\",", ""),
        }) {
      assertThrows(Problem.class, () -> AgsResource.score(AgsResource.object(bad)), bad);
    }
    assertThrows(Problem.class, () -> AgsResource.object("[]"));
    assertThrows(Problem.class, () -> AgsResource.object("{"));
  }

  @Test
  void limitsAndRoles() {
    assertEquals(100, AgsResource.limit(null, 100));
    assertEquals(1000, AgsResource.limit("1000", 100));
    assertThrows(Problem.class, () -> AgsResource.limit("1001", 100));
    assertThrows(Problem.class, () -> AgsResource.limit("x", 100));
    assertEquals(
        "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner",
        NrpsResource.roleUri("Learner"));
    assertEquals("http://x/y#Z", NrpsResource.roleUri("http://x/y#Z"));
    assertNull(NrpsResource.roleUri(" "));
  }
}
