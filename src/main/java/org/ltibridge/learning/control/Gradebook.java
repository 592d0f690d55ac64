package org.ltibridge.learning.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.math.RoundingMode;
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
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.ltibridge.fastpath.GroupCommit;
import org.ltibridge.learning.entity.Enrolment;
import org.ltibridge.learning.entity.Learner;
import org.ltibridge.learning.entity.LineItem;
import org.ltibridge.learning.entity.LineItemData;
import org.ltibridge.learning.entity.ResultView;
import org.ltibridge.learning.entity.Score;
import org.ltibridge.system.control.DatabaseKind;
import org.ltibridge.system.control.Problem;
import org.ltibridge.system.control.UniqueViolation;

/**
 * Line items, results and what a score does to an enrolment (seed 004 step 21). Every method takes
 * the id of the tool that asks: a line item of another tool is "not found" for it.
 *
 * <p>The score path is plain JDBC in one transaction, lean because tools post scores in bursts:
 * what a score needs of its line item (tool, course, grade sync, passing mark) and the learner's
 * row id are cached, so a score is one UPDATE of the result (unless a newer one is stored) and one
 * UPDATE of the enrolment, which must exist. The first score of a learner on a line item checks the
 * enrolment and INSERTs instead.
 */
@ApplicationScoped
public class Gradebook {

  static final String ERROR_NO_LINE_ITEM = "No such line item.";
  static final String ERROR_UNKNOWN_USER = "AGS §3.4.1: userId %s is not a learner of this course.";
  static final String ERROR_OLDER =
      "AGS §3.4.4: a result with a later timestamp is already stored; this score is older.";
  static final String ERROR_SAME_TIME =
      "A different score with the same timestamp is already stored.";
  static final String ERROR_RACE =
      "Another score for this learner arrived at the same time: retry.";

  private static final String LINE_ITEM =
      "SELECT li.tool_id, cc.course_id, cc.auto_sync_grades, c.passing_marks"
          + " FROM lti_line_items li"
          + " JOIN lti_course_configs cc ON cc.id = li.course_config_id"
          + " JOIN courses c ON c.id = cc.course_id WHERE li.id = ?";
  private static final String LEARNER = "SELECT id FROM learners WHERE public_id = ?";
  private static final String IS_ENROLLED =
      "SELECT COUNT(*) FROM enrolments WHERE course_id = ? AND learner_id = ?";
  private static final String UPDATE_RESULT =
      "UPDATE lti_results SET score_given = ?, score_maximum = ?, activity_progress = ?,"
          + " grading_progress = ?, comment = ?, score_timestamp = ?, updated_at = ?"
          + " WHERE line_item_id = ? AND learner_id = ? AND score_timestamp < ?";
  private static final String STORED_RESULT =
      "SELECT score_timestamp, score_given, score_maximum, activity_progress, grading_progress,"
          + " comment FROM lti_results WHERE line_item_id = ? AND learner_id = ?";
  private static final String RESULT_COLUMNS =
      "lti_results (score_given, score_maximum, activity_progress, grading_progress, comment,"
          + " score_timestamp, updated_at, line_item_id, learner_id, created_at)";
  private static final String INSERT_RESULT =
      "INSERT INTO " + RESULT_COLUMNS + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String UPDATE_ENROLMENT =
      "UPDATE enrolments SET obtained_marks = COALESCE(?, obtained_marks),"
          + " evaluation = COALESCE(?, evaluation),"
          + " progress = CASE WHEN ? THEN 100 ELSE progress END, status = ?, updated_at = ?"
          + " WHERE course_id = ? AND learner_id = ?";

  /**
   * PostgreSQL: the result stored, new or over an older one, in one statement that cannot race with
   * another first score, and only for an enrolled learner; otherwise no row changes.
   */
  private static final String UPSERT_RESULT =
      "INSERT INTO "
          + RESULT_COLUMNS
          + " SELECT CAST(? AS NUMERIC), CAST(? AS NUMERIC), ?, ?, ?, CAST(? AS TIMESTAMP),"
          + " CAST(? AS TIMESTAMP), ?, ?, CAST(? AS TIMESTAMP)"
          + " WHERE EXISTS (SELECT 1 FROM enrolments WHERE course_id = ? AND learner_id = ?)"
          + " ON CONFLICT (line_item_id, learner_id) DO UPDATE SET"
          + " score_given = EXCLUDED.score_given, score_maximum = EXCLUDED.score_maximum,"
          + " activity_progress = EXCLUDED.activity_progress,"
          + " grading_progress = EXCLUDED.grading_progress, comment = EXCLUDED.comment,"
          + " score_timestamp = EXCLUDED.score_timestamp, updated_at = EXCLUDED.updated_at"
          + " WHERE lti_results.score_timestamp < EXCLUDED.score_timestamp";

