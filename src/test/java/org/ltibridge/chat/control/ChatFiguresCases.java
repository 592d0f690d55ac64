package org.ltibridge.chat.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.ltibridge.activity.entity.ActivityRole;
import org.ltibridge.activity.entity.ActivityUser;
import org.ltibridge.chat.control.ChatStatistics.Counts;
import org.ltibridge.system.control.DatabaseKind;
import org.ltibridge.testsupport.ActivityRows;
import org.ltibridge.testsupport.Rows;

/**
 * The dashboard's figures of an activity's chats ({@link ChatStatistics}): per assistant, per
 * student and reviewable chats, as chats begin, messages arrive and rows are deleted. Each step
 * compares what the dashboard reads with figures worked out here from the rows the test wrote and
 * from {@link ActivityUser#consentedNoticeVersion} (the Java rule of consent), so a figure that is
 * wrong fails; on PostgreSQL ({@link ChatFiguresOnPostgresIT}) the figures kept by the triggers of
 * changelog 018 are also compared with a recount of the rows ({@code counted...}) after every step.
 * {@link ChatFiguresTest} runs the same on H2, where the dashboard counts.
 */
abstract class ChatFiguresCases {

  static final String NOTICE = "2026-11";

  /** An empty database with the project's schema. */
  abstract DataSource database() throws Exception;

  /** Whether this database keeps the figures (PostgreSQL) rather than counting them. */
  abstract boolean keeps();

  DataSource db;
  ChatStatistics statistics;
  LocalDateTime at = LocalDateTime.of(2026, 11, 2, 9, 0);

  /** What the test wrote: each conversation's activity, person and assistant, and its messages. */
  record Chat(long activity, long person, long assistant, int messages) {}

  final Map<Long, Chat> chats = new LinkedHashMap<>();
  final Map<Long, ActivityRole> roles = new HashMap<>();
  final Map<Long, ActivityUser> consent = new HashMap<>();

  @Test
  void theFiguresFollowChatsAsTheyBeginArriveAndGo() throws Exception {
    db = database();
    statistics = new ChatStatistics();
    statistics.dataSource = db;
    statistics.database = new DatabaseKind(db);

    ActivityRows rows = new ActivityRows(db, "figures", null);
    long hall = rows.activity("lti11:k", "rl-hall", "Lecture hall");
    long other = rows.activity("lti11:k", "rl-other", "Another course");
    long tutor = rows.assistant(hall, "Tutor", "gpt-x");
    long quiz = rows.assistant(hall, "Quiz", "gpt-x");
    Rows.add(db, "lti_activity_assistants", "activity_id", other, "assistant_id", tutor);

    long ada = student(rows, hall, "ada", NOTICE); // consented to the notice in force
    long ben = student(rows, hall, "ben", "2025-01"); // to an older notice only
    long cy = student(rows, hall, "cy", null); // never
    long dee = student(rows, hall, "dee", null);
    long teacher = student(rows, hall, "teacher", NOTICE);
    Rows.execute(db, "UPDATE lti_activity_users SET role = 'INSTRUCTOR' WHERE id = ?", teacher);
    roles.put(teacher, ActivityRole.INSTRUCTOR); // an instructor's own chats never count
    long eve = student(rows, other, "eve", NOTICE); // another activity's

    long ada1 = chat(hall, ada, tutor, 3);
    chat(hall, ada, quiz, 2);
    long ben1 = chat(hall, ben, tutor, 4);
    long cy1 = chat(hall, cy, quiz, 1);
    chat(hall, dee, tutor, 0);
    chat(hall, teacher, tutor, 5);
    chat(other, eve, tutor, 2);
    check(hall, List.of(ada, ben, cy, dee, teacher));
    check(other, List.of(eve));

    // Messages arrive; a chat begins.
    message(ada1);
    message(ada1);
    chat(hall, dee, quiz, 2);
    chat(hall, teacher, quiz, 1);
    check(hall, List.of(ada, ben, cy, dee, teacher));

    // A message goes, a conversation goes with its messages, a person goes with their chats.
    Rows.execute(
        db,
        "DELETE FROM chat_messages WHERE id = (SELECT MAX(id) FROM chat_messages"
            + " WHERE conversation_id = ?)",
        ben1);
    chats.put(ben1, new Chat(hall, ben, tutor, 3));
    Rows.execute(db, "DELETE FROM conversations WHERE id = ?", cy1);
    chats.remove(cy1);
    Rows.execute(db, "DELETE FROM lti_activity_users WHERE id = ?", dee);
    chats.values().removeIf(c -> c.person() == dee);
    check(hall, List.of(ada, ben, cy, dee, teacher));

    // A person goes with two chats with the same assistant (the cascade reaches their figures).
    long fay = student(rows, hall, "fay", NOTICE);
    chat(hall, fay, tutor, 2);
    chat(hall, fay, tutor, 1);
    check(hall, List.of(ada, ben, cy, fay, teacher));
    Rows.execute(db, "DELETE FROM lti_activity_users WHERE id = ?", fay);
    chats.values().removeIf(c -> c.person() == fay);
    check(hall, List.of(ada, ben, cy, fay, teacher));

    // A conversation moved to another assistant (the application does not; the figures follow).
    Rows.execute(db, "UPDATE conversations SET assistant_id = ? WHERE id = ?", quiz, ben1);
    chats.put(ben1, new Chat(hall, ben, quiz, 3));
    check(hall, List.of(ada, ben, cy, dee, teacher));
    check(other, List.of(eve));
  }

