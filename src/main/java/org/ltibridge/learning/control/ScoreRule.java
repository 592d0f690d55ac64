package org.ltibridge.learning.control;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.Optional;
import org.ltibridge.learning.entity.Learner;
import org.ltibridge.learning.entity.ResultView;
import org.ltibridge.learning.entity.Score;

/**
 * What a posted score does to a learner's result, decided in one place (AGS 2.0 §3.4, "Score
 * publish service"). The SQL of {@link ResultUpsert} says the same thing (it applies exactly when
 * this says {@link Decision#INSERT} or {@link Decision#REPLACE}); {@code ScoreWaysCases} checks the
 * two against each other on H2 and PostgreSQL.
 */
public final class ScoreRule {

  private ScoreRule() {}

  /** What becomes of a score. */
  public enum Decision {
    /** The learner's first result on this line item. */
    INSERT,
    /** Replaces a stored result with an earlier timestamp. */
    REPLACE,
    /** The very same score (same timestamp, same values) is already stored: a retry, harmless. */
    ALREADY_STORED,
    /** A result with a later timestamp is stored (AGS §3.4.4 timestamp): refused. */
    REFUSE_OLDER,
    /** A different score with the very same timestamp is stored: refused. */
    REFUSE_SAME_TIME,
    /**
     * The learner is not enrolled in the line item's course, or their enrolment is withdrawn (AGS
     * §3.4.1 userId): refused.
     */
    REFUSE_NOT_ENROLLED;

    /** Whether the result row changes (and, when grades sync, the enrolment). */
    public boolean writes() {
      return this == INSERT || this == REPLACE;
    }
  }

  /**
   * The rule: a learner not enrolled is refused; a first score is inserted; a later one replaces
   * the stored result; an earlier one is refused; one with the same timestamp is a harmless retry
   * when it is the same score and refused when it is not.
   *
   * @param enrolled whether the learner has an enrolment in the line item's course that is not
   *     withdrawn: a withdrawn learner's scores are refused as a stranger's are, and their stored
   *     results stay as they were (in SQL: {@link ResultUpsert#ENROLLED})
   */
  public static Decision decide(Optional<ResultView> stored, boolean enrolled, Score score) {
    if (!enrolled) {
      return Decision.REFUSE_NOT_ENROLLED;
    }
    if (stored.isEmpty()) {
      return Decision.INSERT;
    }
    int order = stored.get().timestamp().compareTo(score.timestamp());
    if (order < 0) {
      return Decision.REPLACE;
    }
    if (order > 0) {
      return Decision.REFUSE_OLDER;
    }
    return sameScore(stored.get(), score) ? Decision.ALREADY_STORED : Decision.REFUSE_SAME_TIME;
  }

  /** Whether {@code score} is exactly what is stored (numbers compared by value). */
  static boolean sameScore(ResultView stored, Score score) {
    return stored.timestamp().equals(score.timestamp())
        && sameNumber(stored.scoreGiven(), score.scoreGiven())
        && sameNumber(stored.scoreMaximum(), score.scoreMaximum())
        && Objects.equals(stored.activityProgress(), score.activityProgress())
        && Objects.equals(stored.gradingProgress(), score.gradingProgress())
        && Objects.equals(stored.comment(), score.comment());
  }

  private static boolean sameNumber(BigDecimal a, BigDecimal b) {
    return a == null ? b == null : b != null && a.compareTo(b) == 0;
  }

  /**
   * The learner an AGS userId names (AGS §3.4.1): the {@code sub} our id_tokens carry is {@code
   * "user-" + id}, and a tool that strips the prefix names the same learner.
   */
  public static String publicId(String userId) {
    return userId.startsWith(Learner.USER_PREFIX) ? userId : Learner.USER_PREFIX + userId;
  }

  /** Passed or failed: marks at or above the course's passing mark pass. */
  public static String evaluation(BigDecimal marks, BigDecimal passing) {
    return marks.compareTo(passing) >= 0 ? "PASSED" : "FAILED";
  }

  /** Marks as a percentage, two decimals, at most 100 (extra credit does not overflow it). */
  static BigDecimal percentage(BigDecimal given, BigDecimal maximum) {
    BigDecimal p = given.multiply(BigDecimal.valueOf(100)).divide(maximum, 2, RoundingMode.HALF_UP);
    return p.min(BigDecimal.valueOf(100)).max(BigDecimal.ZERO);
  }
}
