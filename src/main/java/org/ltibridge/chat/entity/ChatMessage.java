package org.ltibridge.chat.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/** One message of a conversation, as the person or the assistant wrote it. */
@Entity
@Table(name = "chat_messages")
@NamedQuery(
    name = ChatMessage.OF_CONVERSATION,
    query = "SELECT m FROM ChatMessage m WHERE m.conversation.id = :conversationId ORDER BY m.id")
public class ChatMessage {

  public static final String OF_CONVERSATION = "ChatMessage.ofConversation";

  /** Who wrote it. */
  public enum Role {
    USER,
    ASSISTANT
  }

  /**
   * Whether the message is complete: an assistant reply may have failed, had no model, or stopped
   * part-way (the student pressed Stop or left, or the model stalled), its text then what had
   * arrived.
   */
  public enum Status {
    COMPLETE,
    FAILED,
    NO_MODEL,
    PARTIAL;

    /** Whether the message goes back to the model with the conversation: what was said. */
    public boolean toModel() {
      return this == COMPLETE || this == PARTIAL;
    }
  }

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "conversation_id")
  private Conversation conversation;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Role role;

  @Column(nullable = false)
  private String content;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Status status;

  @Column(name = "created_at", nullable = false)
  private LocalDateTime createdAt;

  protected ChatMessage() {}

  public ChatMessage(
      Conversation conversation, Role role, String content, Status status, LocalDateTime now) {
    this.conversation = conversation;
    this.role = role;
    this.content = content;
    this.status = status;
    this.createdAt = now;
  }

  public Long id() {
    return id;
  }

  public Role role() {
    return role;
  }

  public String content() {
    return content;
  }

  public Status status() {
    return status;
  }

  public LocalDateTime createdAt() {
    return createdAt;
  }
}
