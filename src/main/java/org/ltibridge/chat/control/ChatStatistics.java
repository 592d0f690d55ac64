package org.ltibridge.chat.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.ltibridge.activity.entity.ActivityRole;
import org.ltibridge.activity.entity.ActivityUser;
import org.ltibridge.chat.entity.ChatMessage;
import org.ltibridge.chat.entity.Conversation;
import org.ltibridge.system.control.DatabaseKind;

/**
 * Figures and transcripts of students' chats in one activity, for the instructor dashboard.
 * Instructors' own chats ("Open chat") never count. Returns our own entities; pseudonymising is the
 * dashboard's job.
 *
 * <p>The figures (chats and messages per assistant, per student, reviewable chats) are read, on
 * PostgreSQL, from {@code chat_figures}, which triggers keep as conversations and messages are
 * stored and deleted (changelog 018), so that a dashboard request costs the same with 100 or
 * 100,000 messages. Elsewhere (the embedded H2 database) they are counted from the rows, as the
 * {@code counted...} methods do; {@code ChatFiguresOnPostgresIT} holds the kept figures against
 * that count.
 */
@ApplicationScoped
public class ChatStatistics {

  private static final String STUDENT_CHATS =
      " WHERE c.activity.id = :activityId AND c.user.role = :student";

  /** The rule, in SQL: the chats of an activity's students (c) with their person (u). */
  private static final String STUDENT_CHATS_SQL =
      " FROM conversations c JOIN lti_activity_users u ON u.id = c.activity_user_id"
          + " WHERE c.activity_id = ? AND u.role = ?";

  /**
   * The same figures as kept (f, with the person u); a row whose chats were all deleted stays, at
   * zero, and is left out as the count leaves it out.
   */
  private static final String STUDENT_FIGURES_SQL =
      " FROM chat_figures f JOIN lti_activity_users u ON u.id = f.activity_user_id"
          + " WHERE f.activity_id = ? AND u.role = ? AND f.chats > 0";

  private static final String COUNTED_PER_ASSISTANT =
      "SELECT c.assistant_id, COUNT(DISTINCT c.id), COUNT(m.id)"
          + STUDENT_CHATS_SQL.replace(
              " WHERE", " LEFT JOIN chat_messages m ON m.conversation_id = c.id WHERE")
          + " GROUP BY c.assistant_id";
  private static final String KEPT_PER_ASSISTANT =
      "SELECT f.assistant_id, SUM(f.chats), SUM(f.messages)"
          + STUDENT_FIGURES_SQL
          + " GROUP BY f.assistant_id";
  private static final String COUNTED_PER_STUDENT =
      "SELECT c.activity_user_id, COUNT(DISTINCT c.id), COUNT(m.id)"
          + STUDENT_CHATS_SQL.replace(
              " WHERE", " LEFT JOIN chat_messages m ON m.conversation_id = c.id WHERE")
          + " AND c.activity_user_id IN (%s) GROUP BY c.activity_user_id";
  private static final String KEPT_PER_STUDENT =
      "SELECT f.activity_user_id, SUM(f.chats), SUM(f.messages)"
          + STUDENT_FIGURES_SQL
          + " AND f.activity_user_id IN (%s) GROUP BY f.activity_user_id";
  private static final String COUNTED_REVIEWABLE =
      "SELECT COUNT(*)" + STUDENT_CHATS_SQL + " AND " + ActivityUser.consentedToSql("u");
  private static final String KEPT_REVIEWABLE =
      "SELECT COALESCE(SUM(f.chats), 0)"
          + STUDENT_FIGURES_SQL
          + " AND "
          + ActivityUser.consentedToSql("u");
  private static final String MESSAGES_OF =
      "SELECT conversation_id, COUNT(*) FROM chat_messages WHERE conversation_id IN (%s)"
          + " GROUP BY conversation_id";

  @PersistenceContext EntityManager em;

  @Resource(lookup = "java:comp/env/jdbc/app")
  DataSource dataSource;

  @Inject DatabaseKind database;

