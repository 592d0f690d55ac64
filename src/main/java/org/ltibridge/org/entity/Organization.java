package org.ltibridge.org.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A tenant: a faculty or a whole university. Owns assistants, creator users and activities, and the
 * model endpoint its assistants answer from.
 */
@Entity
@Table(name = "organizations")
@NamedQuery(
    name = Organization.BY_SLUG,
    query = "SELECT o FROM Organization o WHERE o.slug = :slug")
@NamedQuery(name = Organization.ALL, query = "SELECT o FROM Organization o ORDER BY o.name")
public class Organization {

  public static final String BY_SLUG = "Organization.bySlug";
  public static final String ALL = "Organization.all";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false, unique = true)
  private String slug;

  @Column(nullable = false)
  private String name;

  @Column(name = "model_base_url")
  private String modelBaseUrl;

  /** Encrypted with SecretBox; never leaves the server in clear except to the model endpoint. */
  @Column(name = "model_api_key_enc")
  private String modelApiKeyEncrypted;

  /**
   * At most this many requests open at once to the model endpoint (providers rate-limit); null: the
   * deployment's default. Kept apart from the URL: removing the endpoint keeps the cap.
   */
  @Column(name = "model_max_concurrent")
  private Integer modelMaxConcurrent;

  @Column(name = "created_at", nullable = false)
  private LocalDateTime createdAt;

  /** A disabled organisation keeps its data; its launches are refused until it is enabled. */
  @Column(nullable = false)
  private boolean enabled = true;

  /**
   * LAMB's system organisation (its {@code is_system}): no tenant, so Creator LTI refuses it. LTI
   * Bridge never creates one; only a row marked so in the database is.
   */
  @Column(name = "is_system", nullable = false)
  private boolean system;

  /** Instructors whose LMS email is in one of its domains get a creator account at launch. */
  @Column(name = "self_service_enabled", nullable = false)
  private boolean selfServiceEnabled;

  /** The secret of its assistants' legacy links that have none of their own, encrypted. */
  @Column(name = "student_lti_secret_enc")
  private String studentLtiSecretEncrypted;

  @Column(name = "student_lti_secret_set_at")
  private LocalDateTime studentLtiSecretSetAt;

  /**
   * Transcripts are kept this many days after a conversation's last message, then deleted by the
   * housekeeping; null: kept until erased.
   */
  @Column(name = "transcript_retention_days")
  private Integer transcriptRetentionDays;

  @Column(name = "named_identities_allowed", nullable = false)
  private boolean namedIdentitiesAllowed;

  protected Organization() {}

  public Organization(String slug, String name, LocalDateTime now) {
    this.slug = slug;
    this.name = name;
    this.createdAt = now;
  }

  /** Points the organisation's assistants at an OpenAI-compatible endpoint. */
  public void useModelEndpoint(String baseUrl, String encryptedApiKey) {
    this.modelBaseUrl = baseUrl == null || baseUrl.isBlank() ? null : baseUrl.strip();
    this.modelApiKeyEncrypted = encryptedApiKey;
  }

  /**
   * Caps the requests its assistants have open at once at the model endpoint; {@code null} leaves
   * it to the deployment's default. The range is checked by {@code admin.control.ModelEndpoints}.
   */
  public void limitModelRequests(Integer maxConcurrent) {
    this.modelMaxConcurrent = maxConcurrent;
  }

  /**
   * Keeps transcripts {@code days} days after their last message ({@code null}: until erased). The
   * range is checked by {@code admin.control.Retention}.
   */
  public void keepTranscripts(Integer days) {
    this.transcriptRetentionDays = days;
  }

  /** How many days transcripts are kept after their last message; empty: until erased. */
  public OptionalInt transcriptRetentionDays() {
    return transcriptRetentionDays == null
        ? OptionalInt.empty()
        : OptionalInt.of(transcriptRetentionDays);
  }

  /** Whether its activities' owners may show instructors students' names (issue #19). */
  public boolean namedIdentitiesAllowed() {
    return namedIdentitiesAllowed;
  }

  public void allowNamedIdentities(boolean allowed) {
    this.namedIdentitiesAllowed = allowed;
  }

  public void rename(String name) {
    this.name = name;
  }

  public void enable(boolean enabled) {
    this.enabled = enabled;
  }

  public void offerSelfService(boolean on) {
    this.selfServiceEnabled = on;
  }

  /** A new Student LTI secret ({@code encrypted}), or none ({@code null}). */
  public void useStudentLtiSecret(String encrypted, LocalDateTime now) {
    this.studentLtiSecretEncrypted = encrypted;
    this.studentLtiSecretSetAt = encrypted == null ? null : now;
  }

  public Optional<String> studentLtiSecretEncrypted() {
    return Optional.ofNullable(studentLtiSecretEncrypted);
  }

  public Optional<LocalDateTime> studentLtiSecretSetAt() {
    return Optional.ofNullable(studentLtiSecretSetAt);
  }

  public boolean enabled() {
    return enabled;
  }

  public boolean isSystem() {
    return system;
  }

  public boolean selfServiceEnabled() {
    return selfServiceEnabled;
  }

  public LocalDateTime createdAt() {
    return createdAt;
  }

  public Long id() {
    return id;
  }

  public String slug() {
    return slug;
  }

  public String name() {
    return name;
  }

  public Optional<String> modelBaseUrl() {
    return Optional.ofNullable(modelBaseUrl);
  }

  public Optional<String> modelApiKeyEncrypted() {
    return Optional.ofNullable(modelApiKeyEncrypted);
  }

  /** Its own cap on concurrent model requests; empty: the deployment's default applies. */
  public OptionalInt modelMaxConcurrent() {
    return modelMaxConcurrent == null ? OptionalInt.empty() : OptionalInt.of(modelMaxConcurrent);
  }
}
