package org.ltibridge.identity.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.LocalDateTime;
import org.ltibridge.org.entity.Organization;

/**
 * A console account: somebody who signs in with a password (PBKDF2 hash). A system admin's account
 * stands alone; an organisation admin's or a creator's belongs to a {@link CreatorUser} of that
 * organisation, and its {@link #role()} is that person's role there (LAMB lti_landscape.md §7.3).
 */
@Entity
@Table(name = "admin_users")
// The creator is fetched along: whether the account may sign in depends on it.
@NamedQuery(
    name = AdminUser.BY_USERNAME,
    query = "SELECT a FROM AdminUser a LEFT JOIN FETCH a.creator WHERE a.username = :u")
@NamedQuery(
    name = AdminUser.OF_CREATOR,
    query = "SELECT a FROM AdminUser a WHERE a.creator.id = :creator")
@NamedQuery(
    name = AdminUser.COUNT_ROLE,
    query = "SELECT COUNT(a) FROM AdminUser a WHERE a.role = :r")
public class AdminUser {

  public static final String BY_USERNAME = "AdminUser.byUsername";
  public static final String COUNT_ROLE = "AdminUser.countRole";
  public static final String OF_CREATOR = "AdminUser.ofCreator";
  public static final String SYSTEM_ADMIN = "system-admin";
  public static final String ORG_ADMIN = "org-admin";
  public static final String CREATOR = "creator";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false, unique = true)
  private String username;

  @Column(name = "password_hash", nullable = false)
  private String passwordHash;

  @Column(nullable = false)
  private String role;

  @ManyToOne(fetch = FetchType.LAZY)
  @JoinColumn(name = "organization_id")
  private Organization organization;

  @Column(name = "must_change_password", nullable = false)
  private boolean mustChangePassword;

  @Column(name = "created_at", nullable = false)
  private LocalDateTime createdAt;

  /** A disabled account cannot sign in, and its API tokens stop working at once. */
  @Column(nullable = false)
  private boolean enabled = true;

  @Column(name = "display_name")
  private String displayName;

  /** The creator this account signs in as, when it belongs to a person of an organisation. */
  @ManyToOne(fetch = FetchType.LAZY)
  @JoinColumn(name = "creator_user_id")
  private CreatorUser creator;

  @Column(name = "last_sign_in_at")
  private LocalDateTime lastSignInAt;

  @Column(name = "created_by")
  private String createdBy;

  protected AdminUser() {}

  /**
   * A new account with a one-time password hash: the person must choose their own password at first
   * sign-in. {@code creator} is null for system admins.
   */
  public static AdminUser withOneTimePassword(
      String username,
      String displayName,
      String oneTimePasswordHash,
      String role,
      Organization organization,
      CreatorUser creator,
      String createdBy,
      LocalDateTime now) {
    AdminUser a = new AdminUser(username, oneTimePasswordHash, role, organization, true, now);
    a.displayName = displayName;
    a.creator = creator;
    a.createdBy = createdBy;
    return a;
  }

  public AdminUser(
      String username,
      String passwordHash,
      String role,
      Organization organization,
      boolean mustChangePassword,
      LocalDateTime now) {
    this.username = username;
    this.passwordHash = passwordHash;
    this.role = role;
    this.organization = organization;
    this.mustChangePassword = mustChangePassword;
    this.createdAt = now;
  }

  public void changePassword(String newHash) {
    this.passwordHash = newHash;
    this.mustChangePassword = false;
  }

  public void enable(boolean enabled) {
    this.enabled = enabled;
  }

  /** LAMB lti_landscape.md §7.3: a system admin promotes a creator to org admin, and back. */
  public void changeRole(String role) {
    this.role = role;
  }

  public void signedIn(LocalDateTime now) {
    this.lastSignInAt = now;
  }

  public Long id() {
    return id;
  }

  public boolean enabled() {
    return enabled;
  }

  public String displayName() {
    return displayName;
  }

  public CreatorUser creator() {
    return creator;
  }

  public LocalDateTime lastSignInAt() {
    return lastSignInAt;
  }

  public String createdBy() {
    return createdBy;
  }

  public LocalDateTime createdAt() {
    return createdAt;
  }

  public String username() {
    return username;
  }

  public String passwordHash() {
    return passwordHash;
  }

  public String role() {
    return role;
  }

  public Organization organization() {
    return organization;
  }

  public boolean mustChangePassword() {
    return mustChangePassword;
  }
}
