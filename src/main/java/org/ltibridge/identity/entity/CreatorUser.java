package org.ltibridge.identity.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
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
 * An instructor who may build and publish assistants in one organisation (LAMB lti_landscape.md
 * §13.9). The Unified LTI flow lets only creator users configure activities.
 */
@Entity
@Table(name = "creator_users")
@NamedQuery(
    name = CreatorUser.BY_EMAIL,
    query =
        "SELECT c FROM CreatorUser c JOIN FETCH c.organization"
            + " WHERE c.email = :email AND c.enabled = true ORDER BY c.id")
@NamedQuery(
    name = CreatorUser.BY_LTI_USER,
    query =
        "SELECT c FROM CreatorUser c WHERE c.organization.id = :org AND c.ltiUserId = :user"
            + " AND c.authProvider = '"
            + CreatorUser.LTI_CREATOR
            + "' ORDER BY c.id")
public class CreatorUser {

  public static final String BY_EMAIL = "CreatorUser.byEmail";
  public static final String BY_LTI_USER = "CreatorUser.byLtiUser";

  /** {@code auth_provider} of a creator who enters through Creator LTI (as LAMB's). */
  public static final String LTI_CREATOR = "lti_creator";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "organization_id")
  private Organization organization;

  @Column(nullable = false)
  private String email;

  @Column(name = "display_name")
  private String displayName;

  @Column(name = "lti_user_id")
  private String ltiUserId;

  @Column(name = "auth_provider", nullable = false)
  private String authProvider = "password";

  @Column(nullable = false)
  private boolean enabled = true;

  @Column(name = "created_at", nullable = false)
  private LocalDateTime createdAt;

  @Column(name = "created_via", nullable = false)
  @Convert(converter = CreatedVia.Column.class)
  private CreatedVia createdVia = CreatedVia.CONSOLE;

  @Column(name = "created_by")
  private String createdBy;

  protected CreatorUser() {}

  public CreatorUser(
      Organization organization, String email, String displayName, LocalDateTime now) {
    this(organization, email, displayName, CreatedVia.CONSOLE, null, now);
  }

  public CreatorUser(
      Organization organization,
      String email,
      String displayName,
      CreatedVia createdVia,
      String createdBy,
      LocalDateTime now) {
    this.organization = organization;
    this.email = email.toLowerCase(java.util.Locale.ROOT);
    this.displayName = displayName;
    this.createdVia = createdVia;
    this.createdBy = createdBy;
    this.createdAt = now;
  }

  /**
   * A creator who enters only through Creator LTI links (LAMB's {@code create_lti_creator_user}):
   * known by the LMS's user id within the organisation, with no password and no console account.
   */
  public static CreatorUser fromLti(
      Organization organization,
      String email,
      String displayName,
      String ltiUserId,
      LocalDateTime now) {
    CreatorUser c =
        new CreatorUser(organization, email, displayName, CreatedVia.CREATOR_LTI, null, now);
    c.ltiUserId = ltiUserId;
    c.authProvider = LTI_CREATOR;
    return c;
  }

  /** The LMS sent another name for this creator. */
  public void rename(String displayName) {
    this.displayName = displayName;
  }

  public String ltiUserId() {
    return ltiUserId;
  }

  public String authProvider() {
    return authProvider;
  }

  public void enable(boolean enabled) {
    this.enabled = enabled;
  }

  public CreatedVia createdVia() {
    return createdVia;
  }

  public String createdBy() {
    return createdBy;
  }

  public LocalDateTime createdAt() {
    return createdAt;
  }

  /** The name as given, which may be empty. */
  public String givenName() {
    return displayName;
  }

  public Long id() {
    return id;
  }

  public Organization organization() {
    return organization;
  }

  public String email() {
    return email;
  }

  public String displayName() {
    return displayName == null ? email : displayName;
  }

  public boolean enabled() {
    return enabled;
  }

  /**
   * May act as a creator now (set up activities, receive one): enabled, in an enabled organisation.
   */
  public boolean mayCreate() {
    return enabled && organization.enabled();
  }
}
