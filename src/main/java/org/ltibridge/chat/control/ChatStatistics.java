package org.ltibridge.chat.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ltibridge.activity.entity.ActivityRole;
import org.ltibridge.activity.entity.ActivityUser;
import org.ltibridge.chat.entity.ChatMessage;
import org.ltibridge.chat.entity.Conversation;

/**
 * Figures and transcripts of students' chats in one activity, for the instructor dashboard.
 * Instructors' own chats ("Open chat") never count. Returns our own entities; pseudonymising is the
 * dashboard's job.
 */
@ApplicationScoped
public class ChatStatistics {

  private static final String STUDENT_CHATS =
      " WHERE c.activity.id = :activityId AND c.user.role = :student";

  @PersistenceContext EntityManager em;

  /** Counts of chats and messages. */
  public record Counts(long chats, long messages) {}

  public Counts totals(Long activityId) {
    long chats =
        em.createQuery("SELECT COUNT(c) FROM Conversation c" + STUDENT_CHATS, Long.class)
            .setParameter("activityId", activityId)
            .setParameter("student", ActivityRole.STUDENT)
            .getSingleResult();
    long messages =
        em.createQuery(
                "SELECT COUNT(m) FROM ChatMessage m JOIN m.conversation c" + STUDENT_CHATS,
                Long.class)
            .setParameter("activityId", activityId)
            .setParameter("student", ActivityRole.STUDENT)
            .getSingleResult();
    return new Counts(chats, messages);
  }

  /** Per assistant id. */
  public Map<Long, Counts> perAssistant(Long activityId) {
    return grouped(activityId, "c.assistant.id");
  }

  /** Per activity user id. */
  public Map<Long, Counts> perUser(Long activityId) {
    return grouped(activityId, "c.user.id");
  }

  private Map<Long, Counts> grouped(Long activityId, String key) {
    Map<Long, Long> chats = new HashMap<>();
    for (Object[] row :
        em.createQuery(
                "SELECT "
                    + key
                    + ", COUNT(c) FROM Conversation c"
                    + STUDENT_CHATS
                    + " GROUP BY "
                    + key,
                Object[].class)
            .setParameter("activityId", activityId)
            .setParameter("student", ActivityRole.STUDENT)
            .getResultList()) {
      chats.put((Long) row[0], (Long) row[1]);
    }
    Map<Long, Counts> out = new HashMap<>();
    for (Object[] row :
        em.createQuery(
                "SELECT "
                    + key
                    + ", COUNT(m) FROM ChatMessage m JOIN m.conversation c"
                    + STUDENT_CHATS
                    + " GROUP BY "
                    + key,
                Object[].class)
            .setParameter("activityId", activityId)
            .setParameter("student", ActivityRole.STUDENT)
            .getResultList()) {
      out.put((Long) row[0], new Counts(chats.getOrDefault((Long) row[0], 0L), (Long) row[1]));
    }
    chats.forEach((id, n) -> out.putIfAbsent(id, new Counts(n, 0)));
    return out;
  }

  /**
   * Chats of students who consented to transcript review, newest first.
   *
   * @param noticeVersion the consent notice in force
   */
  public List<Conversation> reviewableChats(
      Long activityId, String noticeVersion, int first, int max) {
    return em.createQuery(
            "SELECT c FROM Conversation c"
                + STUDENT_CHATS
                + " AND "
                + ActivityUser.consentedToJpql("c.user")
                + " ORDER BY c.updatedAt DESC, c.id DESC",
            Conversation.class)
        .setParameter("activityId", activityId)
        .setParameter("student", ActivityRole.STUDENT)
        .setParameter("v", noticeVersion)
        .setFirstResult(first)
        .setMaxResults(max)
        .getResultList();
  }

  public long reviewableChatCount(Long activityId, String noticeVersion) {
    return em.createQuery(
            "SELECT COUNT(c) FROM Conversation c"
                + STUDENT_CHATS
                + " AND "
                + ActivityUser.consentedToJpql("c.user"),
            Long.class)
        .setParameter("activityId", activityId)
        .setParameter("student", ActivityRole.STUDENT)
        .setParameter("v", noticeVersion)
        .getSingleResult();
  }

  /** One reviewable chat of the activity, if it is one. */
  public Optional<Conversation> reviewableChat(
      Long activityId, Long conversationId, String noticeVersion) {
    return em.createQuery(
            "SELECT c FROM Conversation c"
                + STUDENT_CHATS
                + " AND c.id = :id AND "
                + ActivityUser.consentedToJpql("c.user"),
            Conversation.class)
        .setParameter("activityId", activityId)
        .setParameter("student", ActivityRole.STUDENT)
        .setParameter("id", conversationId)
        .setParameter("v", noticeVersion)
        .getResultStream()
        .findFirst();
  }

  public List<ChatMessage> messages(Long conversationId) {
    return em.createNamedQuery(ChatMessage.OF_CONVERSATION, ChatMessage.class)
        .setParameter("conversationId", conversationId)
        .getResultList();
  }
}
