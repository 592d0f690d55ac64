package org.ltibridge.learning.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.ltibridge.fastpath.GroupCommit;
import org.ltibridge.learning.control.ScoreTargets.Target;
import org.ltibridge.learning.entity.Enrolment;
import org.ltibridge.learning.entity.ResultView;
import org.ltibridge.learning.entity.Score;
import org.ltibridge.system.control.DatabaseKind;
import org.ltibridge.system.control.Problem;
import org.ltibridge.system.control.UniqueViolation;

/**
 * Scores and results (AGS 2.0 §3.4 "Score publish service", §3.3 "Result service"), and what a
 * score does to the learner's enrolment when the placement syncs grades (marks %, progress,
 * passed/failed, status).
 *
 * <p>A score is stored one way: the statement of {@link ResultUpsert} (and, when grades sync, the
 * enrolment update {@link #UPDATE_ENROLMENT}), which applies exactly when {@link ScoreRule} says
 * the score is written. Two callers use it:
 *
 * <ul>
 *   <li>the quick way ({@link #storeTogether}, from the score filter): on PostgreSQL both in one
 *       statement committed together with the other scores of the moment ({@link GroupCommit}),
 *       elsewhere in a transaction of its own; it only stores, and leaves every score it does not
 *       store to
 *   <li>the full way ({@link #acceptScore}, from the AGS resource): the same statement, and when it
 *       does not apply, the stored row read and {@link ScoreRule} asked why (a retry, or a refusal
 *       with its message).
 * </ul>
 */
@ApplicationScoped
public class Scores {

  static final String ERROR_UNKNOWN_USER = "AGS §3.4.1: userId %s is not a learner of this course.";
  static final String ERROR_OLDER =
      "AGS §3.4.4: a result with a later timestamp is already stored; this score is older.";
  static final String ERROR_SAME_TIME =
      "A different score with the same timestamp is already stored.";
  static final String ERROR_RACE =
      "Another score for this learner arrived at the same time: retry.";

  private static final String STORED_RESULT =
      "SELECT score_timestamp, score_given, score_maximum, activity_progress, grading_progress,"
          + " comment FROM lti_results WHERE line_item_id = ? AND learner_id = ?";

  /** {@link ScoreRule}'s "enrolled", as {@link ResultUpsert#ENROLLED} says it. */
  private static final String IS_ENROLLED =
      "SELECT CASE WHEN " + ResultUpsert.ENROLLED + " THEN 1 ELSE 0 END";

  /** What a stored score does to the enrolment when grades sync; seven parameters. */
  static final String UPDATE_ENROLMENT =
      "UPDATE enrolments SET obtained_marks = COALESCE(?, obtained_marks),"
          + " evaluation = COALESCE(?, evaluation),"
          + " progress = CASE WHEN ? THEN 100 ELSE progress END, status = ?, updated_at = ?"
          + " WHERE course_id = ? AND learner_id = ?";

  /** PostgreSQL: the result stored and the enrolment updated in one statement. */
  static final String UPSERT_RESULT_AND_ENROLMENT =
      "WITH stored AS ("
          + ResultUpsert.sql(ResultUpsert.Dialect.POSTGRES)
          + " RETURNING 1) "
          + UPDATE_ENROLMENT
          + " AND EXISTS (SELECT 1 FROM stored)";

  @Resource(lookup = "java:comp/env/jdbc/app")
  DataSource dataSource;

  @Inject Clock clock;
  @Inject DatabaseKind database;
  @Inject ScoreTargets targets;
  @Inject LineItems lineItems;

  private GroupCommit groups;

  /**
   * Two first scores of one learner on one line item met: the loser's transaction is spoilt, so the
   * caller tries once more in a new one.
   */
  public static class ScoreRace extends Problem {
    private static final long serialVersionUID = 1L;

    ScoreRace() {
      super(409, "Already done", ERROR_RACE);
    }
  }

  /** What became of an accepted score. */
  public enum Outcome {
    /** Stored (and the enrolment updated when the placement syncs grades). */
    STORED,
    /** The very same score was already stored: a retry, nothing changed. */
    ALREADY_STORED
  }

  @PostConstruct
  void startGroups() {
    groups = new GroupCommit(dataSource);
  }

  @PreDestroy
  void stopGroups() {
    groups.close();
  }

  private ResultUpsert.Dialect dialect() {
    return database.isPostgres() ? ResultUpsert.Dialect.POSTGRES : ResultUpsert.Dialect.MERGE;
  }

