package org.ltibridge.activity.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.ltibridge.activity.entity.Availability;
import org.ltibridge.activity.entity.TokenKind;
import org.ltibridge.fastpath.GroupCommit;
import org.ltibridge.fastpath.Jdbc;
import org.ltibridge.fastpath.SingleUse;
import org.ltibridge.identity.control.SyntheticIdentity;
import org.ltibridge.launch.entity.Launch;
import org.ltibridge.system.control.DatabaseKind;
import org.ltibridge.system.control.UniqueViolation;

/**
 * The launch of a student who was here before ({@link ReturningStudents}), in one database round
 * trip: if the database still agrees with what the cache says about the student ({@link
 * #STILL_SO}), the launch's single-use value (OAuth nonce, OIDC state and nonce) is used up, the
 * visit counted and the page token stored, all or nothing. On PostgreSQL this is one statement,
 * committed together with the other launches of the moment ({@link GroupCommit}); other databases
 * run the same check and writes in one local transaction.
 *
 * <p>Anything unusual (the student is not in the cache, an instructor, the activity's transcript
 * option or the student's consent changed so that the launch goes elsewhere, the activity or its
 * organisation disabled, a replayed nonce, a database error) answers empty and uses nothing up, and
 * the caller takes the full way through {@link UnifiedActivityFlow}, which writes nothing for a
 * refused launch and explains the refusal. Call it outside any JTA transaction.
 */
@ApplicationScoped
public class ReturningLaunches {

  private static final Logger LOG = Logger.getLogger(ReturningLaunches.class.getName());

  /**
   * The database still leads a cached student where the cache does: the student part of {@link
   * UnifiedDecision#decide} in SQL, compared with its answer for the cached facts. The activity may
   * be used ({@link Availability#USABLE_SQL}: active, its organisation enabled), and the student's
   * page is the same: the consent page when transcript review is on and they have not consented to
   * the notice version in force, else the chat. Parameters: activity user id, activity id, notice
   * version in force, the destination's name ({@code CONSENT} or {@code CHAT}). {@code
   * StillSoCases} holds it against {@link UnifiedDecision#decide} on H2 and PostgreSQL.
   */
  static final String STILL_SO =
      "SELECT 1 FROM lti_activity_users u JOIN lti_activities a ON a.id = u.activity_id"
          + " JOIN organizations o ON o.id = a.organization_id"
          + " WHERE u.id = ? AND a.id = ? AND "
          + Availability.USABLE_SQL
          + " AND CASE WHEN a.chat_visibility_enabled = TRUE"
          + " AND NOT (u.consent_given_at IS NOT NULL AND u.consent_notice_version IS NOT NULL"
          + " AND u.consent_notice_version = ?)"
          + " THEN 'CONSENT' ELSE 'CHAT' END = ?";

  static final String COUNT_VISIT =
      "UPDATE lti_activity_users SET access_count = access_count + 1, last_access_at = ?"
          + " WHERE id = ?";
  static final String TOKEN_COLUMNS =
      "page_tokens (token_hash, activity_id, activity_user_id, created_at, expires_at, kind)";
  static final String INSERT_TOKEN = "INSERT INTO " + TOKEN_COLUMNS + " VALUES (?, ?, ?, ?, ?, ?)";

  @Resource(lookup = "java:comp/env/jdbc/app")
  DataSource dataSource;

  @Inject ReturningStudents students;
  @Inject Clock clock;
  @Inject DatabaseKind database;

  @Inject
  @ConfigProperty(
      name = UnifiedActivityFlow.NOTICE_VERSION,
      defaultValue = UnifiedActivityFlow.NOTICE_VERSION_DEFAULT)
  String noticeVersion;

  private GroupCommit groups;

  /** {@link #redirect(Launch, String, SingleUse)} for a Unified activity's student. */
  public Optional<String> redirect(Launch launch, SingleUse used) {
    return redirect(launch, SyntheticIdentity.studentEmail(launch), used);
  }

