package org.ltibridge.learning.entity;

import java.math.BigDecimal;

/** A learner's result on a line item (AGS 2.0 §3.3), as stored. */
public record ResultView(
    long learnerId,
    String userId,
    BigDecimal scoreGiven,
    BigDecimal scoreMaximum,
    String comment,
    String activityProgress,
    String gradingProgress,
    java.time.LocalDateTime timestamp) {}
