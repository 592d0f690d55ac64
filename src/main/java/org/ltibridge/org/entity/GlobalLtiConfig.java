package org.ltibridge.org.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/**
 * LAMB lti_landscape.md §13.1: the one LTI 1.1 key and secret of the Unified LTI entry point, as
 * changed by a system admin. When the row exists it wins over the environment (§7.1).
 */
@Entity
@Table(name = "lti_global_config")
public class GlobalLtiConfig {

  public static final int SINGLETON_ID = 1;

  @Id private Integer id;

  @Column(name = "consumer_key", nullable = false)
  private String consumerKey;

  @Column(name = "consumer_secret_enc", nullable = false)
  private String consumerSecretEncrypted;

  @Column(name = "updated_at", nullable = false)
  private LocalDateTime updatedAt;

  @Column(name = "updated_by")
  private String updatedBy;

  protected GlobalLtiConfig() {}

  public GlobalLtiConfig(
      String consumerKey, String consumerSecretEncrypted, LocalDateTime now, String updatedBy) {
    this.id = SINGLETON_ID;
    change(consumerKey, consumerSecretEncrypted, now, updatedBy);
  }

  public void change(
      String consumerKey, String consumerSecretEncrypted, LocalDateTime now, String updatedBy) {
    this.consumerKey = consumerKey;
    this.consumerSecretEncrypted = consumerSecretEncrypted;
    this.updatedAt = now;
    this.updatedBy = updatedBy;
  }

  public String consumerKey() {
    return consumerKey;
  }

  public String consumerSecretEncrypted() {
    return consumerSecretEncrypted;
  }

  public LocalDateTime updatedAt() {
    return updatedAt;
  }

  public String updatedBy() {
    return updatedBy;
  }
}
