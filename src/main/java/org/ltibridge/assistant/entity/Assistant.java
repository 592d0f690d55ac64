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
import java.time.LocalDateTime;
import java.util.Optional;
import org.ltibridge.identity.entity.CreatorUser;
import org.ltibridge.org.entity.Organization;

/** An AI assistant: a system prompt and a model, answering from its organisation's endpoint. */
@Entity
@Table(name = "assistants")
@NamedQuery(
    name = Assistant.PUBLISHED_IN_ORGS,
    query =
        "SELECT a FROM Assistant a WHERE a.organization.id IN :orgIds AND a.publication IS NOT NULL"
            + " ORDER BY a.name")
public class Assistant {

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

  protected Assistant() {}

  public Assistant(
      Organization organization,
      String name,
      String description,
      String systemPrompt,
      String model,
      String ownerEmail,
      LocalDateTime now) {
    this.organization = organization;
    this.name = name;
    this.description = description;
    this.systemPrompt = systemPrompt;
    this.model = model;
    this.ownerEmail = ownerEmail;
    this.createdAt = now;
  }

  /** A creator's new assistant, unpublished. */
  public static Assistant by(
      CreatorUser owner,
      String name,
      String description,
      String systemPrompt,
      String model,
      LocalDateTime now) {
    Assistant a =
        new Assistant(
            owner.organization(), name, description, systemPrompt, model, owner.email(), now);
    a.owner = owner;
    a.updatedAt = now;
    return a;
  }

  /** Its author changes what it is and says. */
  public void edit(
      String name, String description, String systemPrompt, String model, LocalDateTime now) {
    this.name = name;
    this.description = description;
    this.systemPrompt = systemPrompt;
    this.model = model;
    this.updatedAt = now;
  }

  /**
   * Publishes it under its Student LTI consumer key (seed 003 §13.7); the returned row is to be
   * persisted.
   */
  public AssistantPublication publish(LocalDateTime now) {
    publication =
        new AssistantPublication(
            this, AssistantPublication.consumerKey(owner == null ? null : owner.id(), name), now);
    return publication;
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
