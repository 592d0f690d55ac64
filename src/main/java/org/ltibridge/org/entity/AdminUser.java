package org.ltibridge.org.entity;

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

/** A console account: a system admin or an organisation admin, with a PBKDF2 password hash. */
@Entity
@Table(name = "admin_users")
@NamedQuery(name = AdminUser.BY_USERNAME, query = "SELECT a FROM AdminUser a WHERE a.username = :u")
@NamedQuery(
    name = AdminUser.COUNT_ROLE,
    query = "SELECT COUNT(a) FROM AdminUser a WHERE a.role = :r")
public class AdminUser {

  public static final String BY_USERNAME = "AdminUser.byUsername";
  public static final String COUNT_ROLE = "AdminUser.countRole";
  public static final String SYSTEM_ADMIN = "system-admin";
  public static final String ORG_ADMIN = "org-admin";

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

  protected AdminUser() {}

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
