package org.ltibridge.learning.entity;

import java.math.BigDecimal;

/** An enrolment as the console and the learner page show it (a JPQL constructor result). */
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
    BigDecimal passingMarks) {}
