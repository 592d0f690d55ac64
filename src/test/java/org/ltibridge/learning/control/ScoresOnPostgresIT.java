package org.ltibridge.learning.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ltibridge.learning.entity.Score;
import org.ltibridge.system.control.DatabaseKind;
import org.ltibridge.testsupport.PostgresTestDatabase;
import org.ltibridge.testsupport.Rows;

/**
 * The quick score path ({@link Scores#storeTogether}) on a real PostgreSQL: one statement that
 * stores the result and updates the enrolment, committed in groups. It returns false whenever it
 * does not apply and the caller then takes the full way, so nothing else fails if it silently stops
 * applying; these tests do. Each one uses learners of its own, so they do not depend on their
 * order.
 */
class ScoresOnPostgresIT {

  /** The scores' own timestamps (AGS §3.4.4), in order. */
  static final LocalDateTime T0 = LocalDateTime.of(2026, 1, 20, 9, 0);

  static final LocalDateTime T1 = LocalDateTime.of(2026, 1, 20, 10, 0);
  static final LocalDateTime T2 = LocalDateTime.of(2026, 1, 20, 11, 0, 30);

  /** When the fixtures' enrolments were made (before any score). */
  static final LocalDateTime ENROLLED_AT = LocalDateTime.of(2026, 1, 1, 8, 0);

  /** The server's clock when the first score of a test arrives. */
  static final Instant NOW = Instant.parse("2026-01-21T12:00:00Z");

  static final int THREADS = 8;
  static final int SCORES_PER_THREAD = 100;

  static DataSource db;
  static long toolId;
  static long otherToolId;

  /** A course that syncs grades (passing mark 60) and one that does not. */
  static long syncCourse;

  static long plainCourse;

  /** Line items of {@link #toolId}: in the syncing course, in the other, and one for the burst. */
  static long syncItem;

  static long plainItem;
  static long burstItem;

  /** Numbers the learners of all tests apart. */
  static final AtomicInteger LEARNERS = new AtomicInteger();

  MutableClock clock;
  Scores scores;

  @BeforeAll
  static void database() throws SQLException {
    db = PostgresTestDatabase.create("ltibridge_quickpaths_scores");
    toolId = tool("tool-a");
    otherToolId = tool("tool-b");
    long deployment =
        id(
            "INSERT INTO lti_deployments (tool_id, deployment_id, name, created_at)"
                + " VALUES (?, 'dep-a', 'Deployment A', CURRENT_TIMESTAMP) RETURNING id",
            toolId);
    syncCourse = course("SYNC", "60");
    plainCourse = course("PLAIN", "50");
    long syncConfig = courseConfig(syncCourse, deployment, "ctx-sync", true);
    long plainConfig = courseConfig(plainCourse, deployment, "ctx-plain", false);
    syncItem = lineItem(syncConfig, "Quiz");
    plainItem = lineItem(plainConfig, "Essay");
    burstItem = lineItem(syncConfig, "Burst");
  }

  @BeforeEach
  void wire() {
    clock = new MutableClock(NOW);
    scores = ScoresWiring.scores(db, clock);
    assertTrue(new DatabaseKind(db).isPostgres(), "group commits only exist on PostgreSQL");
  }

  @AfterEach
  void unwire() {
    scores.stopGroups();
  }

  // --- a first score ---------------------------------------------------------------------------

  @Test
  void aFirstScoreIsStoredAndSyncsTheEnrolment() throws SQLException {
    Who learner = learner("first", syncCourse);

    assertTrue(
        scores.storeTogether(
            toolId, syncItem, score(learner, "7", "10", "Completed", "FullyGraded", "good", T1)));

    assertEquals(1, results(learner.id()));
    assertEquals(
        Stored.of("7", "10", "Completed", "FullyGraded", "good", T1, now(), now()),
        stored(syncItem, learner.id()));
    assertEquals(
        new Enrolled(new BigDecimal("70.00"), "PASSED", 100, "COMPLETED", now()),
        enrolment(syncCourse, learner.id()));
  }