  /** The same, and the enrolment updated in the same statement when the result was stored. */
  private static final String UPSERT_RESULT_AND_ENROLMENT =
      "WITH stored AS ("
          + UPSERT_RESULT
          + " RETURNING 1) "
          + UPDATE_ENROLMENT
          + " AND EXISTS (SELECT 1 FROM stored)";

  /** Scores arriving together share a commit; a lone one waits for nobody. */
  private static final int MAX_GROUP = 64;

  /** One group is written while the one before waits for its commit to reach the disk. */
  private static final int CONCURRENT_GROUPS = 2;

  /** How long what a score needs to know about its line item is reused without a query. */
  static final long LINE_ITEM_CACHE_NANOS = 30_000_000_000L;

  private static final int MAX_CACHED = 100_000;

  @Resource(lookup = "java:comp/env/jdbc/app")
  DataSource dataSource;

  /**
   * Line item id → what a score needs of it; re-read after 30 s (a deleted one fails the write).
   */
  private final Map<Long, Target> lineItems = new ConcurrentHashMap<>();

  /** LTI user id → learner row id; the mapping never changes once a learner exists. */
  private final Map<String, Long> learnerIds = new ConcurrentHashMap<>();

  /** What a score needs to know about its line item. */
  record Target(long toolId, long courseId, boolean sync, BigDecimal passing, long readAt) {}

  @PersistenceContext EntityManager em;
  @Inject Clock clock;
  @Inject DatabaseKind database;

  private GroupCommit groups;

  /**
   * Two first scores of one learner on one line item met at the INSERT: the loser's transaction is
   * spoilt (PostgreSQL), so the caller tries once more in a new one, where it UPDATEs.
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

  // --- line items ------------------------------------------------------------------------------

  @Transactional
  public LineItem create(long toolId, long configId, LineItemData data) {
    LineItem item = new LineItem(toolId, configId, data, LocalDateTime.now(clock));
    em.persist(item);
    em.flush();
    return item;
  }

  public Optional<LineItem> find(long toolId, long id) {
    LineItem item = em.find(LineItem.class, id);
    return item != null && item.toolId() == toolId ? Optional.of(item) : Optional.empty();
  }

  @Transactional
  public LineItem change(long toolId, long id, LineItemData data) {
    LineItem item = find(toolId, id).orElseThrow(() -> Problem.notFound(ERROR_NO_LINE_ITEM));
    item.change(data, LocalDateTime.now(clock));
    return item;
  }

  @Transactional
  public void delete(long toolId, long id) {
    LineItem item = find(toolId, id).orElseThrow(() -> Problem.notFound(ERROR_NO_LINE_ITEM));
    em.createQuery("DELETE FROM LineItem li WHERE li.id = :id")
        .setParameter("id", item.id())
        .executeUpdate();
    lineItems.remove(item.id());
  }

  /**
   * One page of a placement's line items (AGS §3.2.5 filters), in id order after {@code afterId};
   * one more than {@code limit} is read to know whether a next page exists.
   */
  public List<LineItem> list(
      long toolId,
      long configId,
      String resourceLinkId,
      String resourceId,
      String tag,
      long afterId,
      int limit) {
    StringBuilder q =
        new StringBuilder(
            "SELECT li FROM LineItem li WHERE li.toolId = :t AND li.configId = :c AND li.id >"
                + " :after");
    if (resourceLinkId != null) {
      q.append(" AND li.resourceLinkId = :rl");
    }
    if (resourceId != null) {
      q.append(" AND li.resourceId = :r");
    }
    if (tag != null) {
      q.append(" AND li.tag = :tag");
    }
    var query =
        em.createQuery(q.append(" ORDER BY li.id").toString(), LineItem.class)
            .setParameter("t", toolId)
            .setParameter("c", configId)
            .setParameter("after", afterId);
    if (resourceLinkId != null) {
      query.setParameter("rl", resourceLinkId);
    }
    if (resourceId != null) {
      query.setParameter("r", resourceId);
    }
    if (tag != null) {
      query.setParameter("tag", tag);
    }
    return query.setMaxResults(limit + 1).getResultList();
  }

  // --- scores and results ----------------------------------------------------------------------

