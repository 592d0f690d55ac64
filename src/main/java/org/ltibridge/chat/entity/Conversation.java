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

/** One chat of one person with one assistant, inside one activity. */
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

  private String title;

  @Column(name = "created_at", nullable = false)
  private LocalDateTime createdAt;

  @Column(name = "updated_at", nullable = false)
  private LocalDateTime updatedAt;

  protected Conversation() {}

  public Conversation(
      Activity activity, ActivityUser user, Assistant assistant, String title, LocalDateTime now) {
    this.activity = activity;
    this.user = user;
    this.assistant = assistant;
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
