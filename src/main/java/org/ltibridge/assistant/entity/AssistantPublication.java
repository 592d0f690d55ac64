package org.ltibridge.assistant.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapsId;
import jakarta.persistence.OneToOne;
import jakarta.persistence.Table;
import java.text.Normalizer;
import java.time.LocalDateTime;

/**
 * LAMB lti_landscape.md §13.7: an assistant is published while this row exists. {@code
 * consumerName} is the LTI 1.1 consumer key of a legacy single-assistant link.
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

  private static final int MAX_KEY = 50;

  protected AssistantPublication() {}

  /**
   * LAMB's consumer key of a published assistant ({@code oauth_consumer_name}, LAMB
   * lti_landscape.md §13.7): {@code {creator id}_{name}}, every run of characters other than ASCII
   * letters, digits, '_' and '-' made one '_', at most 50 characters.
   */
  public static String consumerKey(Long creatorId, String name) {
    String ascii = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
    String clean = ascii.replaceAll("[^A-Za-z0-9_-]+", "_").replaceAll("^_+|_+$", "");
    String key =
        (creatorId == null ? "" : creatorId + "_") + (clean.isEmpty() ? "assistant" : clean);
    return key.length() <= MAX_KEY ? key : key.substring(0, MAX_KEY);
  }

  public AssistantPublication(Assistant assistant, String consumerName, LocalDateTime now) {
    this.assistant = assistant;
    this.consumerName = consumerName;
    this.publishedAt = now;
  }

  public LocalDateTime publishedAt() {
    return publishedAt;
  }

  public String consumerName() {
    return consumerName;
  }
}
