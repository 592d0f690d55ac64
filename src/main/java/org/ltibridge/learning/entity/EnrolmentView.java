package org.ltibridge.learning.entity;

import java.math.BigDecimal;
import java.time.LocalDateTime;

/**
 * An enrolment as the console and the learner page show it (a JPQL constructor result); {@code
 * withdrawnAt} is null while it stands.
 */
public record EnrolmentView(
    Long courseId,
    String courseCode,
    String courseTitle,
    String learnerEmail,
    String learnerName,
    String learnerUserId,
    String status,
    BigDecimal obtainedMarks,
    Integer progress,
    String evaluation,
    BigDecimal passingMarks,
    Long id,
    Long learnerId,
    LocalDateTime withdrawnAt) {

  public boolean withdrawn() {
    return withdrawnAt != null;
  }
}
