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
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
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
import org.ltibridge.fastpath.Jdbc;
import org.ltibridge.system.control.DatabaseKind;

/**
 * Figures and transcripts of students' chats in one activity, for the instructor dashboard.
 * Instructors' own chats ("Open chat") never count. Returns our own entities; pseudonymising is the
 * dashboard's job.
 *
 * <p>The figures (chats and messages per assistant, per student, reviewable chats) are read, on
 * PostgreSQL, from {@code chat_figures}, which triggers keep as conversations and messages are
 * stored and deleted (changelog 018), so that a dashboard request costs the same with 100 or
 * 100,000 messages. The kept figures are students' only (changelog 024), so they are read by
 * activity alone. Elsewhere (the embedded H2 database) they are counted from the rows, as the
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
   * The same figures as kept (f), which are students' only; a row whose chats were all deleted
   * stays, at zero, and is left out as the count leaves it out.
   */
  private static final String STUDENT_FIGURES_SQL =
      " FROM chat_figures f WHERE f.activity_id = ? AND f.chats > 0";

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
          + STUDENT_FIGURES_SQL.replace(
              " WHERE", " JOIN lti_activity_users u ON u.id = f.activity_user_id WHERE")
          + " AND "
          + ActivityUser.consentedToSql("u");

  /**
   * The usage of an activity's students day by day, counted from the rows: one row per chat begun
   * (on the day it began) and per message stored (on its day), with its person and assistant.
   */
  private static final String COUNTED_DAYS =
      "SELECT CAST(c.created_at AS DATE) AS on_day, c.activity_user_id AS person,"
          + " c.assistant_id AS assistant, 1 AS chats, 0 AS messages"
          + STUDENT_CHATS_SQL
          + " UNION ALL SELECT CAST(m.created_at AS DATE), c.activity_user_id, c.assistant_id, 0, 1"
          + STUDENT_CHATS_SQL.replace(
              " FROM conversations c",
              " FROM chat_messages m JOIN conversations c ON c.id = m.conversation_id");

  /**
   * The same as kept in {@code chat_days} (changelog 020, students' only since 024); a row at zero
   * is left out.
   */
  private static final String KEPT_DAYS =
      "SELECT d.on_day AS on_day, d.activity_user_id AS person, d.assistant_id AS assistant,"
          + " d.chats AS chats, d.messages AS messages FROM chat_days d"
          + " WHERE d.activity_id = ? AND (d.chats > 0 OR d.messages > 0)";

  private static final String PER_DAY =
      "SELECT x.on_day, COUNT(DISTINCT x.person), SUM(x.chats), SUM(x.messages) FROM (%s) x"
          + " GROUP BY x.on_day ORDER BY x.on_day";
  private static final String PER_ASSISTANT_DAY =
      "SELECT x.on_day, x.assistant, SUM(x.chats), SUM(x.messages) FROM (%s) x"
          + " GROUP BY x.on_day, x.assistant ORDER BY x.on_day, x.assistant";

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

  /**
   * One day (UTC) of an activity's usage: students who began a chat or stored a message that day,
   * chats begun, messages stored (the students' and the assistants' replies).
   */
  public record Day(LocalDate day, long students, long chats, long messages) {}

  /** One assistant's chats begun and messages stored on one day (UTC). */
  public record AssistantDay(LocalDate day, long assistantId, long chats, long messages) {}

  /** The activity's students' usage per day, days without any left out, oldest first. */
  public List<Day> perDay(Long activityId) {
    return database.isPostgres() ? keptPerDay(activityId) : countedPerDay(activityId);
  }

  /** The same per assistant (also one the activity no longer offers). */
  public List<AssistantDay> perAssistantDay(Long activityId) {
    return database.isPostgres()
        ? keptPerAssistantDay(activityId)
        : countedPerAssistantDay(activityId);
  }

  List<Day> countedPerDay(Long activityId) {
    return toDays(days(PER_DAY.formatted(COUNTED_DAYS), countedTwice(activityId)));
  }

  List<Day> keptPerDay(Long activityId) {
    return toDays(days(PER_DAY.formatted(KEPT_DAYS), List.of(activityId)));
  }

  List<AssistantDay> countedPerAssistantDay(Long activityId) {
    return toAssistantDays(
        days(PER_ASSISTANT_DAY.formatted(COUNTED_DAYS), countedTwice(activityId)));
  }

  List<AssistantDay> keptPerAssistantDay(Long activityId) {
    return toAssistantDays(days(PER_ASSISTANT_DAY.formatted(KEPT_DAYS), List.of(activityId)));
  }

  private static List<Day> toDays(List<DayRow> rows) {
    return rows.stream().map(r -> new Day(r.day, r.a, r.b, r.c)).toList();
  }

  private static List<AssistantDay> toAssistantDays(List<DayRow> rows) {
    return rows.stream().map(r -> new AssistantDay(r.day, r.a, r.b, r.c)).toList();
  }

  /** The parameters of {@link #STUDENT_CHATS_SQL}: the activity, the students' role. */
  private static List<Object> counted(Long activityId) {
    return List.of(activityId, ActivityRole.STUDENT.name());
  }

  /** Those of {@link #COUNTED_DAYS}, which holds {@link #STUDENT_CHATS_SQL} twice. */
  private static List<Object> countedTwice(Long activityId) {
    return List.of(
        activityId, ActivityRole.STUDENT.name(), activityId, ActivityRole.STUDENT.name());
  }

  private record DayRow(LocalDate day, long a, long b, long c) {}

  private List<DayRow> days(String sql, List<Object> parameters) {
    List<DayRow> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      bind(s, parameters, List.of());
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(new DayRow(r.getDate(1).toLocalDate(), r.getLong(2), r.getLong(3), r.getLong(4)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  Map<Long, Counts> keptPerAssistant(Long activityId) {
    return grouped(KEPT_PER_ASSISTANT, List.of(activityId), List.of());
  }

  Map<Long, Counts> countedPerAssistant(Long activityId) {
    return grouped(COUNTED_PER_ASSISTANT, counted(activityId), List.of());
  }

  Map<Long, Counts> keptPerStudent(Long activityId, Collection<Long> userIds) {
    return userIds.isEmpty() ? Map.of() : grouped(KEPT_PER_STUDENT, List.of(activityId), userIds);
  }

  Map<Long, Counts> countedPerStudent(Long activityId, Collection<Long> userIds) {
    return userIds.isEmpty()
        ? Map.of()
        : grouped(COUNTED_PER_STUDENT, counted(activityId), userIds);
  }

  long keptReviewable(Long activityId, String noticeVersion) {
    return single(KEPT_REVIEWABLE, List.of(activityId, noticeVersion));
  }

  long countedReviewable(Long activityId, String noticeVersion) {
    return single(
        COUNTED_REVIEWABLE, List.of(activityId, ActivityRole.STUDENT.name(), noticeVersion));
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

  private Map<Long, Counts> grouped(String sql, List<Object> parameters, Collection<Long> ids) {
    Map<Long, Counts> out = new HashMap<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(ids.isEmpty() ? sql : sql.formatted(marks(ids)))) {
      bind(s, parameters, ids);
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

  private long single(String sql, List<Object> parameters) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      bind(s, parameters, List.of());
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The statement's parameters in order, then {@code ids} (its IN list), bound by {@link Jdbc}. */
  private static void bind(PreparedStatement s, List<Object> parameters, Collection<Long> ids)
      throws SQLException {
    List<Object> values = new ArrayList<>(parameters);
    values.addAll(ids);
    Jdbc.bind(s, values.toArray());
  }

  private static String marks(Collection<Long> ids) {
    return String.join(",", java.util.Collections.nCopies(ids.size(), "?"));
  }

  /**
   * Which of the reviewable chats a list shows: of one assistant (null: any), last active on or
   * after {@code from} and on or before {@code to} (UTC days, null: unbounded).
   */
  public record Filter(Long assistantId, LocalDate from, LocalDate to) {

    /** Every reviewable chat. */
    public static final Filter NONE = new Filter(null, null, null);

    boolean none() {
      return assistantId == null && from == null && to == null;
    }

    String jpql() {
      return (assistantId == null ? "" : " AND c.assistant.id = :assistant")
          + (from == null ? "" : " AND c.updatedAt >= :from")
          + (to == null ? "" : " AND c.updatedAt < :until");
    }

    <Q extends jakarta.persistence.Query> Q bind(Q query) {
      if (assistantId != null) {
        query.setParameter("assistant", assistantId);
      }
      if (from != null) {
        query.setParameter("from", from.atStartOfDay());
      }
      if (to != null) {
        query.setParameter("until", to.plusDays(1).atStartOfDay());
      }
      return query;
    }
  }

  /** Where a walk through the reviewable chats, newest first, stopped: the last chat it gave. */
  public record After(LocalDateTime updatedAt, Long id) {}

  /** The rule of every reviewable-chat query: a student's chat, the student consented. */
  private static final String REVIEWABLE =
      STUDENT_CHATS + " AND " + ActivityUser.consentedToJpql("c.user");

  private static final String NEWEST_FIRST = " ORDER BY c.updatedAt DESC, c.id DESC";

  /**
   * Chats of students who consented to transcript review, newest first, with their person and
   * assistant.
   *
   * @param noticeVersion the consent notice in force
   */
  public List<Conversation> reviewableChats(
      Long activityId, String noticeVersion, int first, int max) {
    return reviewableChats(activityId, noticeVersion, Filter.NONE, first, max);
  }

  /** The same, only those {@code filter} lets through. */
  public List<Conversation> reviewableChats(
      Long activityId, String noticeVersion, Filter filter, int first, int max) {
    return reviewable(
            "SELECT c FROM Conversation c JOIN FETCH c.user JOIN FETCH c.assistant"
                + REVIEWABLE
                + filter.jpql()
                + NEWEST_FIRST,
            Conversation.class,
            activityId,
            noticeVersion,
            filter)
        .setFirstResult(first)
        .setMaxResults(max)
        .getResultList();
  }

  /**
   * The next {@code max} reviewable chats after {@code after} (null: from the newest), in the order
   * of {@link #reviewableChats}: a walk through every one of them that reads a page at a time and
   * never skips or repeats a chat, however many there are (keyset paging).
   */
  public List<Conversation> reviewableChatsAfter(
      Long activityId, String noticeVersion, Filter filter, After after, int max) {
    var query =
        reviewable(
            "SELECT c FROM Conversation c JOIN FETCH c.user JOIN FETCH c.assistant"
                + REVIEWABLE
                + filter.jpql()
                + (after == null
                    ? ""
                    : " AND (c.updatedAt < :at OR (c.updatedAt = :at AND c.id < :id))")
                + NEWEST_FIRST,
            Conversation.class,
            activityId,
            noticeVersion,
            filter);
    if (after != null) {
      query.setParameter("at", after.updatedAt()).setParameter("id", after.id());
    }
    return query.setMaxResults(max).getResultList();
  }

  /** How many reviewable chats {@code filter} lets through. */
  public long reviewableChatCount(Long activityId, String noticeVersion, Filter filter) {
    if (filter.none()) {
      return reviewableChatCount(activityId, noticeVersion);
    }
    return reviewable(
            "SELECT COUNT(c) FROM Conversation c" + REVIEWABLE + filter.jpql(),
            Long.class,
            activityId,
            noticeVersion,
            filter)
        .getSingleResult();
  }

  private <T> jakarta.persistence.TypedQuery<T> reviewable(
      String jpql, Class<T> type, Long activityId, String noticeVersion, Filter filter) {
    return filter.bind(
        em.createQuery(jpql, type)
            .setParameter("activityId", activityId)
            .setParameter("student", ActivityRole.STUDENT)
            .setParameter("v", noticeVersion));
  }

  /** A stored message with the id of its conversation. */
  public record StoredMessage(Long conversationId, ChatMessage message) {}

  /** The messages of these conversations, each conversation's in the order they were stored. */
  public List<StoredMessage> messagesOf(Collection<Long> conversationIds) {
    if (conversationIds.isEmpty()) {
      return List.of();
    }
    return em.createQuery(
            "SELECT m.conversation.id, m FROM ChatMessage m WHERE m.conversation.id IN :ids"
                + " ORDER BY m.conversation.id, m.id",
            Object[].class)
        .setParameter("ids", conversationIds)
        .getResultStream()
        .map(r -> new StoredMessage((Long) r[0], (ChatMessage) r[1]))
        .toList();
  }

  /** One reviewable chat of the activity, if it is one. */
  public Optional<Conversation> reviewableChat(
      Long activityId, Long conversationId, String noticeVersion) {
    return em.createQuery(
            "SELECT c FROM Conversation c" + REVIEWABLE + " AND c.id = :id", Conversation.class)
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
