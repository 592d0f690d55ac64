package org.ltibridge.learning.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.LocalDateTime;

/** A course of the platform role; its passing mark (a percentage) decides passed or failed. */
@Entity
@Table(name = "courses")
@NamedQuery(name = Course.ALL, query = "SELECT c FROM Course c ORDER BY c.title")
@NamedQuery(name = Course.BY_CODE, query = "SELECT c FROM Course c WHERE c.code = :code")
public class Course {

  public static final String ALL = "Course.all";
  public static final String BY_CODE = "Course.byCode";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false, unique = true)
  private String code;

  @Column(nullable = false)
  private String title;

  @Column(name = "passing_marks", nullable = false)
  private BigDecimal passingMarks;

  @Column(name = "self_enrol", nullable = false)
  private boolean selfEnrol;

  @Column(name = "created_at", nullable = false)
  private LocalDateTime createdAt;

  protected Course() {}

  public Course(
      String code, String title, BigDecimal passingMarks, boolean selfEnrol, LocalDateTime now) {
    this.code = code;
    this.title = title;
    this.passingMarks = passingMarks;
    this.selfEnrol = selfEnrol;
    this.createdAt = now;
  }

  /** Changes the title, the passing mark and whether every learner may enrol at launch. */
  public void change(String title, BigDecimal passingMarks, boolean selfEnrol) {
    this.title = title;
    this.passingMarks = passingMarks;
    this.selfEnrol = selfEnrol;
  }

  public Long id() {
    return id;
  }

  public String code() {
    return code;
  }

  public String title() {
    return title;
  }

  public BigDecimal passingMarks() {
    return passingMarks;
  }

  public boolean selfEnrol() {
    return selfEnrol;
  }
}