  @Test
  void aFailedScoreInProgressKeepsTheProgress() throws SQLException {
    Who learner = learner("failing", syncCourse);

    assertTrue(
        scores.storeTogether(
            toolId, syncItem, score(learner, "5", "10", "InProgress", "FullyGraded", null, T1)));

    assertEquals(
        Stored.of("5", "10", "InProgress", "FullyGraded", null, T1, now(), now()),
        stored(syncItem, learner.id()));
    assertEquals(
        new Enrolled(new BigDecimal("50.00"), "FAILED", 0, "IN_PROGRESS", now()),
        enrolment(syncCourse, learner.id()));
  }

  @Test
  void aFirstScoreWithoutAGradeStoresNullsAndLeavesTheMarks() throws SQLException {
    Who learner = learner("ungraded", syncCourse);

    assertTrue(
        scores.storeTogether(
            toolId, syncItem, score(learner, null, null, "Started", "NotReady", null, T1)));

    assertEquals(
        Stored.of(null, null, "Started", "NotReady", null, T1, now(), now()),
        stored(syncItem, learner.id()));
    assertEquals(
        new Enrolled(null, null, 0, "IN_PROGRESS", now()), enrolment(syncCourse, learner.id()));
  }

  @Test
  void aFirstScoreWhereGradesDoNotSyncLeavesTheEnrolment() throws SQLException {
    Who learner = learner("plain", plainCourse);
    Enrolled before = enrolment(plainCourse, learner.id());

    // The userId without the "user-" prefix names the same learner.
    assertTrue(
        scores.storeTogether(
            toolId,
            plainItem,
            new Score(
                learner.userId().substring("user-".length()),
                new BigDecimal("9.5"),
                new BigDecimal("10"),
                "Completed",
                "FullyGraded",
                "fine",
                T1)));

    assertEquals(
        Stored.of("9.5", "10", "Completed", "FullyGraded", "fine", T1, now(), now()),
        stored(plainItem, learner.id()));
    assertEquals(new Enrolled(null, null, 0, "ENROLLED", ENROLLED_AT), before);
    assertEquals(before, enrolment(plainCourse, learner.id()));
  }

  // --- later, older and repeated scores ---------------------------------------------------------

  @Test
  void aLaterScoreReplacesTheResultAndTheMarks() throws SQLException {
    Who learner = learner("later", syncCourse);
    assertTrue(
        scores.storeTogether(
            toolId, syncItem, score(learner, "3", "10", "InProgress", "FullyGraded", "try", T1)));
    LocalDateTime first = now();
    clock.advanceSeconds(60);

    assertTrue(
        scores.storeTogether(
            toolId, syncItem, score(learner, "8", "10", "Completed", "FullyGraded", "again", T2)));

    assertEquals(1, results(learner.id()));
    assertEquals(
        Stored.of("8", "10", "Completed", "FullyGraded", "again", T2, first, now()),
        stored(syncItem, learner.id()));
    assertEquals(
        new Enrolled(new BigDecimal("80.00"), "PASSED", 100, "COMPLETED", now()),
        enrolment(syncCourse, learner.id()));
  }

  @Test
  void anOlderScoreIsNotStoredHere() throws SQLException {
    Who learner = learner("older", syncCourse);
    assertTrue(
        scores.storeTogether(
            toolId, syncItem, score(learner, "8", "10", "Completed", "FullyGraded", "ok", T1)));
    Stored result = stored(syncItem, learner.id());
    Enrolled enrolment = enrolment(syncCourse, learner.id());
    clock.advanceSeconds(60);

    assertFalse(
        scores.storeTogether(
            toolId, syncItem, score(learner, "2", "10", "InProgress", "FullyGraded", "old", T0)));

    assertEquals(1, results(learner.id()));
    assertEquals(result, stored(syncItem, learner.id()));
    assertEquals(enrolment, enrolment(syncCourse, learner.id()));
  }

  @Test
  void theSameScoreAgainIsLeftToTheFullWay() throws SQLException {
    Who learner = learner("again", syncCourse);
    Score score = score(learner, "8", "10", "Completed", "FullyGraded", "ok", T1);
    assertTrue(scores.storeTogether(toolId, syncItem, score));
    Stored result = stored(syncItem, learner.id());
    Enrolled enrolment = enrolment(syncCourse, learner.id());
    clock.advanceSeconds(60);

    assertFalse(scores.storeTogether(toolId, syncItem, score));
    // A different score with the very same timestamp: not stored either.
    assertFalse(
        scores.storeTogether(
            toolId, syncItem, score(learner, "9", "10", "Completed", "FullyGraded", "ok", T1)));

    assertEquals(1, results(learner.id()));
    assertEquals(result, stored(syncItem, learner.id()));
    assertEquals(enrolment, enrolment(syncCourse, learner.id()));
  }

