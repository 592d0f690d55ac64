package org.ltibridge.assistant.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapsId;
import jakarta.persistence.OneToOne;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/**
 * Seed 003 §13.7: an assistant is published while this row exists. {@code consumerName} is the LTI
 * 1.1 consumer key of a legacy single-assistant link.
 */
@Entity
@Table(name = "assistant_publications")
public class AssistantPublication {

  @Id
  @Column(name = "assistant_id")
  private Long assistantId;

  @MapsId
  @OneToOne
  @JoinColumn(name = "assistant_id")
  private Assistant assistant;

  @Column(name = "consumer_name", unique = true)
  private String consumerName;

  @Column(name = "published_at", nullable = false)
  private LocalDateTime publishedAt;

  protected AssistantPublication() {}

  public AssistantPublication(Assistant assistant, String consumerName, LocalDateTime now) {
    this.assistant = assistant;
    this.consumerName = consumerName;
    this.publishedAt = now;
  }

  public String consumerName() {
    return consumerName;
  }
}
