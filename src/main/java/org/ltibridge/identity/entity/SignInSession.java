package org.ltibridge.identity.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/**
 * One sign-in to the consoles or the learner pages, found by the SHA-256 of the opaque cookie the
 * browser holds; the token itself is never stored. It ends when idle for too long, at its absolute
 * end, or at sign-out (OWASP Session Management Cheat Sheet, "Session Expiration").
 */
@Entity
@Table(name = "sign_in_sessions")
@NamedQuery(
    name = SignInSession.OPEN,
    query =
        "SELECT s FROM SignInSession s WHERE s.tokenHash = :hash AND s.expiresAt > :now"
            + " AND s.endsAt > :now")
@NamedQuery(
    name = SignInSession.TOUCH,
    query = "UPDATE SignInSession s SET s.expiresAt = :expiresAt WHERE s.tokenHash = :hash")
@NamedQuery(
    name = SignInSession.END,
    query = "DELETE FROM SignInSession s WHERE s.tokenHash = :hash")
@NamedQuery(
    name = SignInSession.END_OTHERS,
    query =
        "DELETE FROM SignInSession s WHERE s.caller = :caller AND s.realm = :realm"
            + " AND s.tokenHash <> :kept")
@NamedQuery(
    name = SignInSession.PURGE,
    query = "DELETE FROM SignInSession s WHERE s.expiresAt <= :now OR s.endsAt <= :now")
public class SignInSession {

  public static final String OPEN = "SignInSession.open";
  public static final String TOUCH = "SignInSession.touch";
  public static final String END = "SignInSession.end";
  public static final String END_OTHERS = "SignInSession.endOthers";
  public static final String PURGE = "SignInSession.purge";

  @Id
  @Column(name = "token_hash")
  private String tokenHash;

  @Column(name = "caller", nullable = false)
  private String caller;

  /** Which identity store signed the caller in, and so says again who they are now. */
  @Column(name = "realm", nullable = false)
  private String realm;

  @Column(name = "created_at", nullable = false)
  private LocalDateTime createdAt;

  /** The idle timeout: moved on while the session is used, never past {@link #endsAt}. */
  @Column(name = "expires_at", nullable = false)
  private LocalDateTime expiresAt;

  @Column(name = "ends_at", nullable = false)
  private LocalDateTime endsAt;

  protected SignInSession() {}

  public SignInSession(
      String tokenHash,
      String caller,
      String realm,
      LocalDateTime now,
      LocalDateTime expiresAt,
      LocalDateTime endsAt) {
    this.tokenHash = tokenHash;
    this.caller = caller;
    this.realm = realm;
    this.createdAt = now;
    this.expiresAt = expiresAt.isAfter(endsAt) ? endsAt : expiresAt;
    this.endsAt = endsAt;
  }

  public String caller() {
    return caller;
  }

  public String realm() {
    return realm;
  }

  public LocalDateTime expiresAt() {
    return expiresAt;
  }

  public LocalDateTime endsAt() {
    return endsAt;
  }
}
