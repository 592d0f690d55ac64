package org.ltibridge.activity.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;
import java.util.Optional;

/**
 * A page token as stored: only its SHA-256, so a database dump does not hand out sessions. The
 * payload carries what a step needs (for a setup token, the launch it came from) as JSON.
 */
@Entity
@Table(name = "page_tokens")
public class PageToken {

  @Id
  @Column(name = "token_hash", nullable = false, length = 64)
  private String tokenHash;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private TokenKind kind;

  @Column(name = "activity_id")
  private Long activityId;

  @Column(name = "activity_user_id")
  private Long activityUserId;

  private String payload;

  @Column(name = "created_at", nullable = false)
  private LocalDateTime createdAt;

  @Column(name = "expires_at", nullable = false)
  private LocalDateTime expiresAt;

  @Column(name = "opened_at")
  private LocalDateTime openedAt;

  @Column(name = "consumed_at")
  private LocalDateTime consumedAt;

  protected PageToken() {}

  public PageToken(
      String tokenHash,
      TokenKind kind,
      Long activityId,
      Long activityUserId,
      String payload,
      LocalDateTime now) {
    this.tokenHash = tokenHash;
    this.kind = kind;
    this.activityId = activityId;
    this.activityUserId = activityUserId;
    this.payload = payload;
    this.createdAt = now;
    this.expiresAt = now.plus(kind.lifetime());
  }

  public TokenKind kind() {
    return kind;
  }

  public Optional<Long> activityId() {
    return Optional.ofNullable(activityId);
  }

  public Optional<Long> activityUserId() {
    return Optional.ofNullable(activityUserId);
  }

  public String payload() {
    return payload;
  }

  public LocalDateTime expiresAt() {
    return expiresAt;
  }

  public boolean isConsumed() {
    return consumedAt != null;
  }
}
