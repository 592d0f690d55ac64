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
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;

/**
 * An assistant as one save left it: number 1 when created, one more for every save that changed
 * something. Never changed afterwards, so that a conversation can say what answered it.
 */
@Entity
@Table(name = "assistant_versions")
@NamedQuery(
    name = AssistantVersion.OF_ASSISTANT,
    query =
        "SELECT v FROM AssistantVersion v WHERE v.assistant.id = :assistantId"
            + " ORDER BY v.number DESC")
@NamedQuery(
    name = AssistantVersion.NUMBERED,
    query =
        "SELECT v FROM AssistantVersion v WHERE v.assistant.id = :assistantId"
            + " AND v.number = :number")
public class AssistantVersion {

  public static final String OF_ASSISTANT = "AssistantVersion.ofAssistant";
  public static final String NUMBERED = "AssistantVersion.numbered";

  /** What {@link #changed} says of the first version. */
  public static final String CREATED = "created";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "assistant_id")
  private Assistant assistant;

  @Column(nullable = false)
  private int number;

  @Column(nullable = false)
  private String name;

  private String description;

  @Column(name = "system_prompt")
  private String systemPrompt;

  private String model;

  private BigDecimal temperature;

  @Column(name = "prompt_template")
  private String promptTemplate;

  @Column(name = "show_system_prompt", nullable = false)
  private boolean showSystemPrompt;

  @Column(nullable = false)
  private String changed;

  @Column(name = "created_by", nullable = false)
  private String createdBy;

  @Column(name = "created_at", nullable = false)
  private LocalDateTime createdAt;

  protected AssistantVersion() {}

  AssistantVersion(
      Assistant assistant,
      int number,
      AssistantSettings s,
      List<String> changed,
      String createdBy,
      LocalDateTime now) {
    this.assistant = assistant;
    this.number = number;
    this.name = s.name();
    this.description = s.description();
    this.systemPrompt = s.systemPrompt();
    this.model = s.model();
    this.temperature = Assistant.decimal(s.temperature());
    this.promptTemplate = s.promptTemplate();
    this.showSystemPrompt = s.showSystemPrompt();
    this.changed = String.join(",", changed);
    this.createdBy = createdBy;
    this.createdAt = now;
  }

  public Long id() {
    return id;
  }

  public Assistant assistant() {
    return assistant;
  }

  public int number() {
    return number;
  }

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

  /** The names of the fields this save changed, or {@value #CREATED}. */
  public List<String> changed() {
    return changed.isEmpty() ? List.of() : Arrays.asList(changed.split(","));
  }

  public String createdBy() {
    return createdBy;
  }

  public LocalDateTime createdAt() {
    return createdAt;
  }
}