  /**
   * Usage per day (changelog 020 keeps it on PostgreSQL): chats begun and messages stored on other
   * days than today, an instructor's chat left out, a deletion and a move followed.
   */
  @Test
  void usagePerDayFollowsChatsOnTheirDays() throws Exception {
    db = database();
    statistics = new ChatStatistics();
    statistics.dataSource = db;
    statistics.database = new DatabaseKind(db);
    ActivityRows rows = new ActivityRows(db, "days", null);
    long hall = rows.activity("lti11:k", "rl-days", "Days");
    long tutor = rows.assistant(hall, "Tutor", "gpt-x");
    long quiz = rows.assistant(hall, "Quiz", "gpt-x");
    long ada = student(rows, hall, "ada", NOTICE);
    long ben = student(rows, hall, "ben", null);
    long teacher = student(rows, hall, "teacher", NOTICE);
    Rows.execute(db, "UPDATE lti_activity_users SET role = 'INSTRUCTOR' WHERE id = ?", teacher);
    java.time.LocalDate d1 = java.time.LocalDate.of(2026, 10, 5);
    java.time.LocalDate d2 = d1.plusDays(1);
    java.time.LocalDate d3 = d1.plusDays(7);

    long a1 = chatOn(hall, ada, tutor, d1.atTime(23, 59), d1.atTime(23, 59), d2.atTime(0, 1));
    chatOn(hall, ben, quiz, d2.atTime(10, 0), d2.atTime(10, 0), d2.atTime(10, 1));
    long b2 = chatOn(hall, ben, tutor, d3.atTime(8, 0), d3.atTime(8, 0));
    chatOn(hall, teacher, tutor, d3.atTime(9, 0), d3.atTime(9, 0), d3.atTime(9, 1));
    days(
        hall,
        List.of(
            new ChatStatistics.Day(d1, 1, 1, 1),
            new ChatStatistics.Day(d2, 2, 1, 3),
            new ChatStatistics.Day(d3, 1, 1, 1)),
        List.of(
            new ChatStatistics.AssistantDay(d1, tutor, 1, 1),
            new ChatStatistics.AssistantDay(d2, tutor, 0, 1),
            new ChatStatistics.AssistantDay(d2, quiz, 1, 2),
            new ChatStatistics.AssistantDay(d3, tutor, 1, 1)));

    // A chat moved to another assistant; another deleted with its messages.
    Rows.execute(db, "UPDATE conversations SET assistant_id = ? WHERE id = ?", quiz, a1);
    Rows.execute(db, "DELETE FROM conversations WHERE id = ?", b2);
    days(
        hall,
        List.of(new ChatStatistics.Day(d1, 1, 1, 1), new ChatStatistics.Day(d2, 2, 1, 3)),
        List.of(
            new ChatStatistics.AssistantDay(d1, quiz, 1, 1),
            new ChatStatistics.AssistantDay(d2, quiz, 1, 3)));
  }

  /** A conversation begun at {@code begun} with a message at each of {@code messages}; its id. */
  long chatOn(
      long activity, long person, long assistant, LocalDateTime begun, LocalDateTime... messages) {
    long id =
        Rows.insert(
            db,
            "conversations",
            "activity_id",
            activity,
            "activity_user_id",
            person,
            "assistant_id",
            assistant,
            "title",
            "Chat",
            "created_at",
            begun,
            "updated_at",
            messages.length == 0 ? begun : messages[messages.length - 1]);
    for (LocalDateTime m : messages) {
      Rows.insert(
          db,
          "chat_messages",
          "conversation_id",
          id,
          "role",
          "USER",
          "content",
          "Hello",
          "status",
          "COMPLETE",
          "created_at",
          m);
    }
    return id;
  }

