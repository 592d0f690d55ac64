package org.ltibridge.chat.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.LocalDateTime;
import org.ltibridge.activity.entity.Activity;
import org.ltibridge.activity.entity.ActivityUser;
import org.ltibridge.assistant.entity.Assistant;
import org.ltibridge.assistant.entity.AssistantSettings;
import org.ltibridge.assistant.entity.AssistantVersion;

/**
 * One chat of one person with one assistant, inside one activity. It keeps answering with the
 * version of the assistant it began with, so that a transcript can be explained by what the
 * assistant was told then, whatever its author changed since.
 */
@Entity
@Table(name = "conversations")
public class Conversation {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "activity_id")
  private Activity activity;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "activity_user_id")
  private ActivityUser user;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "assistant_id")
  private Assistant assistant;

  /** Null for conversations begun before versions existed, or with an assistant loaded as data. */
  @ManyToOne(fetch = FetchType.LAZY)
  @JoinColumn(name = "assistant_version_id")
  private AssistantVersion version;

  private String title;

  @Column(name = "created_at", nullable = false)
  private LocalDateTime createdAt;

  @Column(name = "updated_at", nullable = false)
  private LocalDateTime updatedAt;

  protected Conversation() {}

  /** {@code version} is the assistant's current one, or null if it has none. */
  public Conversation(
      Activity activity,
      ActivityUser user,
      Assistant assistant,
      AssistantVersion version,
      String title,
      LocalDateTime now) {
    this.activity = activity;
    this.user = user;
    this.assistant = assistant;
    this.version = version;
    this.title = title;
    this.createdAt = now;
    this.updatedAt = now;
  }

  public void touch(LocalDateTime now) {
    this.updatedAt = now;
  }

  public Long id() {
    return id;
  }

  public Activity activity() {
    return activity;
  }

  public ActivityUser user() {
    return user;
  }

  public Assistant assistant() {
    return assistant;
  }

  /** What it answers with: its version's settings, or the assistant's current ones if none. */
  public AssistantSettings settings() {
    return version == null ? assistant.settings() : version.settings();
  }

  public String title() {
    return title == null ? "Conversation" : title;
  }

  public LocalDateTime createdAt() {
    return createdAt;
  }

  public LocalDateTime updatedAt() {
    return updatedAt;
  }
}