  // --- scores the quick path must leave alone ---------------------------------------------------

  @Test
  void anUnknownLearnerWritesNothing() throws SQLException {
    long rows = count("SELECT COUNT(*) FROM lti_results");

    assertFalse(
        scores.storeTogether(
            toolId,
            syncItem,
            score(new Who(0, "user-nobody"), "8", "10", "Completed", "FullyGraded", null, T1)));

    assertEquals(rows, count("SELECT COUNT(*) FROM lti_results"));
  }

  @Test
  void aLearnerNotEnrolledInTheCourseWritesNothing() throws SQLException {
    // Enrolled, but in the other course than each line item's.
    Who inPlain = learner("elsewhere", plainCourse);
    Who inSync = learner("elsewhere", syncCourse);

    assertFalse(
        scores.storeTogether(
            toolId,
            syncItem,
            new Score(
                inPlain.userId(),
                new BigDecimal("8"),
                new BigDecimal("10"),
                "Completed",
                "FullyGraded",
                null,
                T1)));
    assertFalse(
        scores.storeTogether(
            toolId,
            plainItem,
            new Score(
                inSync.userId(),
                new BigDecimal("8"),
                new BigDecimal("10"),
                "Completed",
                "FullyGraded",
                null,
                T1)));

    assertEquals(0, results(inPlain.id()));
    assertEquals(0, results(inSync.id()));
    assertEquals(
        new Enrolled(null, null, 0, "ENROLLED", ENROLLED_AT), enrolment(plainCourse, inPlain.id()));
  }

  @Test
  void anotherToolsLineItemWritesNothing() throws SQLException {
    Who learner = learner("foreign", syncCourse);
    Score score = score(learner, "8", "10", "Completed", "FullyGraded", null, T1);

    assertFalse(scores.storeTogether(otherToolId, syncItem, score));
    assertEquals(0, results(learner.id()));

    // The line item works for its own tool, and with it and the learner now cached (the first
    // call read both) the other tool is still refused.
    Who owner = learner("owner", syncCourse);
    assertTrue(
        scores.storeTogether(
            toolId, syncItem, score(owner, "8", "10", "Completed", "FullyGraded", null, T1)));
    assertFalse(scores.storeTogether(otherToolId, syncItem, score));
    assertEquals(0, results(learner.id()));
    assertEquals(
        new Enrolled(null, null, 0, "ENROLLED", ENROLLED_AT), enrolment(syncCourse, learner.id()));
  }

  @Test
  void anUnknownLineItemWritesNothing() throws SQLException {
    Who learner = learner("lost", syncCourse);

    assertFalse(
        scores.storeTogether(
            toolId, 999_999, score(learner, "8", "10", "Completed", "FullyGraded", null, T1)));

    assertEquals(0, results(learner.id()));
  }

  // --- many at once -----------------------------------------------------------------------------