  /** Counts of chats and messages. */
  public record Counts(long chats, long messages) {

    /** No chat, no message. */
    public static final Counts NONE = new Counts(0, 0);

    /** The sum of both. */
    public Counts plus(Counts other) {
      return new Counts(chats + other.chats, messages + other.messages);
    }
  }

  /**
   * Per assistant id, every assistant the activity's students chatted with (also one the activity
   * no longer offers).
   */
  public Map<Long, Counts> perAssistant(Long activityId) {
    return database.isPostgres() ? keptPerAssistant(activityId) : countedPerAssistant(activityId);
  }

  /** Per activity user id, for the students among {@code userIds} who chatted. */
  public Map<Long, Counts> perStudent(Long activityId, Collection<Long> userIds) {
    return database.isPostgres()
        ? keptPerStudent(activityId, userIds)
        : countedPerStudent(activityId, userIds);
  }

  /**
   * How many chats of the activity an instructor may review: those of students who consented to the
   * notice in force.
   */
  public long reviewableChatCount(Long activityId, String noticeVersion) {
    return database.isPostgres()
        ? keptReviewable(activityId, noticeVersion)
        : countedReviewable(activityId, noticeVersion);
  }

  Map<Long, Counts> keptPerAssistant(Long activityId) {
    return grouped(KEPT_PER_ASSISTANT, activityId, List.of());
  }

  Map<Long, Counts> countedPerAssistant(Long activityId) {
    return grouped(COUNTED_PER_ASSISTANT, activityId, List.of());
  }

  Map<Long, Counts> keptPerStudent(Long activityId, Collection<Long> userIds) {
    return userIds.isEmpty() ? Map.of() : grouped(KEPT_PER_STUDENT, activityId, userIds);
  }

  Map<Long, Counts> countedPerStudent(Long activityId, Collection<Long> userIds) {
    return userIds.isEmpty() ? Map.of() : grouped(COUNTED_PER_STUDENT, activityId, userIds);
  }

  long keptReviewable(Long activityId, String noticeVersion) {
    return single(KEPT_REVIEWABLE, activityId, ActivityRole.STUDENT.name(), noticeVersion);
  }

  long countedReviewable(Long activityId, String noticeVersion) {
    return single(COUNTED_REVIEWABLE, activityId, ActivityRole.STUDENT.name(), noticeVersion);
  }

  /** How many messages each of these conversations has (none listed for one without). */
  public Map<Long, Long> messageCounts(Collection<Long> conversationIds) {
    Map<Long, Long> out = new HashMap<>();
    if (conversationIds.isEmpty()) {
      return out;
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(MESSAGES_OF.formatted(marks(conversationIds)))) {
      int i = 1;
      for (Long id : conversationIds) {
        s.setLong(i++, id);
      }
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.put(r.getLong(1), r.getLong(2));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private Map<Long, Counts> grouped(String sql, Long activityId, Collection<Long> ids) {
    Map<Long, Counts> out = new HashMap<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(ids.isEmpty() ? sql : sql.formatted(marks(ids)))) {
      s.setLong(1, activityId);
      s.setString(2, ActivityRole.STUDENT.name());
      int i = 3;
      for (Long id : ids) {
        s.setLong(i++, id);
      }
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.put(r.getLong(1), new Counts(r.getLong(2), r.getLong(3)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private long single(String sql, Long activityId, String role, String noticeVersion) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setLong(1, activityId);
      s.setString(2, role);
      s.setString(3, noticeVersion);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String marks(Collection<Long> ids) {
    return String.join(",", java.util.Collections.nCopies(ids.size(), "?"));
  }

  /**
   * Chats of students who consented to transcript review, newest first, with their person and
   * assistant.
   *
   * @param noticeVersion the consent notice in force
   */
  public List<Conversation> reviewableChats(
      Long activityId, String noticeVersion, int first, int max) {
    return em.createQuery(
            "SELECT c FROM Conversation c JOIN FETCH c.user JOIN FETCH c.assistant"
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