  /**
   * The quick way: stores the score when {@link ScoreRule} says it is written and says true;
   * otherwise changes nothing and says false, and {@link #acceptScore} must decide and explain:
   * another tool's or an unknown line item, an unknown learner, an older or repeated score, a
   * learner not enrolled, a failed group. Call it outside any JTA transaction.
   */
  public boolean storeTogether(long toolId, long lineItemId, Score score) {
    String publicId = ScoreRule.publicId(score.userId());
    Target target = targets.cachedTarget(lineItemId);
    Long learnerId = targets.cachedLearnerId(publicId);
    if (target == null || learnerId == null) {
      try (Connection c = dataSource.getConnection()) {
        target = targets.target(c, lineItemId);
        learnerId = target == null ? null : targets.learnerId(c, publicId);
      } catch (SQLException e) {
        return false;
      }
    }
    if (target == null || target.toolId() != toolId || learnerId == null) {
      return false;
    }
    LocalDateTime now = LocalDateTime.now(clock);
    Target t = target;
    long learner = learnerId;
    if (database.isPostgres()) {
      return groups.write(
          new GroupCommit.Write() {
            @Override
            public String sql() {
              return t.sync()
                  ? UPSERT_RESULT_AND_ENROLMENT
                  : ResultUpsert.sql(ResultUpsert.Dialect.POSTGRES);
            }

            @Override
            public void bind(PreparedStatement s) throws SQLException {
              int i = ResultUpsert.bind(s, 1, lineItemId, learner, t.courseId(), score, now);
              if (t.sync()) {
                bindEnrolment(s, i, t, learner, score, now);
              }
            }

            @Override
            public long lockOrder() {
              return learner;
            }
          });
    }
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        boolean applied = write(c, dialect(), t, lineItemId, learner, score, now);
        if (applied) {
          c.commit();
        } else {
          c.rollback();
        }
        return applied;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        return false;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      return false;
    }
  }

  /**
   * The full way (AGS §3.4): stores the score as {@link #storeTogether} does, and says why when it
   * does not: the same score again is harmless; an older one, a different one with the same
   * timestamp and one for a learner who is not enrolled are refused.
   */
  @Transactional
  public Outcome acceptScore(long toolId, long lineItemId, Score score) {
    LocalDateTime now = LocalDateTime.now(clock);
    try (Connection c = dataSource.getConnection()) {
      Target target = targets.target(c, lineItemId);
      if (target == null || target.toolId() != toolId) {
        throw Problem.notFound(LineItems.ERROR_NO_LINE_ITEM);
      }
      Long learnerId = targets.learnerId(c, ScoreRule.publicId(score.userId()));
      if (learnerId == null) {
        throw unknownUser(score);
      }
      if (write(c, dialect(), target, lineItemId, learnerId, score, now)) {
        return Outcome.STORED;
      }
      ScoreRule.Decision decision =
          ScoreRule.decide(
              stored(c, lineItemId, learnerId), enrolled(c, target.courseId(), learnerId), score);
      return switch (decision) {
        case ALREADY_STORED -> Outcome.ALREADY_STORED;
        case REFUSE_OLDER -> throw Problem.conflict(ERROR_OLDER);
        case REFUSE_SAME_TIME -> throw Problem.conflict(ERROR_SAME_TIME);
        case REFUSE_NOT_ENROLLED -> throw unknownUser(score);
        // The rows changed between the statement and the reading: another score just arrived.
        case INSERT, REPLACE -> throw new ScoreRace();
      };
    } catch (SQLException e) {
      if (UniqueViolation.isCauseOf(e)) {
        throw new ScoreRace();
      }
      targets.forget(lineItemId);
      if (isForeignKeyViolation(e)) {
        // Deleted meanwhile (by another instance, whose cache this one does not see). PostgreSQL
        // says 23503, H2 23506.
        throw Problem.notFound(LineItems.ERROR_NO_LINE_ITEM);
      }
      throw new IllegalStateException("Storing a score failed", e);
    }
  }

  /**
   * The one write of a score, on both ways: {@link ResultUpsert}, then the enrolment when grades
   * sync. True when the result was written; false when nothing changed. Throws (for a rollback)
   * when the enrolment vanished in between.
   */
  static boolean write(
      Connection c,
      ResultUpsert.Dialect dialect,
      Target target,
      long lineItemId,
      long learnerId,
      Score score,
      LocalDateTime now)
      throws SQLException {
    try (PreparedStatement u = c.prepareStatement(ResultUpsert.sql(dialect))) {
      ResultUpsert.bind(u, 1, lineItemId, learnerId, target.courseId(), score, now);
      if (u.executeUpdate() == 0) {
        return false;
      }
    }
    if (target.sync()) {
      try (PreparedStatement u = c.prepareStatement(UPDATE_ENROLMENT)) {
        bindEnrolment(u, 1, target, learnerId, score, now);
        if (u.executeUpdate() != 1) {
          throw unknownUser(score);
        }
      }
    }
    return true;
  }

  private static boolean isForeignKeyViolation(SQLException e) {
    for (SQLException s = e; s != null; s = s.getNextException()) {
      if ("23503".equals(s.getSQLState()) || "23506".equals(s.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  private static Problem unknownUser(Score score) {
    return new Problem(422, "Unknown user", String.format(ERROR_UNKNOWN_USER, score.userId()));
  }

  private static boolean enrolled(Connection c, long courseId, long learnerId) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(IS_ENROLLED)) {
      s.setLong(1, courseId);
      s.setLong(2, learnerId);
      try (ResultSet r = s.executeQuery()) {
        return r.next() && r.getLong(1) > 0;
      }
    }
  }

  private static Optional<ResultView> stored(Connection c, long lineItemId, long learnerId)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(STORED_RESULT)) {
      s.setLong(1, lineItemId);
      s.setLong(2, learnerId);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new ResultView(
                learnerId,
                null,
                r.getBigDecimal(2),
                r.getBigDecimal(3),
                r.getString(6),
                r.getString(4),
                r.getString(5),
                r.getTimestamp(1).toLocalDateTime()));
      }
    }
  }

  /** Binds {@link #UPDATE_ENROLMENT}'s seven parameters from {@code first} on. */
  private static void bindEnrolment(
      PreparedStatement u, int first, Target target, long learnerId, Score score, LocalDateTime now)
      throws SQLException {
    BigDecimal marks = null;
    String evaluation = null;
    if (score.graded() && score.scoreMaximum() != null && score.scoreMaximum().signum() > 0) {
      marks = ScoreRule.percentage(score.scoreGiven(), score.scoreMaximum());
      evaluation = ScoreRule.evaluation(marks, target.passing());
    }
    int i = first;
    u.setBigDecimal(i++, marks);
    if (evaluation == null) {
      u.setNull(i++, Types.VARCHAR);
    } else {
      u.setString(i++, evaluation);
    }
    u.setBoolean(i++, score.completed());
    u.setString(
        i++,
        (score.completed() ? Enrolment.Status.COMPLETED : Enrolment.Status.IN_PROGRESS).name());
    u.setTimestamp(i++, Timestamp.valueOf(now));
    u.setLong(i++, target.courseId());
    u.setLong(i, learnerId);
  }

  /** One page of a line item's results (AGS §3.3), optionally one user's, by learner id. */
  public List<ResultView> results(
      long toolId, long lineItemId, String userId, long afterLearnerId, int limit) {
    lineItems
        .find(toolId, lineItemId)
        .orElseThrow(() -> Problem.notFound(LineItems.ERROR_NO_LINE_ITEM));
    String sql =
        "SELECT r.learner_id, l.public_id, r.score_given, r.score_maximum, r.comment,"
            + " r.activity_progress, r.grading_progress, r.score_timestamp FROM lti_results r"
            + " JOIN learners l ON l.id = r.learner_id WHERE r.line_item_id = ? AND r.learner_id > ?"
            + (userId != null ? " AND l.public_id = ?" : "")
            + " ORDER BY r.learner_id LIMIT ?";
    List<ResultView> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setLong(1, lineItemId);
      s.setLong(2, afterLearnerId);
      int i = 3;
      if (userId != null) {
        s.setString(i++, ScoreRule.publicId(userId));
      }
      s.setInt(i, limit + 1); // LIMIT, not setMaxRows: see Rosters.page
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(
              new ResultView(
                  r.getLong(1),
                  r.getString(2),
                  r.getBigDecimal(3),
                  r.getBigDecimal(4),
                  r.getString(5),
                  r.getString(6),
                  r.getString(7),
                  r.getTimestamp(8).toLocalDateTime()));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Reading results failed", e);
    }
    return out;
  }
}
