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
import org.ltibridge.learning.entity.Learner;

/**
 * One launch between "Launch course" and the tool's authentication request (the third-party
 * initiated login of 1EdTech Security Framework 1.0 §5.1.1.1): the {@code lti_message_hint} we gave
 * the tool names it; it lives ten minutes and is consumed by the one id_token it produces.
 */
@Entity
@Table(name = "lti_launch_sessions")
public class LaunchSession {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "message_hint", nullable = false, unique = true)
  private String messageHint;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "course_config_id")
  private CourseConfig config;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "learner_id")
  private Learner learner;

  @Column(name = "target_link_uri", nullable = false)
  private String targetLinkUri;

  @Column(name = "created_at", nullable = false)
  private LocalDateTime createdAt;

  @Column(name = "expires_at", nullable = false)
  private LocalDateTime expiresAt;

  @Column(name = "consumed_at")
  private LocalDateTime consumedAt;

  protected LaunchSession() {}

  public LaunchSession(
      String messageHint,
      CourseConfig config,
      Learner learner,
      String targetLinkUri,
      LocalDateTime now,
      LocalDateTime expiresAt) {
    this.messageHint = messageHint;
    this.config = config;
    this.learner = learner;
    this.targetLinkUri = targetLinkUri;
    this.createdAt = now;
    this.expiresAt = expiresAt;
  }

  public Long id() {
    return id;
  }

  public CourseConfig config() {
    return config;
  }

  public Learner learner() {
    return learner;
  }

  public String targetLinkUri() {
    return targetLinkUri;
  }

  public boolean usableAt(LocalDateTime now) {
    return consumedAt == null && now.isBefore(expiresAt);
  }
}