  void days(
      long activity,
      List<ChatStatistics.Day> perDay,
      List<ChatStatistics.AssistantDay> perAssistantDay) {
    assertEquals(perDay, statistics.perDay(activity), "per day");
    assertEquals(perDay, statistics.countedPerDay(activity), "counted per day");
    assertEquals(
        new java.util.HashSet<>(perAssistantDay),
        new java.util.HashSet<>(statistics.perAssistantDay(activity)),
        "per assistant and day");
    assertEquals(
        new java.util.HashSet<>(perAssistantDay),
        new java.util.HashSet<>(statistics.countedPerAssistantDay(activity)),
        "counted per assistant and day");
    if (keeps()) {
      assertEquals(perDay, statistics.keptPerDay(activity), "kept per day");
      assertEquals(
          new java.util.HashSet<>(perAssistantDay),
          new java.util.HashSet<>(statistics.keptPerAssistantDay(activity)),
          "kept per assistant and day");
    }
  }

  /** A student of {@code activity} who consented to {@code notice} (null: never). */
  long student(ActivityRows rows, long activity, String name, String notice) {
    long id = rows.student(activity, name, "rl-" + activity, "Student " + name);
    ActivityUser person =
        new ActivityUser(null, name, name, name, name, ActivityRole.STUDENT, name, at);
    if (notice != null) {
      person.giveConsent(notice, at);
      Rows.execute(
          db,
          "UPDATE lti_activity_users SET consent_given_at = ?, consent_notice_version = ?"
              + " WHERE id = ?",
          at,
          notice,
          id);
    }
    roles.put(id, ActivityRole.STUDENT);
    consent.put(id, person);
    return id;
  }

  /** A conversation with {@code messages} messages; its id. */
  long chat(long activity, long person, long assistant, int messages) {
    long id =
        Rows.insert(
            db,
            "conversations",
            "activity_id",
            activity,
            "activity_user_id",
            person,
            "assistant_id",
            assistant,
            "title",
            "Chat",
            "created_at",
            at,
            "updated_at",
            at);
    chats.put(id, new Chat(activity, person, assistant, 0));
    for (int i = 0; i < messages; i++) {
      message(id);
    }
    return id;
  }

  void message(long conversation) {
    Chat c = chats.get(conversation);
    Rows.insert(
        db,
        "chat_messages",
        "conversation_id",
        conversation,
        "role",
        c.messages() % 2 == 0 ? "USER" : "ASSISTANT",
        "content",
        "Message " + c.messages(),
        "status",
        "COMPLETE",
        "created_at",
        at);
    chats.put(conversation, new Chat(c.activity(), c.person(), c.assistant(), c.messages() + 1));
  }

  /** The dashboard's figures of {@code activity} are those of the rows written. */
  void check(long activity, List<Long> people) {
    Map<Long, Counts> perAssistant = new HashMap<>();
    Map<Long, Counts> perStudent = new HashMap<>();
    long reviewable = 0;
    for (Chat c : chats.values()) {
      if (c.activity() != activity || roles.get(c.person()) != ActivityRole.STUDENT) {
        continue;
      }
      Counts one = new Counts(1, c.messages());
      perAssistant.merge(c.assistant(), one, Counts::plus);
      perStudent.merge(c.person(), one, Counts::plus);
      if (NOTICE.equals(consent.get(c.person()).consentedNoticeVersion())) {
        reviewable++;
      }
    }
    assertEquals(perAssistant, statistics.perAssistant(activity), "per assistant");
    assertEquals(perStudent, statistics.perStudent(activity, people), "per student");
    assertEquals(reviewable, statistics.reviewableChatCount(activity, NOTICE), "reviewable");
    assertEquals(perAssistant, statistics.countedPerAssistant(activity), "counted per assistant");
    assertEquals(reviewable, statistics.countedReviewable(activity, NOTICE), "counted reviewable");
    if (keeps()) {
      assertEquals(perAssistant, statistics.keptPerAssistant(activity), "kept per assistant");
      assertEquals(perStudent, statistics.keptPerStudent(activity, people), "kept per student");
      assertEquals(reviewable, statistics.keptReviewable(activity, NOTICE), "kept reviewable");
    }
  }
}
