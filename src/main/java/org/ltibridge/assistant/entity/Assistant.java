package org.ltibridge.assistant.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OneToOne;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.ltibridge.identity.entity.CreatorUser;
import org.ltibridge.org.entity.Organization;

/**
 * An AI assistant: a system prompt and a model, answering from its organisation's endpoint. Its
 * columns hold its current version ({@link AssistantVersion}, number {@link #currentVersion});
 * every save that changes something makes the next one ({@link #revise}).
 */
@Entity
@Table(name = "assistants")
@NamedQuery(
    name = Assistant.PUBLISHED_IN_ORGS,
    query =
        "SELECT a FROM Assistant a WHERE a.organization.id IN :orgIds AND a.publication IS NOT NULL"
            + " ORDER BY a.name")
@NamedQuery(
    name = Assistant.BY_CONSUMER_KEY,
    query =
        "SELECT a FROM Assistant a JOIN FETCH a.organization LEFT JOIN FETCH a.publication"
            + " WHERE a.ltiConsumerKey = :key")
public class Assistant {

  public static final String BY_CONSUMER_KEY = "Assistant.byConsumerKey";

  public static final String PUBLISHED_IN_ORGS = "Assistant.publishedInOrgs";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "organization_id")
  private Organization organization;

  @Column(nullable = false)
  private String name;

  private String description;

  @Column(name = "system_prompt")
  private String systemPrompt;

  private String model;

  @Column(name = "owner_email")
  private String ownerEmail;

  @Column(name = "created_at", nullable = false)
  private LocalDateTime createdAt;

  /** The creator who made it and may change it; none for assistants loaded as data. */
  @ManyToOne(fetch = FetchType.LAZY)
  @JoinColumn(name = "owner_creator_user_id")
  private CreatorUser owner;

  @Column(name = "updated_at")
  private LocalDateTime updatedAt;

  @OneToOne(mappedBy = "assistant", fetch = FetchType.LAZY)
  private AssistantPublication publication;

  private BigDecimal temperature;

  @Column(name = "prompt_template")
  private String promptTemplate;

  @Column(name = "show_system_prompt", nullable = false)
  private boolean showSystemPrompt;

  /** Its Student LTI consumer key, from its first publication on (LAMB lti_landscape.md §13.7). */
  @Column(name = "lti_consumer_key", unique = true)
  private String ltiConsumerKey;

  /** Its own Student LTI secret, encrypted; none means the organisation's or the instance's. */
  @Column(name = "lti_secret_enc")
  private String ltiSecretEncrypted;

  @Column(name = "lti_secret_set_at")
  private LocalDateTime ltiSecretSetAt;

  /** Null only for assistants loaded as data, which have no version yet. */
  @Column(name = "current_version")
  private Integer currentVersion;

  protected Assistant() {}

  private Assistant(Organization organization, String ownerEmail, LocalDateTime now) {
    this.organization = organization;
    this.ownerEmail = ownerEmail;
    this.createdAt = now;
  }

  /** A creator's new assistant, unpublished, at version 1 ({@link #firstVersion}). */
  public static Assistant by(CreatorUser owner, AssistantSettings settings, LocalDateTime now) {
    Assistant a = new Assistant(owner.organization(), owner.email(), now);
    a.owner = owner;
    a.updatedAt = now;
    a.apply(settings);
    a.currentVersion = 1;
    return a;
  }

  /** Version 1 of a new assistant ({@link #by}), to be persisted after it. */
  public AssistantVersion firstVersion(String createdBy) {
    return new AssistantVersion(
        this, 1, settings(), List.of(AssistantVersion.CREATED), createdBy, createdAt);
  }

  /**
   * Its author saves {@code next}: when that changes anything, it becomes the next version, which
   * is returned to be persisted; otherwise nothing changes.
   */
  public Optional<AssistantVersion> revise(
      AssistantSettings next, String changedBy, LocalDateTime now) {
    List<String> changed = next.changedFrom(settings());
    if (changed.isEmpty()) {
      return Optional.empty();
    }
    apply(next);
    updatedAt = now;
    currentVersion = currentVersion == null ? 1 : currentVersion + 1;
    return Optional.of(new AssistantVersion(this, currentVersion, next, changed, changedBy, now));
  }

  private void apply(AssistantSettings s) {
    this.name = s.name();
    this.description = s.description();
    this.systemPrompt = s.systemPrompt();
    this.model = s.model();
    this.temperature = decimal(s.temperature());
    this.promptTemplate = s.promptTemplate();
    this.showSystemPrompt = s.showSystemPrompt();
  }

  /** As the columns keep a temperature: two decimals. */
  static BigDecimal decimal(Double temperature) {
    return temperature == null
        ? null
        : BigDecimal.valueOf(temperature).setScale(2, RoundingMode.HALF_UP);
  }

  /** What it is and how it answers now: its current version's settings. */
  public AssistantSettings settings() {
    return new AssistantSettings(
        name,
        description,
        systemPrompt,
        model,
        temperature == null ? null : temperature.doubleValue(),
        promptTemplate,
        showSystemPrompt);
  }

  /** The number of its current version; null for an assistant loaded as data. */
  public Integer currentVersion() {
    return currentVersion;
  }

  /**
   * Publishes it under its Student LTI consumer key (LAMB lti_landscape.md §13.7); the returned row
   * is to be persisted.
   */
  public AssistantPublication publish(LocalDateTime now) {
    if (ltiConsumerKey == null) {
      ltiConsumerKey = AssistantPublication.consumerKey(owner == null ? null : owner.id(), name);
    }
    publication = new AssistantPublication(this, ltiConsumerKey, now);
    return publication;
  }

  /**
   * Gives it a consumer key of its own choosing before its first publication (the demo's LAMB-style
   * {@code Physics Tutor}); afterwards the key never changes.
   */
  public void keyAs(String consumerKey) {
    if (ltiConsumerKey == null) {
      ltiConsumerKey = consumerKey;
    }
  }

  /** Its Student LTI consumer key: set at its first publication, kept when unpublished. */
  public Optional<String> ltiConsumerKey() {
    return Optional.ofNullable(ltiConsumerKey);
  }

  /** Its own Student LTI secret (encrypted), if it has one. */
  public Optional<String> ltiSecretEncrypted() {
    return Optional.ofNullable(ltiSecretEncrypted);
  }

  public Optional<LocalDateTime> ltiSecretSetAt() {
    return Optional.ofNullable(ltiSecretSetAt);
  }

  /** A new own secret ({@code encrypted}), or none ({@code null}): the next source applies. */
  public void useLtiSecret(String encrypted, LocalDateTime now) {
    this.ltiSecretEncrypted = encrypted;
    this.ltiSecretSetAt = encrypted == null ? null : now;
  }

  /** Unpublishes it; the returned row (if any) is to be removed. */
  public Optional<AssistantPublication> unpublish() {
    Optional<AssistantPublication> was = Optional.ofNullable(publication);
    publication = null;
    return was;
  }

  public CreatorUser owner() {
    return owner;
  }

  public String ownerEmail() {
    return ownerEmail;
  }

  public Optional<AssistantPublication> publication() {
    return Optional.ofNullable(publication);
  }

  public LocalDateTime createdAt() {
    return createdAt;
  }

  public LocalDateTime updatedAt() {
    return updatedAt;
  }

  public Long id() {
    return id;
  }

  public Organization organization() {
    return organization;
  }

  public String name() {
    return name;
  }

  public String description() {
    return description == null ? "" : description;
  }

  public Optional<String> systemPrompt() {
    return Optional.ofNullable(systemPrompt).filter(s -> !s.isBlank());
  }

  public Optional<String> model() {
    return Optional.ofNullable(model).filter(s -> !s.isBlank());
  }

  public boolean isPublished() {
    return publication != null;
  }
}
