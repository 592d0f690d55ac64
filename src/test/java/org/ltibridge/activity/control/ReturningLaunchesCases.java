package org.ltibridge.activity.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.ltibridge.activity.entity.ActivityStatus;
import org.ltibridge.activity.entity.Availability;
import org.ltibridge.fastpath.SingleUse;
import org.ltibridge.launch.entity.Launch;
import org.ltibridge.launch.entity.LaunchServices;
import org.ltibridge.launch.entity.LmsUser;
import org.ltibridge.launch.entity.LtiVersion;
import org.ltibridge.launch.entity.PlatformKey;
import org.ltibridge.launch.entity.ResourceLinkId;
import org.ltibridge.launch.entity.Roles;
import org.ltibridge.system.control.DatabaseKind;
import org.ltibridge.testsupport.ActivityRows;

/**
 * The one-round-trip launch of a returning student, on a real database: {@link
 * ReturningLaunchesTest} runs these cases on the embedded H2 (the check and three writes in one
 * local transaction), {@link ReturningLaunchesOnPostgresIT} on PostgreSQL (one statement through
 * the group commit). A case fails if the quick way stops applying, since the full way it falls back
 * to is not wired here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ReturningLaunchesCases {

  static final String PLATFORM = PlatformKey.lti11("k", null).value();
  static final String NOTICE = "2026-11";

  DataSource db;
  long activityId;
  long studentId;

  /** An empty database with the project's schema. */
  abstract DataSource database() throws Exception;

  ReturningLaunches launches;
  ReturningStudents cache;

  @BeforeAll
  void schema() throws Exception {
    db = database();
    ActivityRows rows = new ActivityRows(db, "o", null);
    activityId = rows.activity(PLATFORM, "rl-1", null);
    studentId = rows.student(activityId, "ada", "rl-1", "Student-x1");
  }

  @BeforeEach
  void wire() throws Exception {
    cache = ReturningStudents.create(Duration.ofMinutes(1));
    launches = new ReturningLaunches();
    launches.dataSource = db;
    launches.students = cache;
    launches.clock = Clock.systemUTC();
    launches.database = new DatabaseKind(db);
    launches.noticeVersion = NOTICE;
    launches.startGroups();
    // Every case starts from an active activity without transcript review and Ada not consented.
    execute("UPDATE lti_activities SET status = 'ACTIVE', chat_visibility_enabled = FALSE");
    execute("UPDATE organizations SET enabled = TRUE");
    execute("UPDATE lti_activity_users SET consent_given_at = NULL, consent_notice_version = NULL");
  }

  @Test
  void aRememberedStudentGetsAChatTokenWithOneWrite() throws Exception {
    rememberAda(false, null);
    long tokens = count("SELECT COUNT(*) FROM page_tokens");
    long visits = count("SELECT access_count FROM lti_activity_users WHERE id = " + studentId);

    Optional<String> page = launches.redirect(launch(Roles.LEARNER), nonce("n-1"));

    assertTrue(page.orElseThrow().startsWith(UnifiedActivityFlow.CHAT), page.toString());
    String token = page.get().substring(UnifiedActivityFlow.CHAT.length());
    assertEquals(
        1,
        count(
            "SELECT COUNT(*) FROM page_tokens WHERE kind = 'CHAT' AND activity_user_id = "
                + studentId
                + " AND token_hash = '"
                + PageTokens.hash(token)
                + "'"));
    assertEquals(tokens + 1, count("SELECT COUNT(*) FROM page_tokens"));
    assertEquals(
        visits + 1, count("SELECT access_count FROM lti_activity_users WHERE id = " + studentId));
    assertEquals(1, count("SELECT COUNT(*) FROM oauth_nonces WHERE nonce = 'n-1'"));

    // The same nonce again: refused here, and nothing at all is written.
    assertEquals(Optional.empty(), launches.redirect(launch(Roles.LEARNER), nonce("n-1")));
    assertEquals(tokens + 1, count("SELECT COUNT(*) FROM page_tokens"));
    assertEquals(
        visits + 1, count("SELECT access_count FROM lti_activity_users WHERE id = " + studentId));
  }

  @Test
  void consentDueGivesAConsentToken() throws Exception {
    execute("UPDATE lti_activities SET chat_visibility_enabled = TRUE");
    rememberAda(true, null);
    Optional<String> page = launches.redirect(launch(Roles.LEARNER), nonce("n-2"));
    assertTrue(page.orElseThrow().startsWith(UnifiedActivityFlow.CONSENT), page.toString());
  }

  @Test
  void aConsentedStudentGoesToTheChat() throws Exception {
    execute("UPDATE lti_activities SET chat_visibility_enabled = TRUE");
    consentAda(NOTICE);
    rememberAda(true, NOTICE);
    Optional<String> page = launches.redirect(launch(Roles.LEARNER), nonce("n-5"));
    assertTrue(page.orElseThrow().startsWith(UnifiedActivityFlow.CHAT), page.toString());
  }

  /**
   * What another instance changed since the cache learnt it (this instance was not told): the
   * launch is left to the full way, and nothing is used up, so that way can still take the nonce.
   */
  @Test
  void aChangeTheCacheDoesNotKnowSendsTheLaunchTheFullWayWithNothingUsedUp() throws Exception {
    rememberAda(false, null);
    long tokens = count("SELECT COUNT(*) FROM page_tokens");
    long visits = count("SELECT access_count FROM lti_activity_users WHERE id = " + studentId);

    execute("UPDATE lti_activities SET chat_visibility_enabled = TRUE");
    assertEquals(Optional.empty(), launches.redirect(launch(Roles.LEARNER), nonce("n-6")));

    execute("UPDATE lti_activities SET chat_visibility_enabled = FALSE, status = 'DISABLED'");
    assertEquals(Optional.empty(), launches.redirect(launch(Roles.LEARNER), nonce("n-6")));

    execute("UPDATE lti_activities SET status = 'ACTIVE', chat_visibility_enabled = TRUE");
    consentAda("an older notice");
    assertEquals(Optional.empty(), launches.redirect(launch(Roles.LEARNER), nonce("n-6")));

    rememberAda(true, NOTICE);
    execute("UPDATE lti_activities SET chat_visibility_enabled = TRUE");
    consentAda("an older notice");
    assertEquals(Optional.empty(), launches.redirect(launch(Roles.LEARNER), nonce("n-6")));

    assertEquals(0, count("SELECT COUNT(*) FROM oauth_nonces WHERE nonce = 'n-6'"));
    assertEquals(tokens, count("SELECT COUNT(*) FROM page_tokens"));
    assertEquals(
        visits, count("SELECT access_count FROM lti_activity_users WHERE id = " + studentId));

    // Once the cache agrees with the database again, the same nonce goes the quick way.
    rememberAda(true, null);
    assertTrue(launches.redirect(launch(Roles.LEARNER), nonce("n-6")).isPresent());
  }

  /**
   * {@link ReturningLaunches#STILL_SO} states {@link Availability#of} in SQL: for every status of
   * the activity and of its organisation, the quick way goes ahead exactly when the Java rule says
   * the activity is usable. When it is not (a disabled activity, a disabled organisation), nothing
   * is used up or written, and the full way, which reads the same rule from the entity ({@link
   * org.ltibridge.activity.entity.Activity#availability}), answers with its notice.
   */
  @Test
  void theQuickWayGoesAheadExactlyWhenTheJavaRuleSaysTheActivityIsUsable() throws Exception {
    int n = 0;
    for (ActivityStatus status : ActivityStatus.values()) {
      for (boolean organizationEnabled : new boolean[] {true, false}) {
        execute("UPDATE lti_activities SET status = '" + status.name() + "'");
        execute("UPDATE organizations SET enabled = " + organizationEnabled);
        rememberAda(false, null);
        long tokens = count("SELECT COUNT(*) FROM page_tokens");
        long visits = count("SELECT access_count FROM lti_activity_users WHERE id = " + studentId);
        String value = "n-rule-" + n++;
        Availability rule = Availability.of(status, organizationEnabled);
        String which = status + ", organisation enabled: " + organizationEnabled;

        Optional<String> page = launches.redirect(launch(Roles.LEARNER), nonce(value));

        assertEquals(rule.usable(), page.isPresent(), which);
        long written = rule.usable() ? 1 : 0;
        assertEquals(
            written,
            count("SELECT COUNT(*) FROM oauth_nonces WHERE nonce = '" + value + "'"),
            which);
        assertEquals(tokens + written, count("SELECT COUNT(*) FROM page_tokens"), which);
        assertEquals(
            visits + written,
            count("SELECT access_count FROM lti_activity_users WHERE id = " + studentId),
            which);
        assertEquals(rule.usable(), rule.notice() == null, which);
      }
    }
    assertEquals(Availability.ORGANIZATION_DISABLED, Availability.of(ActivityStatus.ACTIVE, false));
    assertEquals(Availability.ACTIVITY_DISABLED, Availability.of(ActivityStatus.DISABLED, true));
  }

  @Test
  void instructorsAndUnknownStudentsTakeTheFullWayAndNothingIsWritten() throws Exception {
    rememberAda(false, null);
    long nonces = count("SELECT COUNT(*) FROM oauth_nonces");
    assertEquals(Optional.empty(), launches.redirect(launch(Roles.INSTRUCTOR), nonce("n-3")));
    cache.forgetStudent(studentId);
    assertEquals(Optional.empty(), launches.redirect(launch(Roles.LEARNER), nonce("n-4")));
    assertEquals(nonces, count("SELECT COUNT(*) FROM oauth_nonces"));
  }

  static Launch launch(String role) {
    return new Launch(
        LtiVersion.LTI_1_1,
        PlatformKey.lti11("k", null),
        "k",
        URI.create("https://bridge.example.edu/lamb/v1/lti/launch"),
        new LmsUser("u-1", Optional.empty(), Optional.empty(), Optional.of("ada")),
        new Roles(Set.of(role)),
        Optional.empty(),
        new ResourceLinkId("rl-1"),
        Optional.empty(),
        Map.of(),
        LaunchServices.NONE,
        Optional.empty());
  }

  /** The student of {@link #launch}, as the full flow leaves them in the cache. */
  private void rememberAda(boolean transcriptReview, String consented) {
    cache.remember(
        PLATFORM,
        "rl-1",
        "ada_rl-1@lamb-lti.local",
        new ReturningStudents.Student(activityId, studentId, transcriptReview, consented));
  }

  private void consentAda(String notice) throws Exception {
    try (Connection c = db.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "UPDATE lti_activity_users SET consent_given_at = ?, consent_notice_version = ?"
                    + " WHERE id = ?")) {
      s.setTimestamp(1, Timestamp.valueOf(LocalDateTime.now()));
      s.setString(2, notice);
      s.setLong(3, studentId);
      s.executeUpdate();
    }
  }

  void execute(String sql) throws Exception {
    try (Connection c = db.getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  static SingleUse nonce(String value) {
    return SingleUse.insert(
        "oauth_nonces",
        List.of("consumer_key", "nonce", "expires_at"),
        List.of("k", value, Timestamp.valueOf(LocalDateTime.now().plusMinutes(5))));
  }

  long count(String sql) throws Exception {
    try (Connection c = db.getConnection();
        Statement s = c.createStatement()) {
      return id(s, sql);
    }
  }

  private static long id(Statement s, String sql) throws Exception {
    try (ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }
}
