package org.ltibridge.chat.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.ltibridge.testsupport.ActivityRows;
import org.ltibridge.testsupport.Rows;
import org.ltibridge.testsupport.TestSchema;

/**
 * The retention share's selection on the real schema (embedded H2): it deletes exactly the
 * conversations the Java rule {@link TranscriptRetention#expired} calls expired, with their
 * messages, in organisations that set a period only; a second run finds nothing; a run deletes at
 * most {@link TranscriptRetention#BATCH}.
 */
class TranscriptRetentionTest {

  static final LocalDateTime NOW = LocalDateTime.of(2026, 12, 3, 7, 0, 0);

  /** Ages of last messages around a 30-day period, the boundary on both sides. */
  static final List<LocalDateTime> LAST_MESSAGES =
      List.of(
          NOW.minusDays(400),
          NOW.minusDays(31),
          NOW.minusDays(30).minusSeconds(1),
          NOW.minusDays(30),
          NOW.minusDays(30).plusSeconds(1),
          NOW.minusDays(29),
          NOW.minusHours(1),
          NOW);

  @Test
  void theSqlDeletesWhatTheRuleCallsExpiredAndNothingElse() throws Exception {
    DataSource db = TestSchema.h2("retention-" + UUID.randomUUID());
    Org keeping30 = new Org(db, "keep30");
    Org forever = new Org(db, "forever");
    Rows.execute(
        db, "UPDATE organizations SET transcript_retention_days = 30 WHERE id = ?", keeping30.id);
    Set<Long> expected = new HashSet<>();
    for (LocalDateTime at : LAST_MESSAGES) {
      long kept = keeping30.conversation(at);
      if (!TranscriptRetention.expired(at, 30, NOW)) {
        expected.add(kept);
      }
      expected.add(forever.conversation(at));
    }

    TranscriptRetention share = new TranscriptRetention(db);
    int deleted = share.everyMinute(NOW);

    assertEquals(2 * LAST_MESSAGES.size() - expected.size(), deleted);
    assertEquals(3, deleted, "400, 31 days and 30 days and a second");
    assertEquals(expected, ids(db, "SELECT id FROM conversations"));
    assertEquals(
        0,
        Rows.number(
            db,
            "SELECT COUNT(*) FROM chat_messages m WHERE NOT EXISTS (SELECT 1 FROM conversations c"
                + " WHERE c.id = m.conversation_id)"),
        "their messages went with them");
    assertEquals(2L * expected.size(), Rows.number(db, "SELECT COUNT(*) FROM chat_messages"));
    assertEquals(0, share.everyMinute(NOW), "a second run finds nothing");
  }

  @Test
  void aRunDeletesAtMostABatch() throws Exception {
    DataSource db = TestSchema.h2("retention-batch-" + UUID.randomUUID());
    Org org = new Org(db, "batch");
    Rows.execute(db, "UPDATE organizations SET transcript_retention_days = 1 WHERE id = ?", org.id);
    for (int i = 0; i < TranscriptRetention.BATCH + 7; i++) {
      org.conversation(NOW.minusDays(2));
    }
    TranscriptRetention share = new TranscriptRetention(db);
    assertEquals(TranscriptRetention.BATCH, share.everyMinute(NOW));
    assertEquals(7, share.everyMinute(NOW));
    assertEquals(0, Rows.number(db, "SELECT COUNT(*) FROM conversations"));
  }

  private static Set<Long> ids(DataSource db, String sql) throws Exception {
    Set<Long> out = new HashSet<>();
    for (Object[] row : Rows.list(db, sql)) {
      out.add(((Number) row[0]).longValue());
    }
    return out;
  }

  /** An organisation with one activity, one student and one assistant. */
  static final class Org {
    final DataSource db;
    final long id;
    final long activity;
    final long student;
    final long assistant;

    Org(DataSource db, String slug) throws Exception {
      this.db = db;
      ActivityRows rows = new ActivityRows(db, slug, null);
      activity = rows.activity("platform-" + slug, "link-" + slug, slug);
      student = rows.student(activity, "sam", "link-" + slug, "Student " + slug);
      assistant = rows.assistant(activity, "Tutor " + slug, "m");
      id = Rows.number(db, "SELECT organization_id FROM lti_activities WHERE id = ?", activity);
    }

    /** A conversation whose last message was at {@code at}, with two messages; its id. */
    long conversation(LocalDateTime at) {
      long c =
          Rows.insert(
              db,
              "conversations",
              "activity_id",
              activity,
              "activity_user_id",
              student,
              "assistant_id",
              assistant,
              "created_at",
              at.minusMinutes(5),
              "updated_at",
              at);
      for (String role : new String[] {"USER", "ASSISTANT"}) {
        Rows.insert(
            db,
            "chat_messages",
            "conversation_id",
            c,
            "role",
            role,
            "content",
            "text",
            "status",
            "COMPLETE",
            "created_at",
            at);
      }
      return c;
    }
  }
}
