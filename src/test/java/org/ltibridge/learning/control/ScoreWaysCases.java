package org.ltibridge.learning.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ltibridge.learning.control.ScoreRule.Decision;
import org.ltibridge.learning.entity.Score;
import org.ltibridge.system.control.Problem;
import org.ltibridge.testsupport.Rows;

/**
 * A score stored the quick way and the full way, compared (issues #15 and #20, which added the
 * withdrawn learner): the same matrix of cases is fed to the quick way as the score filter takes it
 * ({@link Scores#storeTogether}, and when that does not store, {@link Scores#acceptScore} as the
 * request falls through to the AGS resource) and to the full way alone ({@link
 * Scores#acceptScore}), each on a learner of its own in the same state. Both must give the same
 * outcome and leave the same result and enrolment rows; the quick way must store exactly when
 * {@link ScoreRule} says the score is written (so the SQL of {@link ResultUpsert} is checked
 * against the rule), and change nothing otherwise.
 *
 * <p>{@link ScoreWaysTest} runs it on H2 (MERGE, a local transaction on the quick way), {@link
 * ScoreWaysOnPostgresIT} on PostgreSQL (ON CONFLICT, group commits on the quick way).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ScoreWaysCases {

  static final LocalDateTime T1 = LocalDateTime.of(2026, 1, 20, 10, 0);
  static final LocalDateTime T2 = LocalDateTime.of(2026, 1, 20, 11, 0, 30);
  static final LocalDateTime ENROLLED_AT = LocalDateTime.of(2026, 1, 1, 8, 0);

  /** The server's clock when a prior score is stored; the case's score arrives a minute later. */
  static final Instant BEFORE = Instant.parse("2026-01-21T12:00:00Z");

  static final AtomicInteger LEARNERS = new AtomicInteger();

  DataSource db;
  long toolId;
  long otherToolId;
  long syncCourse;
  long plainCourse;
  long syncItem;
  long plainItem;

  /** An empty database with the project's schema. */
  abstract DataSource database() throws Exception;

  @BeforeAll
  void rows() throws Exception {
    db = database();
    toolId = tool("ways-a");
    otherToolId = tool("ways-b");
    long deployment =
        Rows.insert(
            db,
            "lti_deployments",
            "tool_id",
            toolId,
            "deployment_id",
            "ways-dep",
            "name",
            "Deployment",
            "created_at",
            ENROLLED_AT);
    syncCourse = course("WAYS-SYNC", "60");
    plainCourse = course("WAYS-PLAIN", "50");
    syncItem = lineItem(courseConfig(syncCourse, deployment, "ways-sync", true));
    plainItem = lineItem(courseConfig(plainCourse, deployment, "ways-plain", false));
  }

  // --- the matrix -------------------------------------------------------------------------------

  /** Who posts the score. */
  enum Learner {
    ENROLLED,
    /** Enrolled, then withdrawn by an admin (issue #20): refused as a stranger is. */
    WITHDRAWN,
    ENROLLED_ELSEWHERE,
    NOT_ENROLLED,
    UNKNOWN
  }

  /** Whose line item the score is posted to. */
  enum Caller {
    OWNER,
    OTHER_TOOL
  }

  /**
   * @param sync whether the placement syncs grades to the enrolment
   * @param prior the score stored before, or null
   * @param decision what {@link ScoreRule} decides, or null when the score never reaches it
   * @param outcome what the caller is told: STORED, ALREADY_STORED or "status detail"
   */
  record Case(
      String name,
      boolean sync,
      Learner learner,
      Caller caller,
      Posted prior,
      Posted posted,
      Decision decision,
      String outcome) {
    @Override
    public String toString() {
      return name + (sync ? " (grades sync)" : " (no grade sync)");
    }
  }

  /** A score without its learner. */
  record Posted(
      String given,
      String maximum,
      String activity,
      String grading,
      String comment,
      LocalDateTime timestamp) {
    Score of(String userId) {
      return new Score(
          userId,
          given == null ? null : new BigDecimal(given),
          maximum == null ? null : new BigDecimal(maximum),
          activity,
          grading,
          comment,
          timestamp);
    }
  }

  static final Posted FIRST = new Posted("7", "10", "Completed", "FullyGraded", "good", T1);
  static final Posted LATER = new Posted("4", "10", "InProgress", "FullyGraded", "again", T2);
  static final Posted SAME_AGAIN =
      new Posted("7.00", "10.0", "Completed", "FullyGraded", "good", T1);
  static final Posted SAME_TIME_OTHER =
      new Posted("9", "10", "Completed", "FullyGraded", "good", T1);
  static final Posted UNGRADED = new Posted(null, null, "Started", "NotReady", null, T1);

  static final String OLDER = "409 " + Scores.ERROR_OLDER;
  static final String SAME_TIME = "409 " + Scores.ERROR_SAME_TIME;
  static final String NOT_ENROLLED = "422 " + String.format(Scores.ERROR_UNKNOWN_USER, "<user>");
  static final String NO_LINE_ITEM = "404 " + LineItems.ERROR_NO_LINE_ITEM;

  static Stream<Case> cases() {
    return Stream.of(true, false)
        .flatMap(
            sync ->
                Stream.of(
                    new Case(
                        "first score",
                        sync,
                        Learner.ENROLLED,
                        Caller.OWNER,
                        null,
                        FIRST,
                        Decision.INSERT,
                        "STORED"),
                    new Case(
                        "first score without a grade",
                        sync,
                        Learner.ENROLLED,
                        Caller.OWNER,
                        null,
                        UNGRADED,
                        Decision.INSERT,
                        "STORED"),
                    new Case(
                        "newer score",
                        sync,
                        Learner.ENROLLED,
                        Caller.OWNER,
                        FIRST,
                        LATER,
                        Decision.REPLACE,
                        "STORED"),
                    new Case(
                        "older score",
                        sync,
                        Learner.ENROLLED,
                        Caller.OWNER,
                        LATER,
                        FIRST,
                        Decision.REFUSE_OLDER,
                        OLDER),
                    new Case(
                        "same timestamp, same score",
                        sync,
                        Learner.ENROLLED,
                        Caller.OWNER,
                        FIRST,
                        SAME_AGAIN,
                        Decision.ALREADY_STORED,
                        "ALREADY_STORED"),
                    new Case(
                        "same timestamp, different score",
                        sync,
                        Learner.ENROLLED,
                        Caller.OWNER,
                        FIRST,
                        SAME_TIME_OTHER,
                        Decision.REFUSE_SAME_TIME,
                        SAME_TIME),
                    new Case(
                        "learner not enrolled",
                        sync,
                        Learner.NOT_ENROLLED,
                        Caller.OWNER,
                        null,
                        FIRST,
                        Decision.REFUSE_NOT_ENROLLED,
                        NOT_ENROLLED),
                    new Case(
                        "learner withdrawn, first score",
                        sync,
                        Learner.WITHDRAWN,
                        Caller.OWNER,
                        null,
                        FIRST,
                        Decision.REFUSE_NOT_ENROLLED,
                        NOT_ENROLLED),
                    new Case(
                        "learner withdrawn after a score, newer score",
                        sync,
                        Learner.WITHDRAWN,
                        Caller.OWNER,
                        FIRST,
                        LATER,
                        Decision.REFUSE_NOT_ENROLLED,
                        NOT_ENROLLED),
                    new Case(
                        "learner enrolled in another course",
                        sync,
                        Learner.ENROLLED_ELSEWHERE,
                        Caller.OWNER,
                        null,
                        FIRST,
                        Decision.REFUSE_NOT_ENROLLED,
                        NOT_ENROLLED),
                    new Case(
                        "unknown learner",
                        sync,
                        Learner.UNKNOWN,
                        Caller.OWNER,
                        null,
                        FIRST,
                        null,
                        NOT_ENROLLED),
                    new Case(
                        "another tool's line item",
                        sync,
                        Learner.ENROLLED,
                        Caller.OTHER_TOOL,
                        FIRST,
                        LATER,
                        null,
                        NO_LINE_ITEM)));
  }

  // --- the comparison ---------------------------------------------------------------------------

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void theQuickWayAndTheFullWayAgree(Case c) throws SQLException {
    Way quick = run(c, true);
    Way full = run(c, false);

    assertEquals(c.outcome(), quick.outcome(), "quick way");
    assertEquals(c.outcome(), full.outcome(), "full way");
    assertEquals(full.result(), quick.result(), "the result rows differ");
    assertEquals(full.enrolment(), quick.enrolment(), "the enrolment rows differ");

    // What the outcome means for the rows.
    boolean writes = c.decision() != null && c.decision().writes();
    assertEquals(
        writes, quick.storedQuickly(), "the quick way stores exactly what the rule writes");
    if (writes) {
      assertEquals(Result.of(c.posted(), full.at()), full.result().withoutCreation());
      assertEquals(c.sync() ? full.expectedEnrolment(c) : full.enrolmentBefore(), full.enrolment());
    } else {
      assertEquals(full.resultBefore(), full.result(), "a score not written changes no result");
      assertEquals(full.enrolmentBefore(), full.enrolment(), "nor the enrolment");
    }
  }

  /** What one way did to a learner of its own. */
  record Way(
      String outcome,
      boolean storedQuickly,
      Result resultBefore,
      Result result,
      Enrolled enrolmentBefore,
      Enrolled enrolment,
      LocalDateTime at,
      BigDecimal passing) {

    Enrolled expectedEnrolment(Case c) {
      Score s = c.posted().of("x");
      boolean completed = s.completed();
      BigDecimal marks = enrolmentBefore.obtainedMarks();
      String evaluation = enrolmentBefore.evaluation();
      if (s.graded()) {
        marks = ScoreRule.percentage(s.scoreGiven(), s.scoreMaximum());
        evaluation = marks.compareTo(passing) >= 0 ? "PASSED" : "FAILED";
      }
      return new Enrolled(
          marks == null ? null : marks.stripTrailingZeros(),
          evaluation,
          completed ? 100 : enrolmentBefore.progress(),
          completed ? "COMPLETED" : "IN_PROGRESS",
          at);
    }
  }

  Way run(Case c, boolean quickly) throws SQLException {
    MutableClock clock = new MutableClock(BEFORE);
    Scores scores = ScoresWiring.scores(db, clock);
    try {
      return run(c, quickly, clock, scores);
    } finally {
      scores.stopGroups();
    }
  }

  private Way run(Case c, boolean quickly, MutableClock clock, Scores scores) throws SQLException {
    long item = c.sync() ? syncItem : plainItem;
    long course = c.sync() ? syncCourse : plainCourse;
    String userId = "user-ways-" + LEARNERS.incrementAndGet();
    long learner = c.learner() == Learner.UNKNOWN ? -1 : learner(userId);
    if (c.learner() == Learner.ENROLLED || c.learner() == Learner.WITHDRAWN) {
      enrol(course, learner);
    } else if (c.learner() == Learner.ENROLLED_ELSEWHERE) {
      enrol(c.sync() ? plainCourse : syncCourse, learner);
    }
    if (c.prior() != null) {
      assertEquals(
          Scores.Outcome.STORED, scores.acceptScore(toolId, item, c.prior().of(userId)), "prior");
    }
    if (c.learner() == Learner.WITHDRAWN) {
      withdraw(course, learner);
    }
    clock.advanceSeconds(60);
    Result resultBefore = result(item, learner);
    Enrolled enrolmentBefore = enrolment(course, learner);
    long caller = c.caller() == Caller.OWNER ? toolId : otherToolId;
    Score score = c.posted().of(userId);

    boolean storedQuickly = false;
    String outcome;
    if (quickly && scores.storeTogether(caller, item, score)) {
      storedQuickly = true;
      outcome = "STORED";
    } else {
      if (quickly) {
        assertEquals(resultBefore, result(item, learner), "the quick way wrote a result");
        assertEquals(enrolmentBefore, enrolment(course, learner), "the quick way wrote");
      }
      try {
        outcome = scores.acceptScore(caller, item, score).name();
      } catch (Problem p) {
        outcome = p.status() + " " + p.detail().replace(userId, "<user>");
      }
    }
    return new Way(
        outcome,
        storedQuickly,
        resultBefore,
        result(item, learner),
        enrolmentBefore,
        enrolment(course, learner),
        LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC),
        new BigDecimal(c.sync() ? "60" : "50"));
  }

  // --- rows -------------------------------------------------------------------------------------

  /** A result row, numbers without trailing zeros; creation time apart. */
  record Result(
      BigDecimal given,
      BigDecimal maximum,
      String activity,
      String grading,
      String comment,
      LocalDateTime timestamp,
      LocalDateTime createdAt,
      LocalDateTime updatedAt) {

    static Result of(Posted p, LocalDateTime at) {
      return new Result(
          number(p.given() == null ? null : new BigDecimal(p.given())),
          number(p.maximum() == null ? null : new BigDecimal(p.maximum())),
          p.activity(),
          p.grading(),
          p.comment(),
          p.timestamp(),
          null,
          at);
    }

    Result withoutCreation() {
      return new Result(given, maximum, activity, grading, comment, timestamp, null, updatedAt);
    }
  }

  record Enrolled(
      BigDecimal obtainedMarks,
      String evaluation,
      int progress,
      String status,
      LocalDateTime updatedAt) {}

  static BigDecimal number(BigDecimal d) {
    return d == null ? null : d.stripTrailingZeros();
  }

  Result result(long item, long learner) throws SQLException {
    try (Connection c = db.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT score_given, score_maximum, activity_progress, grading_progress, comment,"
                    + " score_timestamp, created_at, updated_at FROM lti_results"
                    + " WHERE line_item_id = ? AND learner_id = ?")) {
      s.setLong(1, item);
      s.setLong(2, learner);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return null;
        }
        return new Result(
            number(r.getBigDecimal(1)),
            number(r.getBigDecimal(2)),
            r.getString(3),
            r.getString(4),
            r.getString(5),
            r.getObject(6, LocalDateTime.class),
            r.getObject(7, LocalDateTime.class),
            r.getObject(8, LocalDateTime.class));
      }
    }
  }

  Enrolled enrolment(long course, long learner) throws SQLException {
    try (Connection c = db.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT obtained_marks, evaluation, progress, status, updated_at FROM enrolments"
                    + " WHERE course_id = ? AND learner_id = ?")) {
      s.setLong(1, course);
      s.setLong(2, learner);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return null;
        }
        return new Enrolled(
            number(r.getBigDecimal(1)),
            r.getString(2),
            r.getInt(3),
            r.getString(4),
            r.getObject(5, LocalDateTime.class));
      }
    }
  }

  long learner(String publicId) {
    return Rows.insert(
        db,
        "learners",
        "public_id",
        publicId,
        "email",
        publicId + "@example.edu",
        "created_at",
        ENROLLED_AT);
  }

  void enrol(long course, long learner) {
    Rows.insert(
        db,
        "enrolments",
        "course_id",
        course,
        "learner_id",
        learner,
        "role",
        "Learner",
        "status",
        "ENROLLED",
        "progress",
        0,
        "enrolled_at",
        ENROLLED_AT,
        "updated_at",
        ENROLLED_AT);
  }

  void withdraw(long course, long learner) throws SQLException {
    try (Connection c = db.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "UPDATE enrolments SET withdrawn_at = ? WHERE course_id = ? AND learner_id = ?")) {
      s.setObject(1, ENROLLED_AT.plusDays(1));
      s.setLong(2, course);
      s.setLong(3, learner);
      assertEquals(1, s.executeUpdate());
    }
  }

  long tool(String clientId) {
    return Rows.insert(
        db,
        "lti_tools",
        "name",
        "Tool " + clientId,
        "client_id",
        clientId,
        "login_url",
        "https://tool.example/login",
        "launch_url",
        "https://tool.example/launch",
        "redirect_uris",
        "https://tool.example/launch",
        "scopes",
        "https://purl.imsglobal.org/spec/lti-ags/scope/score",
        "created_at",
        ENROLLED_AT,
        "updated_at",
        ENROLLED_AT);
  }

  long course(String code, String passing) {
    return Rows.insert(
        db,
        "courses",
        "code",
        code,
        "title",
        "Course " + code,
        "passing_marks",
        new BigDecimal(passing),
        "created_at",
        ENROLLED_AT);
  }

  long courseConfig(long course, long deployment, String contextId, boolean sync) {
    return Rows.insert(
        db,
        "lti_course_configs",
        "course_id",
        course,
        "tool_id",
        toolId,
        "deployment_ref",
        deployment,
        "context_id",
        contextId,
        "resource_link_id",
        "rl-" + contextId,
        "auto_sync_grades",
        sync,
        "created_at",
        ENROLLED_AT,
        "updated_at",
        ENROLLED_AT);
  }

  long lineItem(long courseConfig) {
    return Rows.insert(
        db,
        "lti_line_items",
        "tool_id",
        toolId,
        "course_config_id",
        courseConfig,
        "label",
        "Quiz",
        "score_maximum",
        BigDecimal.TEN,
        "created_at",
        ENROLLED_AT,
        "updated_at",
        ENROLLED_AT);
  }

  /** A clock the test moves on, so that a write that should not happen shows in updated_at. */
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
}
