package org.ltibridge.activity.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.ltibridge.activity.control.UnifiedDecision.Destination;
import org.ltibridge.activity.control.UnifiedDecision.Facts;
import org.ltibridge.activity.entity.ActivityKind;
import org.ltibridge.activity.entity.ActivityStatus;
import org.ltibridge.activity.entity.Availability;
import org.ltibridge.activity.entity.IdentityPolicy;
import org.ltibridge.fastpath.Jdbc;
import org.ltibridge.launch.entity.Roles;
import org.ltibridge.system.control.DatabaseKind;
import org.ltibridge.testsupport.ActivityRows;
import org.ltibridge.testsupport.Rows;

/**
 * {@link ReturningLaunches#STILL_SO} (with {@link Availability#USABLE_SQL} and {@link
 * IdentityPolicy#NAMES_SHOWN_SQL}) says in SQL what {@link UnifiedDecision#decide} says: for every
 * state of the rows (activity active or disabled, organisation enabled or disabled, transcript
 * review on or off, identity policy pseudonymous or named, names allowed by the organisation or
 * not, the student's answer to each notice in force, to an older one, never, or declined) and every
 * cached fact of {@link #CACHED}, the statement finds its row exactly when {@code decide(facts of
 * the rows) == decide(cached facts)}; and the whole returning launch ({@link
 * ReturningLaunches#redirect}) goes ahead exactly then, to the page the decision names, writing its
 * rows only then. {@link StillSoTest} runs it on the embedded H2 (the check and writes in one local
 * transaction), {@link StillSoOnPostgresIT} on PostgreSQL (one statement through the group commit).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StillSoCases {

  static final String NOTICE = "2026-11";
  static final String OLDER = "2025-09";

  /**
   * What the cache may remember of the student, one way to each destination (the statement is given
   * only the destination): the chat (the notice with names answered) and the consent page (names
   * after only the pseudonymous notice).
   */
  static final Facts[] CACHED = {
    Facts.returningStudent(false, true, true, NOTICE + "+named", NOTICE),
    Facts.returningStudent(false, true, true, NOTICE, NOTICE)
  };

  /** What the rows say about the student's consent. */
  enum Consent {
    NEVER(null, null),
    OLDER_VERSION(LocalDateTime.now().minusDays(40), StillSoCases.OLDER),
    THIS_VERSION(LocalDateTime.now().minusDays(1), StillSoCases.NOTICE),
    /** This version answered without consent (declined, or withdrawn later): not asked again. */
    DECLINED_THIS_VERSION(null, StillSoCases.NOTICE),
    /** An older version declined: asked again. */
    DECLINED_OLDER_VERSION(null, StillSoCases.OLDER),
    /** Told of review with names, and agreed. */
    NAMED_VERSION(LocalDateTime.now().minusDays(1), StillSoCases.NOTICE + "+named"),
    /** Told of review with names, and declined. */
    DECLINED_NAMED_VERSION(null, StillSoCases.NOTICE + "+named"),
    /** Told that instructors see names (no review). */
    NAMES_VERSION(LocalDateTime.now().minusDays(1), StillSoCases.NOTICE + "+names");

    final LocalDateTime at;
    final String version;

    Consent(LocalDateTime at, String version) {
      this.at = at;
      this.version = version;
    }
  }

  DataSource db;
  long organizationId;
  long activityId;
  long studentId;

  abstract DataSource database() throws Exception;

  @BeforeAll
  void rows() throws Exception {
    db = database();
    ActivityRows rows = new ActivityRows(db, "still", null);
    activityId = rows.activity(ReturningLaunchesCases.PLATFORM, "rl-1", null);
    studentId = rows.student(activityId, "ada", "rl-1", "Student-s1");
    organizationId =
        Rows.number(db, "SELECT organization_id FROM lti_activities WHERE id = ?", activityId);
  }

  @Test
  void theStatementFindsItsRowExactlyWhenTheDecisionIsTheSame() throws Exception {
    ReturningStudents cache = ReturningStudents.create(Duration.ofMinutes(1));
    ReturningLaunches launches = new ReturningLaunches();
    launches.dataSource = db;
    launches.students = cache;
    launches.clock = Clock.systemUTC();
    launches.database = new DatabaseKind(db);
    launches.noticeVersion = NOTICE;
    launches.startGroups();
    List<String> wrong = new ArrayList<>();
    int cases = 0;
    int quick = 0;
    try {
      for (ActivityStatus status : ActivityStatus.values()) {
        for (boolean organizationEnabled : new boolean[] {true, false}) {
          for (boolean review : new boolean[] {true, false}) {
            for (IdentityPolicy policy : IdentityPolicy.values()) {
              for (boolean namesAllowed : new boolean[] {true, false}) {
                for (Consent consent : Consent.values()) {
                  setRows(status, organizationEnabled, review, policy, namesAllowed, consent);
                  Facts inDatabase = factsOfTheRows();
                  for (Facts cached : CACHED) {
                    boolean cachedReview = cached.transcriptReview();
                    boolean cachedNames = cached.namesShown();
                    String cachedConsent = cached.answeredNoticeVersion();
                    Destination expected = UnifiedDecision.decide(cached).destination();
                    boolean same =
                        UnifiedDecision.decide(inDatabase).equals(UnifiedDecision.decide(cached));
                    String which = "rows: " + inDatabase + " (" + consent + "), cached: " + cached;

                    if (stillSo(expected) != same) {
                      wrong.add("STILL_SO " + !same + " for " + which);
                    }

                    cache.remember(
                        ReturningLaunchesCases.PLATFORM,
                        "rl-1",
                        "ada_rl-1@lamb-lti.local",
                        new ReturningStudents.Student(
                            activityId, studentId, cachedReview, cachedNames, cachedConsent));
                    long tokens = count("SELECT COUNT(*) FROM page_tokens");
                    long visits = visits();
                    String nonce = "still-" + cases;
                    Optional<String> page =
                        launches.redirect(
                            ReturningLaunchesCases.launch(Roles.LEARNER),
                            ReturningLaunchesCases.nonce(nonce));
                    long written = same ? 1 : 0;
                    if (page.isPresent() != same
                        || page.isPresent()
                            && !page.get().startsWith(UnifiedActivityFlow.pageOf(expected))
                        || count("SELECT COUNT(*) FROM page_tokens") != tokens + written
                        || visits() != visits + written
                        || count("SELECT COUNT(*) FROM oauth_nonces WHERE nonce = '" + nonce + "'")
                            != written) {
                      wrong.add("redirect " + page + " for " + which);
                    }
                    quick += page.isPresent() ? 1 : 0;
                    cases++;
                  }
                }
              }
            }
          }
        }
      }
    } finally {
      launches.stopGroups();
    }
    assertEquals(2 * 2 * 2 * 2 * 2 * Consent.values().length * CACHED.length, cases);
    assertTrue(quick > 0 && quick < cases, "both ways are exercised: " + quick + " of " + cases);
    assertEquals(List.of(), wrong);
  }

  /**
   * {@link Availability#USABLE_SQL} says what {@link Availability#of} says, also for a legacy
   * single-assistant link, which is usable only while its assistant is published.
   */
  @Test
  void theUsableConditionIsTheRuleAlsoForLegacyLinks() throws Exception {
    ActivityRows rows = new ActivityRows(db, "usable", null);
    long activity = rows.activity(ReturningLaunchesCases.PLATFORM, "rl-usable", null);
    long assistant = rows.unpublishedAssistant(activity, "Tutor", "m");
    long org = Rows.number(db, "SELECT organization_id FROM lti_activities WHERE id = ?", activity);
    List<String> wrong = new ArrayList<>();
    for (ActivityKind kind : ActivityKind.values()) {
      for (boolean published : new boolean[] {true, false}) {
        Rows.execute(db, "DELETE FROM assistant_publications WHERE assistant_id = ?", assistant);
        if (published) {
          rows.publish(assistant);
        }
        for (ActivityStatus status : ActivityStatus.values()) {
          for (boolean organizationEnabled : new boolean[] {true, false}) {
            Rows.execute(
                db,
                "UPDATE lti_activities SET kind = ?, status = ? WHERE id = ?",
                kind.name(),
                status.name(),
                activity);
            Rows.execute(
                db, "UPDATE organizations SET enabled = ? WHERE id = ?", organizationEnabled, org);
            boolean rule =
                Availability.of(
                        status, organizationEnabled, kind != ActivityKind.LEGACY || published)
                    .usable();
            long sql =
                Rows.number(
                    db,
                    "SELECT COUNT(*) FROM lti_activities a JOIN organizations o"
                        + " ON o.id = a.organization_id WHERE a.id = ? AND "
                        + Availability.USABLE_SQL,
                    activity);
            if (rule != (sql == 1)) {
              wrong.add(
                  kind + " published=" + published + " " + status + " org=" + organizationEnabled);
            }
          }
        }
      }
    }
    assertEquals(List.of(), wrong);
  }

  private void setRows(
      ActivityStatus status,
      boolean organizationEnabled,
      boolean review,
      IdentityPolicy policy,
      boolean namesAllowed,
      Consent consent) {
    Rows.execute(
        db,
        "UPDATE lti_activities SET status = ?, chat_visibility_enabled = ?, identity_policy = ?"
            + " WHERE id = ?",
        status.name(),
        review,
        policy.name(),
        activityId);
    Rows.execute(
        db,
        "UPDATE organizations SET enabled = ?, named_identities_allowed = ? WHERE id = ?",
        organizationEnabled,
        namesAllowed,
        organizationId);
    Rows.execute(
        db,
        "UPDATE lti_activity_users SET consent_given_at = ?, consent_notice_version = ?"
            + " WHERE id = ?",
        consent.at == null ? null : Timestamp.valueOf(consent.at),
        consent.version,
        studentId);
  }

  /** The facts the full way reads (through the entities) from the rows as they are now. */
  private Facts factsOfTheRows() throws Exception {
    try (Connection c = db.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT a.status, o.enabled, a.chat_visibility_enabled, u.consent_given_at,"
                    + " u.consent_notice_version, a.identity_policy, o.named_identities_allowed"
                    + " FROM lti_activity_users u"
                    + " JOIN lti_activities a ON a.id = u.activity_id"
                    + " JOIN organizations o ON o.id = a.organization_id WHERE u.id = ?")) {
      s.setLong(1, studentId);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        Availability availability =
            Availability.of(ActivityStatus.valueOf(r.getString(1)), r.getBoolean(2));
        boolean review = r.getBoolean(3);
        String answered = r.getString(5);
        boolean names =
            IdentityPolicy.namesShown(IdentityPolicy.valueOf(r.getString(6)), r.getBoolean(7));
        return new Facts(true, availability, false, false, review, names, answered, NOTICE);
      }
    }
  }

  /** The statement alone, as the quick way asks it for a cached student going to {@code page}. */
  private boolean stillSo(Destination page) throws Exception {
    try (Connection c = db.getConnection();
        PreparedStatement s = c.prepareStatement(ReturningLaunches.STILL_SO);
        ResultSet r =
            Jdbc.bind(
                    s,
                    new Object[] {
                      NOTICE + "+named",
                      NOTICE,
                      NOTICE + "+names",
                      studentId,
                      activityId,
                      page.name()
                    })
                .executeQuery()) {
      return r.next();
    }
  }

  private long visits() {
    return Rows.number(db, "SELECT access_count FROM lti_activity_users WHERE id = ?", studentId);
  }

  private long count(String sql) {
    return Rows.number(db, sql);
  }
}
