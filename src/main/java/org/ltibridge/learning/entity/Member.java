package org.ltibridge.learning.entity;

import java.math.BigDecimal;

/**
 * One enrolment as a roster shows it (NRPS 2.0 §2.2 member, with our extension in its {@code
 * message} section).
 */
public record Member(
    long enrolmentId,
    String userId,
    String email,
    String givenName,
    String familyName,
    String role,
    String status,
    BigDecimal obtainedMarks,
    int progress,
    String evaluation) {

  public String name() {
    return ((givenName == null ? "" : givenName) + " " + (familyName == null ? "" : familyName))
        .strip();
  }
}
