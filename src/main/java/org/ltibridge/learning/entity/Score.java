package org.ltibridge.learning.entity;

import java.math.BigDecimal;
import java.time.LocalDateTime;

/**
 * A score a tool posts (AGS 2.0 §3.4), already validated: {@code scoreGiven} may be null (no grade
 * yet), and then so may {@code scoreMaximum}; {@code timestamp} is UTC.
 */
public record Score(
    String userId,
    BigDecimal scoreGiven,
    BigDecimal scoreMaximum,
    String activityProgress,
    String gradingProgress,
    String comment,
    LocalDateTime timestamp) {

  public boolean completed() {
    return "Completed".equals(activityProgress);
  }

  public boolean graded() {
    return "FullyGraded".equals(gradingProgress) && scoreGiven != null;
  }
}
