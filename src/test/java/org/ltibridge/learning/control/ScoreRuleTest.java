package org.ltibridge.learning.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.ltibridge.learning.entity.ResultView;
import org.ltibridge.learning.entity.Score;

class ScoreRuleTest {

  static final LocalDateTime T = LocalDateTime.of(2026, 1, 20, 10, 30);

  @Test
  void marksArePercentagesCappedAtOneHundred() {
    assertEquals(
        new BigDecimal("85.00"), ScoreRule.percentage(new BigDecimal("85"), new BigDecimal("100")));
    assertEquals(
        new BigDecimal("66.67"), ScoreRule.percentage(new BigDecimal("2"), new BigDecimal("3")));
    assertEquals(
        new BigDecimal("100"), ScoreRule.percentage(new BigDecimal("12"), new BigDecimal("10")));
  }

  @Test
  void userIdWithOrWithoutTheUserPrefixNamesTheLearner() {
    assertEquals("user-abc", ScoreRule.publicId("user-abc"));
    assertEquals("user-abc", ScoreRule.publicId("abc"));
  }

  @Test
  void anExactRetryIsTheSameScoreAnythingElseIsNot() {
    ResultView stored =
        new ResultView(
            1,
            "user-a",
            new BigDecimal("8.0000"),
            new BigDecimal("10"),
            "ok",
            "Completed",
            "FullyGraded",
            T);
    Score same =
        new Score(
            "user-a",
            new BigDecimal("8"),
            new BigDecimal("10.00"),
            "Completed",
            "FullyGraded",
            "ok",
            T);
    assertTrue(ScoreRule.sameScore(stored, same));
    assertFalse(
        ScoreRule.sameScore(
            stored,
            new Score(
                "user-a",
                new BigDecimal("9"),
                new BigDecimal("10"),
                "Completed",
                "FullyGraded",
                "ok",
                T)));
    assertFalse(
        ScoreRule.sameScore(
            stored,
            new Score(
                "user-a",
                new BigDecimal("8"),
                new BigDecimal("10"),
                "Completed",
                "FullyGraded",
                null,
                T)));
    assertFalse(
        ScoreRule.sameScore(
            stored,
            new Score(
                "user-a",
                new BigDecimal("8"),
                new BigDecimal("10"),
                "Completed",
                "FullyGraded",
                "ok",
                T.plusNanos(1000))));
  }
}
