package org.ltibridge.dashboard.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/**
 * One reading of a transcript shown with the student's name (issue #19): who read it, when, and
 * whose it was, for the organisation's admins (GDPR Art. 5(2), accountability). Removed with the
 * student's identity when their data is erased.
 */
@Entity
@Table(name = "transcript_views")
public class TranscriptView {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "organization_id", nullable = false)
  private Long organizationId;

  @Column(name = "activity_id", nullable = false)
  private Long activityId;

  @Column(name = "activity_user_id", nullable = false)
  private Long activityUserId;

  @Column(name = "conversation_id")
  private Long conversationId;

  @Column(name = "viewer_lms_user_id")
  private String viewerLmsUserId;

  @Column(name = "viewer_name")
  private String viewerName;

  @Column(name = "viewed_at", nullable = false)
  private LocalDateTime viewedAt;

  protected TranscriptView() {}

  public TranscriptView(
      Long organizationId,
      Long activityId,
      Long activityUserId,
      Long conversationId,
      String viewerLmsUserId,
      String viewerName,
      LocalDateTime viewedAt) {
    this.organizationId = organizationId;
    this.activityId = activityId;
    this.activityUserId = activityUserId;
    this.conversationId = conversationId;
    this.viewerLmsUserId = viewerLmsUserId;
    this.viewerName = viewerName;
    this.viewedAt = viewedAt;
  }
}
