package org.ltibridge.lti13.platform.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.ltibridge.learning.entity.Score;
import org.ltibridge.system.control.Problem;

class AgsTranslationTest {

  static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

  static Score read(String body) {
    return AgsJson.read(body, AgsScore.class, VALIDATOR).toScore();
  }

  static String refusal(String body) {
    return assertThrows(Problem.class, () -> read(body), body).detail();
  }

  static String score(String extra) {
    return "{\"userId\":\"user-1\",\"activityProgress\":\"Completed\","
        + "\"gradingProgress\":\"FullyGraded\",\"timestamp\":\"2026-01-20T12:30:00+02:00\""
        + extra
        + "}";
  }

  @Test
  void aScoreIsReadWithItsTimestampInUtc() {
    Score s = read(score(",\"scoreGiven\":85,\"scoreMaximum\":100"));
    assertEquals(LocalDateTime.of(2026, 1, 20, 10, 30), s.timestamp());
    assertEquals(new BigDecimal("85"), s.scoreGiven());
    Score ungraded = read(score(""));
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
      refusal(bad);
    }
    assertEquals(AgsJson.ERROR_JSON, refusal("[]"));
    assertEquals(AgsJson.ERROR_JSON, refusal("{"));
  }

  @Test
  void eachRefusalSaysWhy() {
    assertEquals(
        "AGS §3.4.3: scoreMaximum is required with scoreGiven.",
        refusal(score(",\"scoreGiven\":1")));
    assertEquals(
        "AGS §3.4.2: scoreGiven must be 0 or more.",
        refusal(score(",\"scoreGiven\":-1,\"scoreMaximum\":10")));
    assertEquals("scoreGiven must be a number.", refusal(score(",\"scoreGiven\":\"1\"")));
    assertEquals("userId must be a string.", refusal(score("").replace("\"user-1\"", "1")));
    assertEquals(
        "scoreGiven " + AgsScore.SENSIBLE,
        refusal(score(",\"scoreGiven\":1e20,\"scoreMaximum\":10")));
    assertEquals(AgsScore.ACTIVITY, refusal(score("").replace("\"Completed\"", "\"Done\"")));
    assertEquals(
        "timestamp " + AgsJson.NOT_A_TIME,
        refusal(score("").replace("2026-01-20T12:30:00+02:00", "2026-01-20 10:30")));
    // Properties AGS defines that we do not keep are ignored.
    read(score(",\"submission\":{\"startedAt\":\"2026-01-20T10:00:00Z\"}"));
  }

  @Test
  void aLineItemIsReadAndItsRulesHold() {
    var item =
        AgsJson.read(
                "{\"label\":\" Quiz \",\"scoreMaximum\":10,\"startDateTime\":\"2026-01-20T12:30:00+02:00\"}",
                AgsLineItem.class,
                VALIDATOR)
            .toData();
    assertEquals("Quiz", item.label());
    assertEquals(LocalDateTime.of(2026, 1, 20, 10, 30), item.startAt());
    for (String bad :
        new String[] {
          "{\"scoreMaximum\":10}",
          "{\"label\":\"x\",\"scoreMaximum\":0}",
          "{\"label\":\"x\",\"scoreMaximum\":\"ten\"}",
          "{\"label\":\"x\",\"scoreMaximum\":10,\"startDateTime\":\"yesterday\"}"
        }) {
      assertThrows(Problem.class, () -> AgsJson.read(bad, AgsLineItem.class, VALIDATOR), bad);
    }
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
