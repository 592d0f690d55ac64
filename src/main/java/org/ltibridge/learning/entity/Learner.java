package org.ltibridge.learning.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.LocalDateTime;
import java.util.UUID;

/**
 * A person who takes courses in LTI Bridge's platform role. {@link #publicId()} is their LTI user
 * id towards external tools (id_token {@code sub}, NRPS {@code user_id}, AGS {@code userId}):
 * random and stable, never the row id. Learners sign in with their email and a password (Jakarta
 * Security, role {@value #ROLE}) while their account is {@link #enabled()}.
 */
@Entity
@Table(name = "learners")
@NamedQuery(name = Learner.BY_EMAIL, query = "SELECT l FROM Learner l WHERE l.email = :email")
@NamedQuery(name = Learner.ALL, query = "SELECT l FROM Learner l ORDER BY l.email")
public class Learner {

  public static final String BY_EMAIL = "Learner.byEmail";
  public static final String ALL = "Learner.all";

  /** The Jakarta Security group (and web.xml role) of a signed-in learner. */
  public static final String ROLE = "learner";

  /**
   * Prefix of the LTI user id (the id_token's {@code sub}, LTI 1.3 Core §5.3.6); a tool may send an
   * AGS {@code userId} without it.
   */
  public static final String USER_PREFIX = "user-";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "public_id", nullable = false, unique = true)
  private String publicId;

  @Column(nullable = false, unique = true)
  private String email;

  @Column(name = "given_name")
  private String givenName;

  @Column(name = "family_name")
  private String familyName;

  @Column(name = "password_hash")
  private String passwordHash;

  @Column(name = "created_at", nullable = false)
  private LocalDateTime createdAt;

  /** A disabled account cannot sign in or launch; its enrolments and results stay. */
  @Column(nullable = false)
  private boolean enabled = true;

  protected Learner() {}

  public Learner(
      String email, String givenName, String familyName, String passwordHash, LocalDateTime now) {
    this.publicId = USER_PREFIX + UUID.randomUUID();
    this.email = email;
    this.givenName = givenName;
    this.familyName = familyName;
    this.passwordHash = passwordHash;
    this.createdAt = now;
  }

  public Long id() {
    return id;
  }

  public String publicId() {
    return publicId;
  }

  public String email() {
    return email;
  }

  public String givenName() {
    return givenName;
  }

  public String familyName() {
    return familyName;
  }

  public String name() {
    return ((givenName == null ? "" : givenName) + " " + (familyName == null ? "" : familyName))
        .strip();
  }

  public String passwordHash() {
    return passwordHash;
  }

  public boolean enabled() {
    return enabled;
  }

  /** Enables or disables the account (sign-in and launches); nothing else changes. */
  public void enable(boolean enabled) {
    this.enabled = enabled;
  }
}
