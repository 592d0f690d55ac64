package org.ltibridge.admin.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/** An admin API access token, stored as the SHA-256 of its value only. */
@Entity
@Table(name = "admin_api_tokens")
public class ApiToken {

  @Id
  @Column(name = "token_hash")
  private String tokenHash;

  @Column(name = "admin_user_id", nullable = false)
  private Long accountId;

  @Column(name = "created_at", nullable = false)
  private LocalDateTime createdAt;

  @Column(name = "expires_at", nullable = false)
  private LocalDateTime expiresAt;

  protected ApiToken() {}

  public ApiToken(String tokenHash, Long accountId, LocalDateTime now, LocalDateTime expiresAt) {
    this.tokenHash = tokenHash;
    this.accountId = accountId;
    this.createdAt = now;
    this.expiresAt = expiresAt;
  }

  public Long accountId() {
    return accountId;
  }

  public LocalDateTime expiresAt() {
    return expiresAt;
  }
}
