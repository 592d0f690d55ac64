package org.ltibridge.identity.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/**
 * A creator signed in through a Creator LTI launch, inside the LMS's iframe. The session travels in
 * the page (a form field, an {@code Authorization} header), never in a cookie or a URL; only the
 * SHA-256 of its token is stored.
 */
@Entity
@Table(name = "creator_sessions")
@NamedQuery(
    name = CreatorSession.OPEN,
    // The session's creator with their organisation. JPA 3.1 §4.4.5.3 allows no alias on a fetch
    // join (Hibernate refuses one in its JPA-compliant mode, as on WildFly), hence the creator is
    // what the query returns.
    query =
        "SELECT c FROM CreatorSession s JOIN s.creator c JOIN FETCH c.organization"
            + " WHERE s.tokenHash = :hash AND s.expiresAt > :now")
@NamedQuery(
    name = CreatorSession.PURGE,
    query = "DELETE FROM CreatorSession s WHERE s.expiresAt <= :now")
public class CreatorSession {

  public static final String OPEN = "CreatorSession.open";
  public static final String PURGE = "CreatorSession.purge";

  @Id
  @Column(name = "token_hash")
  private String tokenHash;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "creator_user_id")
  private CreatorUser creator;

  @Column(name = "created_at", nullable = false)
  private LocalDateTime createdAt;

  @Column(name = "expires_at", nullable = false)
  private LocalDateTime expiresAt;

  protected CreatorSession() {}

  public CreatorSession(
      String tokenHash, CreatorUser creator, LocalDateTime now, LocalDateTime expiresAt) {
    this.tokenHash = tokenHash;
    this.creator = creator;
    this.createdAt = now;
    this.expiresAt = expiresAt;
  }

  public CreatorUser creator() {
    return creator;
  }

  public LocalDateTime expiresAt() {
    return expiresAt;
  }
}