  /**
   * Where the returning student known as {@code identity} ({@code Activity#identityOf}) goes (a
   * path with a fresh token), or empty: take the full way.
   */
  public Optional<String> redirect(Launch launch, String identity, SingleUse used) {
    Optional<ReturningStudents.Student> known =
        students.find(launch.platform().value(), launch.resourceLink().value(), identity);
    if (known.isEmpty()) {
      return Optional.empty();
    }
    ReturningStudents.Student student = known.get();
    UnifiedDecision.Destination where =
        UnifiedDecision.decide(
                UnifiedDecision.Facts.returningStudent(
                    launch.roles().isInstructor(),
                    student.transcriptReview(),
                    student.consentedNoticeVersion(),
                    noticeVersion))
            .destination();
    if (where != UnifiedDecision.Destination.CONSENT && where != UnifiedDecision.Destination.CHAT) {
      return Optional.empty(); // an instructor's dashboard: the full way
    }
    TokenKind kind = where.token().orElseThrow();
    String token = PageTokens.newToken();
    LocalDateTime now = LocalDateTime.now(clock);
    Object[] visit = {Timestamp.valueOf(now), student.activityUserId()};
    Object[] row = {
      PageTokens.hash(token),
      student.activityId(),
      student.activityUserId(),
      Timestamp.valueOf(now),
      Timestamp.valueOf(now.plus(kind.lifetime())),
      kind.name()
    };
    Object[] still = {student.activityUserId(), student.activityId(), noticeVersion, where.name()};
    boolean written;
    if (database.isPostgres()) {
      written = groups.write(oneStatement(still, used, visit, row, student.activityUserId()));
    } else {
      try (Connection c = dataSource.getConnection()) {
        written = oneTransaction(c, still, used, visit, row);
      } catch (SQLException e) {
        LOG.log(Level.FINE, "Returning launch falls back to the full flow", e);
        written = false;
      }
    }
    if (!written) {
      return Optional.empty();
    }
    return Optional.of(UnifiedActivityFlow.pageOf(where) + token);
  }

  /**
   * The check and the three writes as one statement, committed with the other launches of the
   * moment. Data-modifying CTEs run exactly once, so the single-use value is used up only if the
   * check holds, and the visit is counted and the token stored only when it was.
   */
  private static GroupCommit.Write oneStatement(
      Object[] still, SingleUse used, Object[] visit, Object[] row, long activityUserId) {
    String sql =
        "WITH still AS ("
            + STILL_SO
            + "), fresh AS ("
            + used.guarded()
            + "), visit AS ("
            + COUNT_VISIT
            + " AND EXISTS (SELECT 1 FROM fresh)) INSERT INTO "
            + TOKEN_COLUMNS
            + " SELECT ?, ?, ?, ?, ?, ? FROM fresh";
    Object[] all =
        Stream.of(still, used.values().toArray(), visit, row).flatMap(Arrays::stream).toArray();
    return new GroupCommit.Write() {
      @Override
      public String sql() {
        return sql;
      }

      @Override
      public void bind(PreparedStatement s) throws SQLException {
        Jdbc.bind(s, all);
      }

      @Override
      public long lockOrder() {
        return activityUserId;
      }
    };
  }

  private static boolean oneTransaction(
      Connection c, Object[] still, SingleUse used, Object[] visit, Object[] row)
      throws SQLException {
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      try (PreparedStatement s = c.prepareStatement(STILL_SO);
          ResultSet r = Jdbc.bind(s, still).executeQuery()) {
        if (!r.next()) {
          c.rollback();
          return false;
        }
      }
      try (PreparedStatement s = c.prepareStatement(used.statement())) {
        if (Jdbc.bind(s, used.values().toArray()).executeUpdate() != 1) {
          c.rollback();
          return false;
        }
      } catch (SQLException e) {
        c.rollback();
        if (UniqueViolation.isCauseOf(e)) {
          return false;
        }
        throw e;
      }
      try (PreparedStatement s = c.prepareStatement(COUNT_VISIT)) {
        Jdbc.bind(s, visit).executeUpdate();
      }
      try (PreparedStatement s = c.prepareStatement(INSERT_TOKEN)) {
        Jdbc.bind(s, row).executeUpdate();
      }
      c.commit();
      return true;
    } catch (SQLException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }

  @PostConstruct
  void startGroups() {
    groups = new GroupCommit(dataSource);
  }

  @PreDestroy
  void stopGroups() {
    groups.close();
  }
}
