package org.ltibridge.org.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/**
 * LAMB lti_landscape.md §13.8: an organisation's LTI 1.1 consumer key and secret for Creator LTI
 * links, which bring instructors from the LMS into the creator interface. The secret is stored
 * encrypted and shown once, when it is generated.
 */
@Entity
@Table(name = "org_creator_lti")
@NamedQuery(
    name = CreatorLtiKey.BY_KEY,
    query = "SELECT k FROM CreatorLtiKey k WHERE k.consumerKey = :key")
public class CreatorLtiKey {

  public static final String BY_KEY = "CreatorLtiKey.byKey";

  @Id
  @Column(name = "organization_id")
  private Long organizationId;

  @Column(name = "consumer_key", nullable = false, unique = true)
  private String consumerKey;

  @Column(name = "consumer_secret_enc", nullable = false)
  private String consumerSecretEncrypted;

  @Column(nullable = false)
  private boolean enabled;

  @Column(name = "created_at", nullable = false)
  private LocalDateTime createdAt;

  @Column(name = "rotated_at", nullable = false)
  private LocalDateTime rotatedAt;

  protected CreatorLtiKey() {}

  public CreatorLtiKey(
      Long organizationId, String consumerKey, String secretEncrypted, LocalDateTime now) {
    this.organizationId = organizationId;
    this.consumerKey = consumerKey;
    this.consumerSecretEncrypted = secretEncrypted;
    this.enabled = true;
    this.createdAt = now;
    this.rotatedAt = now;
  }

  /** A new secret replaces the old one at once; the key stays, so the LMS changes one field. */
  public void rotate(String secretEncrypted, LocalDateTime now) {
    this.consumerSecretEncrypted = secretEncrypted;
    this.enabled = true;
    this.rotatedAt = now;
  }

  public void disable() {
    this.enabled = false;
  }

  public Long organizationId() {
    return organizationId;
  }

  public String consumerKey() {
    return consumerKey;
  }

  public String consumerSecretEncrypted() {
    return consumerSecretEncrypted;
  }

  public boolean enabled() {
    return enabled;
  }

  public LocalDateTime createdAt() {
    return createdAt;
  }

  public LocalDateTime rotatedAt() {
    return rotatedAt;
  }
}
