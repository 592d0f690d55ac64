package org.ltibridge.learning.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.LocalDateTime;

/**
 * A learner in a course (table {@code enrolments}). Marks, progress, evaluation and status change
 * when an external tool posts a score ({@code learning/control/Scores}), in SQL there for speed;
 * this entity is what the console and the learner page read and what enrolling, withdrawing and
 * restoring write.
 */
@Entity
@Table(name = "enrolments")
public class Enrolment {

  /** Enrolment status. */
  public enum Status {
    ENROLLED,
    IN_PROGRESS,
    COMPLETED
  }

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "course_id")
  private Course course;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "learner_id")
  private Learner learner;

  @Column(nullable = false)
  private String role;

  @Column(nullable = false)
  private String status;

  @Column(name = "obtained_marks")
  private BigDecimal obtainedMarks;

  @Column(nullable = false)
  private int progress;

  @Column private String evaluation;

  @Column(name = "enrolled_at", nullable = false)
  private LocalDateTime enrolledAt;

  @Column(name = "updated_at", nullable = false)
  private LocalDateTime updatedAt;

  /**
   * When the enrolment was withdrawn, or null while it stands. A withdrawn enrolment keeps its
   * marks, progress and status for when it is restored.
   */
  @Column(name = "withdrawn_at")
  private LocalDateTime withdrawnAt;

  protected Enrolment() {}

  public Enrolment(Course course, Learner learner, String role, LocalDateTime now) {
    this.course = course;
    this.learner = learner;
    this.role = role;
    this.status = Status.ENROLLED.name();
    this.progress = 0;
    this.enrolledAt = now;
    this.updatedAt = now;
  }

  public Long id() {
    return id;
  }

  public Course course() {
    return course;
  }

  public Learner learner() {
    return learner;
  }

  public BigDecimal obtainedMarks() {
    return obtainedMarks;
  }

  public String evaluation() {
    return evaluation;
  }

  public boolean withdrawn() {
    return withdrawnAt != null;
  }

  public LocalDateTime withdrawnAt() {
    return withdrawnAt;
  }

  /** Withdraws the enrolment (kept as it stands); a second withdrawal changes nothing. */
  public void withdraw(LocalDateTime now) {
    if (withdrawnAt == null) {
      withdrawnAt = now;
      updatedAt = now;
    }
  }

  /** Restores a withdrawn enrolment with the marks, progress and status it had. */
  public void restore(LocalDateTime now) {
    if (withdrawnAt != null) {
      withdrawnAt = null;
      updatedAt = now;
    }
  }

  /** The evaluation decided again, after the course's passing mark changed. */
  public void evaluate(String evaluation, LocalDateTime now) {
    if (!java.util.Objects.equals(this.evaluation, evaluation)) {
      this.evaluation = evaluation;
      this.updatedAt = now;
    }
  }
}