  @Test
  void concurrentScoresAreAllStoredInGroups() throws Exception {
    int total = THREADS * SCORES_PER_THREAD;
    update(
        "INSERT INTO learners (public_id, email, created_at) SELECT 'user-burst-' || g,"
            + " 'burst-' || g || '@example.edu', CURRENT_TIMESTAMP FROM generate_series(0, ?) g",
        total - 1);
    update(
        "INSERT INTO enrolments (course_id, learner_id, role, status, progress, enrolled_at,"
            + " updated_at) SELECT ?, id, 'Learner', 'ENROLLED', 0, ?, ? FROM learners"
            + " WHERE public_id LIKE 'user-burst-%'",
        syncCourse, ENROLLED_AT, ENROLLED_AT);
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    List<Future<Integer>> stored = new ArrayList<>();
    try {
      for (int t = 0; t < THREADS; t++) {
        int first = t * SCORES_PER_THREAD;
        stored.add(
            pool.submit(
                () -> {
                  start.await();
                  int applied = 0;
                  for (int n = first; n < first + SCORES_PER_THREAD; n++) {
                    Score s =
                        new Score(
                            "user-burst-" + n,
                            BigDecimal.valueOf(n % 10),
                            BigDecimal.TEN,
                            "Completed",
                            "FullyGraded",
                            null,
                            T1);
                    if (scores.storeTogether(toolId, burstItem, s)) {
                      applied++;
                    }
                  }
                  return applied;
                }));
      }
      start.countDown();
      for (Future<Integer> f : stored) {
        assertEquals(SCORES_PER_THREAD, f.get(2, TimeUnit.MINUTES));
      }
    } finally {
      pool.shutdownNow();
    }

    assertEquals(
        total, count("SELECT COUNT(*) FROM lti_results WHERE line_item_id = ?", burstItem));
    // Rows written by one transaction share its xmin: with eight threads waiting for two writers,
    // some scores were committed together (a run here had 800 rows in about 380 transactions).
    long commits =
        count(
            "SELECT COUNT(DISTINCT CAST(xmin AS TEXT)) FROM lti_results WHERE line_item_id = ?",
            burstItem);
    assertTrue(commits < total, commits + " commits for " + total + " scores: no group formed");
    // Each row holds its own learner's score: the batches bound every write to its own row. (A
    // regular expression, not a position: the planner may evaluate this on other learners too.)
    String burstNumber = "CAST(SUBSTRING(l.public_id FROM '^user-burst-([0-9]+)$') AS INT)";
    assertEquals(
        total,
        count(
            "SELECT COUNT(*) FROM lti_results r JOIN learners l ON l.id = r.learner_id"
                + " WHERE r.line_item_id = ?"
                + " AND r.score_given = MOD("
                + burstNumber
                + ", 10)",
            burstItem));
    assertEquals(
        total,
        count(
            "SELECT COUNT(*) FROM enrolments e JOIN learners l ON l.id = e.learner_id"
                + " WHERE e.course_id = ? AND l.public_id LIKE 'user-burst-%'"
                + " AND e.status = 'COMPLETED' AND e.progress = 100"
                + " AND e.obtained_marks = MOD("
                + burstNumber
                + ", 10) * 10",
            syncCourse));
  }

  // --- fixtures ---------------------------------------------------------------------------------

  record Stored(
      BigDecimal scoreGiven,
      BigDecimal scoreMaximum,
      String activityProgress,
      String gradingProgress,
      String comment,
      LocalDateTime timestamp,
      LocalDateTime createdAt,
      LocalDateTime updatedAt) {

    /** What is expected, numbers as stored (four decimals). */
    static Stored of(
        String given,
        String maximum,
        String activity,
        String grading,
        String comment,
        LocalDateTime timestamp,
        LocalDateTime createdAt,
        LocalDateTime updatedAt) {
      return new Stored(
          given == null ? null : new BigDecimal(given).setScale(4),
          maximum == null ? null : new BigDecimal(maximum).setScale(4),
          activity,
          grading,
          comment,
          timestamp,
          createdAt,
          updatedAt);
    }
  }

  record Enrolled(
      BigDecimal obtainedMarks,
      String evaluation,
      int progress,
      String status,
      LocalDateTime updatedAt) {}