  /**
   * The quick way of a score, on PostgreSQL: one statement stores the result (only over an older
   * one, only for an enrolled learner) and updates the enrolment, committed together with the other
   * scores of the moment ({@link GroupCommit}). True when stored; false when {@link #acceptScore}
   * must decide and explain: another tool's or an unknown line item, an unknown learner, an older
   * or repeated score, a learner not enrolled, a failed group, another database. Call it outside
   * any JTA transaction.
   */
  public boolean storeTogether(long toolId, long lineItemId, Score score) {
    if (!database.isPostgres()) {
      return false;
    }
    String publicId = publicId(score.userId());
    Target target = cachedTarget(lineItemId);
    Long learnerId = learnerIds.get(publicId);
    if (target == null || learnerId == null) {
      try (Connection c = dataSource.getConnection()) {
        target = target(c, lineItemId);
        learnerId = target == null ? null : learnerId(c, publicId);
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
    return groups.write(
        new GroupCommit.Write() {
          @Override
          public String sql() {
            return t.sync() ? UPSERT_RESULT_AND_ENROLMENT : UPSERT_RESULT;
          }

          @Override
          public void bind(PreparedStatement s) throws SQLException {
            int i = bindScore(s, score, now);
            s.setLong(i++, lineItemId);
            s.setLong(i++, learner);
            s.setTimestamp(i++, Timestamp.valueOf(now));
            s.setLong(i++, t.courseId());
            s.setLong(i++, learner);
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

  @PostConstruct
  void startGroups() {
    groups = new GroupCommit(dataSource, MAX_GROUP, CONCURRENT_GROUPS);
  }

  @PreDestroy
  void stopGroups() {
    groups.close();
  }

  /**
   * Accepts a score (AGS §3.4): never over a result with a later timestamp; the same score again is
   * harmless. Updates the learner's enrolment (marks %, progress, passed/failed, status) when the
   * placement syncs grades.
   */
  @Transactional
  public Outcome acceptScore(long toolId, long lineItemId, Score score) {
    LocalDateTime now = LocalDateTime.now(clock);
    try (Connection c = dataSource.getConnection()) {
      Target target = target(c, lineItemId);
      if (target == null || target.toolId() != toolId) {
        throw Problem.notFound(ERROR_NO_LINE_ITEM);
      }
      Long learnerId = learnerId(c, publicId(score.userId()));
      if (learnerId == null) {
        throw unknownUser(score);
      }
      // The common case in two statements: the result, then the enrolment (which must exist;
      // if it does not, the exception rolls the result back).
      if (!updateResult(c, lineItemId, learnerId, score, now)) {
        Optional<ResultView> stored = stored(c, lineItemId, learnerId);
        if (stored.isPresent()) {
          if (sameScore(stored.get(), score)) {
            return Outcome.ALREADY_STORED;
          }
          throw Problem.conflict(
              stored.get().timestamp().isAfter(score.timestamp()) ? ERROR_OLDER : ERROR_SAME_TIME);
        }
        if (!enrolled(c, target.courseId(), learnerId)) {
          throw unknownUser(score);
        }
        insertResult(c, lineItemId, learnerId, score, now);
      }
      if (target.sync()) {
        if (updateEnrolment(c, target, learnerId, score, now) != 1) {
          throw unknownUser(score);
        }
      } else if (!enrolled(c, target.courseId(), learnerId)) {
        throw unknownUser(score);
      }
      return Outcome.STORED;
    } catch (SQLException e) {
      if (UniqueViolation.isCauseOf(e)) {
        throw new ScoreRace();
      }
      lineItems.remove(lineItemId);
      if (isForeignKeyViolation(e)) {
        // Deleted meanwhile (by another instance, whose cache this one does not see). PostgreSQL
        // says 23503, H2 23506.
        throw Problem.notFound(ERROR_NO_LINE_ITEM);
      }
      throw new IllegalStateException("Storing a score failed", e);
    }
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

  private Target cachedTarget(long lineItemId) {
    Target t = lineItems.get(lineItemId);
    return t != null && System.nanoTime() - t.readAt() < LINE_ITEM_CACHE_NANOS ? t : null;
  }

  private Target target(Connection c, long lineItemId) throws SQLException {
    Target t = cachedTarget(lineItemId);
    if (t != null) {
      return t;
    }
    long now = System.nanoTime();
    try (PreparedStatement s = c.prepareStatement(LINE_ITEM)) {
      s.setLong(1, lineItemId);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          lineItems.remove(lineItemId);
          return null;
        }
        t = new Target(r.getLong(1), r.getLong(2), r.getBoolean(3), r.getBigDecimal(4), now);
      }
    }
    if (lineItems.size() >= MAX_CACHED) {
      lineItems.clear();
    }
    lineItems.put(lineItemId, t);
    return t;
  }

  private Long learnerId(Connection c, String publicId) throws SQLException {
    Long id = learnerIds.get(publicId);
    if (id != null) {
      return id;
    }
    try (PreparedStatement s = c.prepareStatement(LEARNER)) {
      s.setString(1, publicId);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return null;
        }
        id = r.getLong(1);
      }
    }
    if (learnerIds.size() >= MAX_CACHED) {
      learnerIds.clear();
    }
    learnerIds.put(publicId, id);
    return id;
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

  /** AGS §3.4.1 userId; seed 004 sends "user-" + our id, so both spellings name the learner. */
  static String publicId(String userId) {
    return userId.startsWith(Learner.USER_PREFIX) ? userId : Learner.USER_PREFIX + userId;
  }

  private static boolean updateResult(
      Connection c, long lineItemId, long learnerId, Score score, LocalDateTime now)
      throws SQLException {
    try (PreparedStatement u = c.prepareStatement(UPDATE_RESULT)) {
      int i = bindScore(u, score, now);
      u.setLong(i++, lineItemId);
      u.setLong(i++, learnerId);
      u.setTimestamp(i, Timestamp.valueOf(score.timestamp()));
      return u.executeUpdate() == 1;
    }
  }

  private static void insertResult(
      Connection c, long lineItemId, long learnerId, Score score, LocalDateTime now)
      throws SQLException {
    try (PreparedStatement u = c.prepareStatement(INSERT_RESULT)) {
      int i = bindScore(u, score, now);
      u.setLong(i++, lineItemId);
      u.setLong(i++, learnerId);
      u.setTimestamp(i, Timestamp.valueOf(now));
      u.executeUpdate();
    }
  }

  private static int bindScore(PreparedStatement u, Score score, LocalDateTime now)
      throws SQLException {
    u.setBigDecimal(1, score.scoreGiven());
    u.setBigDecimal(2, score.scoreMaximum());
    u.setString(3, score.activityProgress());
    u.setString(4, score.gradingProgress());
    if (score.comment() == null) {
      u.setNull(5, Types.VARCHAR);
    } else {
      u.setString(5, score.comment());
    }
    u.setTimestamp(6, Timestamp.valueOf(score.timestamp()));
    u.setTimestamp(7, Timestamp.valueOf(now));
    return 8;
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

  static boolean sameScore(ResultView stored, Score score) {
    return stored.timestamp().equals(score.timestamp())
        && sameNumber(stored.scoreGiven(), score.scoreGiven())
        && sameNumber(stored.scoreMaximum(), score.scoreMaximum())
        && Objects.equals(stored.activityProgress(), score.activityProgress())
        && Objects.equals(stored.gradingProgress(), score.gradingProgress())
        && Objects.equals(stored.comment(), score.comment());
  }

  private static boolean sameNumber(BigDecimal a, BigDecimal b) {
    return a == null ? b == null : b != null && a.compareTo(b) == 0;
  }

  private static int updateEnrolment(
      Connection c, Target target, long learnerId, Score score, LocalDateTime now)
      throws SQLException {
    try (PreparedStatement u = c.prepareStatement(UPDATE_ENROLMENT)) {
      bindEnrolment(u, 1, target, learnerId, score, now);
      return u.executeUpdate();
    }
  }

  /** Binds {@link #UPDATE_ENROLMENT}'s seven parameters from {@code first} on. */
  private static void bindEnrolment(
      PreparedStatement u, int first, Target target, long learnerId, Score score, LocalDateTime now)
      throws SQLException {
    BigDecimal marks = null;
    String evaluation = null;
    if (score.graded() && score.scoreMaximum() != null && score.scoreMaximum().signum() > 0) {
      marks = percentage(score.scoreGiven(), score.scoreMaximum());
      evaluation = marks.compareTo(target.passing()) >= 0 ? "PASSED" : "FAILED";
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

  /** Marks as a percentage, two decimals, at most 100 (extra credit does not overflow it). */
  static BigDecimal percentage(BigDecimal given, BigDecimal maximum) {
    BigDecimal p = given.multiply(BigDecimal.valueOf(100)).divide(maximum, 2, RoundingMode.HALF_UP);
    return p.min(BigDecimal.valueOf(100)).max(BigDecimal.ZERO);
  }

  /** One page of a line item's results (AGS §3.3), optionally one user's, by learner id. */
  public List<ResultView> results(
      long toolId, long lineItemId, String userId, long afterLearnerId, int limit) {
    find(toolId, lineItemId).orElseThrow(() -> Problem.notFound(ERROR_NO_LINE_ITEM));
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
        s.setString(i++, publicId(userId));
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
