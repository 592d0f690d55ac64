package org.ltibridge.lti13.platform.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.LocalDateTime;
import org.ltibridge.learning.entity.Course;

/**
 * One of our courses placed in an external tool (table {@code lti_course_configs}): the tool's
 * course (id and URL), the LTI context and resource link the tool sees (overrides or derived from
 * the course code), custom parameters, and whether scores update enrolments.
 */
@Entity
@Table(name = "lti_course_configs")
public class CourseConfig {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "course_id")
  private Course course;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "tool_id")
  private Tool tool;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "deployment_ref")
  private Deployment deployment;

  @Column(name = "external_course_id")
  private String externalCourseId;

  @Column(name = "external_course_url")
  private String externalCourseUrl;

  @Column(name = "context_id", nullable = false)
  private String contextId;

  @Column(name = "resource_link_id", nullable = false)
  private String resourceLinkId;

  @Column(name = "context_id_override")
  private String contextIdOverride;

  @Column(name = "resource_link_id_override")
  private String resourceLinkIdOverride;

  @Column(name = "custom_params")
  private String customParams;

  @Column(name = "auto_sync_grades", nullable = false)
  private boolean autoSyncGrades;

  @Column(nullable = false)
  private boolean active;

  @Column(name = "created_at", nullable = false)
  private LocalDateTime createdAt;

  @Column(name = "updated_at", nullable = false)
  private LocalDateTime updatedAt;

  protected CourseConfig() {}

  public CourseConfig(
      Course course,
      Deployment deployment,
      String externalCourseId,
      String externalCourseUrl,
      String contextIdOverride,
      String resourceLinkIdOverride,
      String customParamsJson,
      boolean autoSyncGrades,
      LocalDateTime now) {
    this.course = course;
    this.tool = deployment.tool();
    this.deployment = deployment;
    this.externalCourseId = externalCourseId;
    this.externalCourseUrl = externalCourseUrl;
    this.contextIdOverride = contextIdOverride;
    this.resourceLinkIdOverride = resourceLinkIdOverride;
    derive();
    this.customParams = customParamsJson;
    this.autoSyncGrades = autoSyncGrades;
    this.active = true;
    this.createdAt = now;
    this.updatedAt = now;
  }

  /** The effective context and resource link ids: the overrides, else derived from the course. */
  private void derive() {
    this.contextId = contextIdOverride != null ? contextIdOverride : course.code();
    this.resourceLinkId =
        resourceLinkIdOverride != null
            ? resourceLinkIdOverride
            : course.code() + (externalCourseId == null ? "" : "-" + externalCourseId);
  }

  /**
   * Changes what the tool sees of this placement; the context and resource link ids are derived
   * again from the overrides and the course, as when it was placed.
   */
  public void change(
      String externalCourseId,
      String externalCourseUrl,
      String contextIdOverride,
      String resourceLinkIdOverride,
      String customParamsJson,
      boolean autoSyncGrades,
      LocalDateTime now) {
    this.externalCourseId = externalCourseId;
    this.externalCourseUrl = externalCourseUrl;
    this.contextIdOverride = contextIdOverride;
    this.resourceLinkIdOverride = resourceLinkIdOverride;
    derive();
    this.customParams = customParamsJson;
    this.autoSyncGrades = autoSyncGrades;
    this.updatedAt = now;
  }

  /** A deactivated placement is offered to nobody and cannot be launched; its rows stay. */
  public void activate(boolean active, LocalDateTime now) {
    if (this.active != active) {
      this.active = active;
      this.updatedAt = now;
    }
  }

  public String contextIdOverride() {
    return contextIdOverride;
  }

  public String resourceLinkIdOverride() {
    return resourceLinkIdOverride;
  }

  public Long id() {
    return id;
  }

  public Course course() {
    return course;
  }

  public Tool tool() {
    return tool;
  }

  public Deployment deployment() {
    return deployment;
  }

  public String externalCourseId() {
    return externalCourseId;
  }

  public String externalCourseUrl() {
    return externalCourseUrl;
  }

  public String contextId() {
    return contextId;
  }

  public String resourceLinkId() {
    return resourceLinkId;
  }

  public String customParams() {
    return customParams;
  }

  public boolean autoSyncGrades() {
    return autoSyncGrades;
  }

  public boolean active() {
    return active;
  }
}
