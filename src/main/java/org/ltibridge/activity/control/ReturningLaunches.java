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
import java.sql.Statement;
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
import org.ltibridge.activity.entity.Activity;
import org.ltibridge.activity.entity.ActivityRole;
import org.ltibridge.activity.entity.Availability;
import org.ltibridge.activity.entity.IdentityPolicy;
import org.ltibridge.activity.entity.TokenKind;
import org.ltibridge.fastpath.GroupCommit;
import org.ltibridge.fastpath.Jdbc;
import org.ltibridge.fastpath.SequenceIds;
import org.ltibridge.fastpath.SingleUse;
import org.ltibridge.identity.control.SyntheticIdentity;
import org.ltibridge.launch.entity.Launch;
import org.ltibridge.launch.entity.LmsUser;
import org.ltibridge.system.control.DatabaseKind;
import org.ltibridge.system.control.UniqueViolation;

/**
 * The launch of a student who was here before ({@link ReturningStudents}), in one database round
 * trip (and a student's first launch at a placement this instance knows, in one as well: see {@link
 * #redirect}): if the database still agrees with what the cache says about the student ({@link
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
   * page is the same: the consent page when a notice is due ({@link UnifiedDecision#notice}: its
   * version chosen by transcript review and {@link IdentityPolicy#NAMES_SHOWN_SQL}) and they have
   * not answered it (consenting or declining), else the chat. Parameters: the notice in force for
   * review with names, review without names, names without review ({@link #notices}), activity user
   * id, activity id, the destination's name ({@code CONSENT} or {@code CHAT}). {@code StillSoCases}
   * holds it against {@link UnifiedDecision#decide} on H2 and PostgreSQL.
   */
  static final String STILL_SO =
      "SELECT 1 FROM (SELECT u.consent_notice_version AS answered, CASE"
          + " WHEN a.chat_visibility_enabled = TRUE AND "
          + IdentityPolicy.NAMES_SHOWN_SQL
          + " THEN ? WHEN a.chat_visibility_enabled = TRUE THEN ? WHEN "
          + IdentityPolicy.NAMES_SHOWN_SQL
          + " THEN ? END AS notice"
          + " FROM lti_activity_users u JOIN lti_activities a ON a.id = u.activity_id"
          + " JOIN organizations o ON o.id = a.organization_id"
          + " WHERE u.id = ? AND a.id = ? AND "
          + Availability.USABLE_SQL
          + ") s WHERE CASE WHEN s.notice IS NOT NULL AND (s.answered IS NULL"
          + " OR s.answered <> s.notice) THEN 'CONSENT' ELSE 'CHAT' END = ?";

  /** {@link #STILL_SO}'s first three parameters: the notices of {@link UnifiedDecision#notice}. */
  static Object[] notices(String version) {
    return new Object[] {
      UnifiedDecision.notice(version, true, true).orElseThrow(),
      UnifiedDecision.notice(version, true, false).orElseThrow(),
      UnifiedDecision.notice(version, false, true).orElseThrow()
    };
  }

  static final String COUNT_VISIT =
      "UPDATE lti_activity_users SET access_count = access_count + 1, last_access_at = ?"
          + " WHERE id = ?";
  static final String TOKEN_COLUMNS =
      "page_tokens (token_hash, activity_id, activity_user_id, created_at, expires_at, kind)";
  static final String INSERT_TOKEN = "INSERT INTO " + TOKEN_COLUMNS + " VALUES (?, ?, ?, ?, ?, ?)";

  /**
   * The facts a first-time student's destination was decided on still hold: the activity may be
   * used ({@link Availability#USABLE_SQL}) and its transcript option is the one the decision was
   * given, and so is whether its instructors see names. Not a statement of the rule: {@link
   * UnifiedDecision#decide} made the decision in Java, this only checks its inputs. Parameters:
   * activity id, transcript review, names shown.
   */
  static final String FACTS_HOLD =
      "SELECT 1 FROM lti_activities a JOIN organizations o ON o.id = a.organization_id"
          + " WHERE a.id = ? AND "
          + Availability.USABLE_SQL
          + " AND a.chat_visibility_enabled = ? AND "
          + IdentityPolicy.NAMES_SHOWN_SQL
          + " = ?";

  /**
   * A student's identity as the full way creates it ({@link ActivityUsers#arrive}: the first access
   * counted). {@link #INSERT_IDENTITY}'s parameters: activity, identity, LMS user id, user name,
   * display name, role, pseudonym, last access, created; on PostgreSQL the id drawn beforehand
   * comes first.
   */
  static final String IDENTITY_COLUMNS =
      "lti_activity_users (activity_id, user_email, lms_user_id, user_name, display_name, role,"
          + " pseudonym, last_access_at, access_count, created_at)";

  static final String INSERT_IDENTITY =
      "INSERT INTO " + IDENTITY_COLUMNS + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?)";

  /** Ids drawn from the sequence at a time, on PostgreSQL ({@link SequenceIds}). */
  static final int ID_BLOCK = 64;

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
  private SequenceIds identityIds;

  /** {@link #redirect(Launch, String, SingleUse)} for a Unified activity's student. */
  public Optional<String> redirect(Launch launch, SingleUse used) {
    return redirect(launch, SyntheticIdentity.studentEmail(launch), used);
  }

  /**
   * Where the student known as {@code identity} ({@code Activity#identityOf}) goes (a path with a
   * fresh token), or empty: take the full way. A student this instance remembers goes the returning
   * way; one it does not, at a placement it knows, the first-time way ({@link #firstLaunch}).
   */
  public Optional<String> redirect(Launch launch, String identity, SingleUse used) {
    Optional<ReturningStudents.Student> known =
        students.find(launch.platform().value(), launch.resourceLink().value(), identity);
    if (known.isEmpty()) {
      return firstLaunch(launch, identity, used);
    }
    ReturningStudents.Student student = known.get();
    UnifiedDecision.Destination where =
        UnifiedDecision.decide(
                UnifiedDecision.Facts.returningStudent(
                    launch.roles().isInstructor(),
                    student.transcriptReview(),
                    student.namesShown(),
                    student.answeredNoticeVersion(),
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
    Object[] still =
        Stream.of(
                notices(noticeVersion),
                new Object[] {student.activityUserId(), student.activityId(), where.name()})
            .flatMap(Arrays::stream)
            .toArray();
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
   * The first launch of a student this instance has not seen, at a placement it knows ({@link
   * ReturningStudents#placement}): decided by {@link UnifiedDecision#decide} as for a student who
   * never consented, then, in one round trip, the activity's facts checked ({@link #FACTS_HOLD}),
   * the student's identity created with a random pseudonym ({@link Pseudonyms}) and the first visit
   * counted, the single-use value used up and the page token stored, all or nothing. Empty (nothing
   * written) for an unknown placement, an instructor, facts that changed, an identity that exists
   * already (the student arrived meanwhile, on this or another instance), a pseudonym another
   * student of the activity has, or a used single-use value: the full way then handles the launch
   * and explains any refusal. The student is remembered for their next launch.
   */
  private Optional<String> firstLaunch(Launch launch, String identity, SingleUse used) {
    String platform = launch.platform().value();
    String resourceLink = launch.resourceLink().value();
    Optional<ReturningStudents.Placement> known = students.placement(platform, resourceLink);
    if (known.isEmpty()
        || !Activity.identityOf(known.get().legacyConsumerKey(), resourceLink, launch.user())
            .equals(identity)) {
      return Optional.empty();
    }
    ReturningStudents.Placement placement = known.get();
    UnifiedDecision.Destination where =
        UnifiedDecision.decide(
                UnifiedDecision.Facts.returningStudent(
                    launch.roles().isInstructor(),
                    placement.transcriptReview(),
                    placement.namesShown(),
                    null,
                    noticeVersion))
            .destination();
    if (where != UnifiedDecision.Destination.CONSENT && where != UnifiedDecision.Destination.CHAT) {
      return Optional.empty(); // an instructor's dashboard: the full way
    }
    TokenKind kind = where.token().orElseThrow();
    String token = PageTokens.newToken();
    Timestamp now = Timestamp.valueOf(LocalDateTime.now(clock));
    LmsUser person = launch.user();
    Object[] facts = {placement.activityId(), placement.transcriptReview(), placement.namesShown()};
    Object[] student = {
      placement.activityId(),
      identity,
      person.id(),
      person.usernameOrId(),
      person.name().orElse(null),
      ActivityRole.STUDENT.name(),
      Pseudonyms.next(),
      now,
      now
    };
    Object[] tokenRow = {
      PageTokens.hash(token),
      placement.activityId(),
      null, // the student's id, once known
      now,
      Timestamp.valueOf(now.toLocalDateTime().plus(kind.lifetime())),
      kind.name()
    };
    long studentId;
    try {
      if (database.isPostgres()) {
        studentId = identityIds.next();
        tokenRow[2] = studentId;
        if (!groups.write(firstStatement(facts, used, studentId, student, tokenRow))) {
          return Optional.empty();
        }
      } else {
        try (Connection c = dataSource.getConnection()) {
          Optional<Long> created = firstTransaction(c, facts, used, student, tokenRow);
          if (created.isEmpty()) {
            return Optional.empty();
          }
          studentId = created.get();
        }
      }
    } catch (SQLException | RuntimeException e) {
      LOG.log(Level.FINE, "A first launch falls back to the full flow", e);
      return Optional.empty();
    }
    students.remember(
        platform,
        resourceLink,
        identity,
        new ReturningStudents.Student(
            placement.activityId(),
            studentId,
            placement.transcriptReview(),
            placement.namesShown(),
            null));
    return Optional.of(UnifiedActivityFlow.pageOf(where) + token);
  }

  /**
   * A first launch as one statement: the facts and the unused single-use value checked, then the
   * identity inserted, then the single-use value, then the token, each only if the one before it
   * wrote its row (a conflict on the identity, its pseudonym or the single-use value writes nothing
   * after it; the identity is inserted only while the value is unused, so a used one leaves nothing
   * behind).
   */
  private static GroupCommit.Write firstStatement(
      Object[] facts, SingleUse used, long studentId, Object[] student, Object[] tokenRow) {
    String sql =
        "WITH facts AS ("
            + FACTS_HOLD
            + " AND "
            + used.unused()
            + "), still AS (INSERT INTO lti_activity_users (id, "
            + IDENTITY_COLUMNS.substring(IDENTITY_COLUMNS.indexOf('(') + 1)
            + " SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ? FROM facts ON CONFLICT DO NOTHING RETURNING"
            + " id), fresh AS ("
            + used.guarded()
            + ") INSERT INTO "
            + TOKEN_COLUMNS
            + " SELECT ?, ?, ?, ?, ?, ? FROM fresh";
    Object[] all =
        Stream.of(
                facts,
                used.keyValues().toArray(),
                new Object[] {studentId},
                student,
                used.values().toArray(),
                tokenRow)
            .flatMap(Arrays::stream)
            .toArray();
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
        return studentId;
      }
    };
  }

  /** Other databases: the same checks and writes in one local transaction; the new id, or empty. */
  private static Optional<Long> firstTransaction(
      Connection c, Object[] facts, SingleUse used, Object[] student, Object[] tokenRow)
      throws SQLException {
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      try (PreparedStatement s = c.prepareStatement(FACTS_HOLD);
          ResultSet r = Jdbc.bind(s, facts).executeQuery()) {
        if (!r.next()) {
          c.rollback();
          return Optional.empty();
        }
      }
      long id;
      try (PreparedStatement s =
          c.prepareStatement(INSERT_IDENTITY, Statement.RETURN_GENERATED_KEYS)) {
        Jdbc.bind(s, student).executeUpdate();
        try (ResultSet keys = s.getGeneratedKeys()) {
          keys.next();
          id = keys.getLong(1);
        }
        try (PreparedStatement u = c.prepareStatement(used.statement())) {
          Jdbc.bind(u, used.values().toArray()).executeUpdate();
        }
      } catch (SQLException e) {
        c.rollback();
        if (UniqueViolation.isCauseOf(e)) {
          return Optional.empty(); // the identity, its pseudonym or the single-use value is taken
        }
        throw e;
      }
      tokenRow[2] = id;
      try (PreparedStatement s = c.prepareStatement(INSERT_TOKEN)) {
        Jdbc.bind(s, tokenRow).executeUpdate();
      }
      c.commit();
      return Optional.of(id);
    } catch (SQLException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(autoCommit);
    }
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
    identityIds = new SequenceIds(dataSource, "lti_activity_users", "id", ID_BLOCK);
  }

  @PreDestroy
  void stopGroups() {
    groups.close();
  }
}