  /** A clock the test moves on, so that a write that should not happen would show in updated_at. */
  static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advanceSeconds(long seconds) {
      now = now.plusSeconds(seconds);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  LocalDateTime now() {
    return LocalDateTime.now(clock);
  }

  /** A score for {@code who} on the line item the test names. */
  static Score score(
      Who who,
      String given,
      String maximum,
      String activity,
      String grading,
      String comment,
      LocalDateTime timestamp) {
    return new Score(
        who.userId(),
        given == null ? null : new BigDecimal(given),
        maximum == null ? null : new BigDecimal(maximum),
        activity,
        grading,
        comment,
        timestamp);
  }

  /** A learner: row id and LTI user id (public_id). */
  record Who(long id, String userId) {}

  /** A new learner, enrolled (no marks yet) in {@code courses}. */
  static Who learner(String name, long... courses) throws SQLException {
    String publicId = "user-" + name + "-" + LEARNERS.incrementAndGet();
    long id =
        id(
            "INSERT INTO learners (public_id, email, created_at) VALUES (?, ?, CURRENT_TIMESTAMP)"
                + " RETURNING id",
            publicId,
            publicId + "@example.edu");
    for (long course : courses) {
      update(
          "INSERT INTO enrolments (course_id, learner_id, role, status, progress, enrolled_at,"
              + " updated_at) VALUES (?, ?, 'Learner', 'ENROLLED', 0, ?, ?)",
          course,
          id,
          ENROLLED_AT,
          ENROLLED_AT);
    }
    return new Who(id, publicId);
  }

  static long results(long learner) throws SQLException {
    return count("SELECT COUNT(*) FROM lti_results WHERE learner_id = ?", learner);
  }

  static Stored stored(long lineItem, long learner) throws SQLException {
    try (Connection c = db.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT score_given, score_maximum, activity_progress, grading_progress, comment,"
                    + " score_timestamp, created_at, updated_at FROM lti_results"
                    + " WHERE line_item_id = ? AND learner_id = ?")) {
      s.setLong(1, lineItem);
      s.setLong(2, learner);
      try (ResultSet r = s.executeQuery()) {
        assertTrue(r.next(), "no result stored");
        Stored stored =
            new Stored(
                r.getBigDecimal(1),
                r.getBigDecimal(2),
                r.getString(3),
                r.getString(4),
                r.getString(5),
                r.getObject(6, LocalDateTime.class),
                r.getObject(7, LocalDateTime.class),
                r.getObject(8, LocalDateTime.class));
        assertFalse(r.next());
        return stored;
      }
    }
  }

  static Enrolled enrolment(long course, long learner) throws SQLException {
    try (Connection c = db.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT obtained_marks, evaluation, progress, status, updated_at FROM enrolments"
                    + " WHERE course_id = ? AND learner_id = ?")) {
      s.setLong(1, course);
      s.setLong(2, learner);
      try (ResultSet r = s.executeQuery()) {
        assertTrue(r.next(), "not enrolled");
        return new Enrolled(
            r.getBigDecimal(1),
            r.getString(2),
            r.getInt(3),
            r.getString(4),
            r.getObject(5, LocalDateTime.class));
      }
    }
  }

  static long tool(String clientId) throws SQLException {
    return id(
        "INSERT INTO lti_tools (name, client_id, login_url, launch_url, redirect_uris, scopes,"
            + " created_at, updated_at) VALUES (?, ?, 'https://tool.example/login',"
            + " 'https://tool.example/launch', 'https://tool.example/launch',"
            + " 'https://purl.imsglobal.org/spec/lti-ags/scope/score', CURRENT_TIMESTAMP,"
            + " CURRENT_TIMESTAMP) RETURNING id",
        "Tool " + clientId,
        clientId);
  }

  static long course(String code, String passingMarks) throws SQLException {
    return id(
        "INSERT INTO courses (code, title, passing_marks, created_at) VALUES (?, ?, ?,"
            + " CURRENT_TIMESTAMP) RETURNING id",
        code,
        "Course " + code,
        new BigDecimal(passingMarks));
  }

  static long courseConfig(long course, long deployment, String contextId, boolean syncGrades)
      throws SQLException {
    return id(
        "INSERT INTO lti_course_configs (course_id, tool_id, deployment_ref, context_id,"
            + " resource_link_id, auto_sync_grades, created_at, updated_at) VALUES (?, ?, ?, ?, ?,"
            + " ?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP) RETURNING id",
        course,
        toolId,
        deployment,
        contextId,
        "rl-" + contextId,
        syncGrades);
  }

  static long lineItem(long courseConfig, String label) throws SQLException {
    return id(
        "INSERT INTO lti_line_items (tool_id, course_config_id, label, score_maximum, created_at,"
            + " updated_at) VALUES (?, ?, ?, 10, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
            + " RETURNING id",
        toolId,
        courseConfig,
        label);
  }

  static long id(String sql, Object... params) throws SQLException {
    return count(sql, params);
  }

  static long count(String sql, Object... params) throws SQLException {
    try (Connection c = db.getConnection();
        PreparedStatement s = Rows.prepare(c, sql, params);
        ResultSet r = s.executeQuery()) {
      assertTrue(r.next(), sql);
      return r.getLong(1);
    }
  }

  static void update(String sql, Object... params) throws SQLException {
    try (Connection c = db.getConnection();
        PreparedStatement s = Rows.prepare(c, sql, params)) {
      s.executeUpdate();
    }
  }
}
