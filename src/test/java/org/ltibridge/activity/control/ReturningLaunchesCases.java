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
import org.ltibridge.lti11.control.NonceStore;
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

  /**
   * A student's first launch at a placement this instance knows goes the quick way too: one write
   * creates their identity as the full way does (a pseudonym, the first visit counted), uses up the
   * nonce and stores the page token; their next launch finds them remembered.
   */
  @Test
  void aFirstLaunchAtAKnownPlacementCreatesTheIdentityWithOneWrite() throws Exception {
    rememberPlacement(false);
    long tokens = count("SELECT COUNT(*) FROM page_tokens");

    Optional<String> page = launches.redirect(launch(Roles.LEARNER, "bea"), nonce("f-1"));

    assertTrue(page.orElseThrow().startsWith(UnifiedActivityFlow.CHAT), page.toString());
    long bea = identity("bea");
    assertTrue(bea > 0, "identity created");
    assertEquals(
        List.of("STUDENT", "1", "u-bea", "bea", "Bea"),
        strings(
            "SELECT role, access_count, lms_user_id, user_name, display_name"
                + " FROM lti_activity_users WHERE id = "
                + bea));
    assertTrue(
        strings("SELECT pseudonym FROM lti_activity_users WHERE id = " + bea)
            .get(0)
            .matches("Student [A-Z2-9]{5}"));
    String token = page.get().substring(UnifiedActivityFlow.CHAT.length());
    assertEquals(
        1,
        count(
            "SELECT COUNT(*) FROM page_tokens WHERE kind = 'CHAT' AND activity_user_id = "
                + bea
                + " AND activity_id = "
                + activityId
                + " AND token_hash = '"
                + PageTokens.hash(token)
                + "'"));
    assertEquals(tokens + 1, count("SELECT COUNT(*) FROM page_tokens"));
    assertEquals(1, count("SELECT COUNT(*) FROM oauth_nonces WHERE nonce = 'f-1'"));
    assertEquals(
        Optional.of(new ReturningStudents.Student(activityId, bea, false, false, null)),
        cache.find(PLATFORM, "rl-1", "bea_rl-1@lamb-lti.local"));

    // Her next launch: remembered, the returning way.
    assertTrue(launches.redirect(launch(Roles.LEARNER, "bea"), nonce("f-2")).isPresent());
    assertEquals(2, count("SELECT access_count FROM lti_activity_users WHERE id = " + bea));
  }

  @Test
  void aFirstLaunchWithTranscriptReviewOnGivesAConsentToken() throws Exception {
    execute("UPDATE lti_activities SET chat_visibility_enabled = TRUE");
    rememberPlacement(true);
    Optional<String> page = launches.redirect(launch(Roles.LEARNER, "cai"), nonce("f-3"));
    assertTrue(page.orElseThrow().startsWith(UnifiedActivityFlow.CONSENT), page.toString());
    assertEquals(
        1,
        count(
            "SELECT COUNT(*) FROM page_tokens WHERE kind = 'CONSENT' AND activity_user_id = "
                + identity("cai")));
  }

  /**
   * Whatever makes a first launch anything but a new student's usual one leaves it to the full way
   * with nothing written, not even the identity: an unknown placement, an instructor, facts that
   * changed since this instance saw the placement (transcript review, the activity's or its
   * organisation's status, for every status as the Java rule {@link Availability#of} says), an
   * identity that exists already, a nonce used before.
   */
  @Test
  void anythingUnusualAtAFirstLaunchWritesNothingAndLeavesItToTheFullWay() throws Exception {
    long users = count("SELECT COUNT(*) FROM lti_activity_users");
    long tokens = count("SELECT COUNT(*) FROM page_tokens");
    long nonces = count("SELECT COUNT(*) FROM oauth_nonces");

    assertEquals(Optional.empty(), launches.redirect(launch(Roles.LEARNER, "dan"), nonce("x-1")));
    rememberPlacement(false);
    assertEquals(
        Optional.empty(), launches.redirect(launch(Roles.INSTRUCTOR, "dan"), nonce("x-2")));
    execute("UPDATE lti_activities SET chat_visibility_enabled = TRUE");
    assertEquals(Optional.empty(), launches.redirect(launch(Roles.LEARNER, "dan"), nonce("x-3")));
    execute("UPDATE lti_activities SET chat_visibility_enabled = FALSE");
    int n = 0;
    for (ActivityStatus status : ActivityStatus.values()) {
      for (boolean organizationEnabled : new boolean[] {true, false}) {
        Availability rule = Availability.of(status, organizationEnabled);
        if (rule.usable()) {
          continue;
        }
        execute("UPDATE lti_activities SET status = '" + status.name() + "'");
        execute("UPDATE organizations SET enabled = " + organizationEnabled);
        assertEquals(
            Optional.empty(),
            launches.redirect(launch(Roles.LEARNER, "dan"), nonce("x-rule-" + n++)),
            status + ", organisation enabled: " + organizationEnabled);
      }
    }
    execute("UPDATE lti_activities SET status = 'ACTIVE'");
    execute("UPDATE organizations SET enabled = TRUE");
    // Ada exists, but this instance does not remember her (another instance let her in).
    assertEquals(Optional.empty(), launches.redirect(launch(Roles.LEARNER), nonce("x-4")));
    // A nonce used before: not even the identity is created.
    assertTrue(launches.redirect(launch(Roles.LEARNER, "eve"), nonce("x-5")).isPresent());
    nonces++;
    tokens++;
    users++;
    assertEquals(Optional.empty(), launches.redirect(launch(Roles.LEARNER, "fay"), nonce("x-5")));

    assertEquals(users, count("SELECT COUNT(*) FROM lti_activity_users"));
    assertEquals(tokens, count("SELECT COUNT(*) FROM page_tokens"));
    assertEquals(nonces, count("SELECT COUNT(*) FROM oauth_nonces"));

    // The same facts as the database's again: the same launch goes the quick way.
    assertTrue(launches.redirect(launch(Roles.LEARNER, "dan"), nonce("x-3")).isPresent());
  }

  static Launch launch(String role, String username) {
    return new Launch(
        LtiVersion.LTI_1_1,
        PlatformKey.lti11("k", null),
        "k",
        URI.create("https://bridge.example.edu/lamb/v1/lti/launch"),
        new LmsUser(
            "u-" + username,
            Optional.of(username.substring(0, 1).toUpperCase() + username.substring(1)),
            Optional.empty(),
            Optional.of(username)),
        new Roles(Set.of(role)),
        Optional.empty(),
        new ResourceLinkId("rl-1"),
        Optional.empty(),
        Map.of(),
        LaunchServices.NONE,
        Optional.empty());
  }

  /** The placement of {@link #launch}, as a full launch there leaves it in the cache. */
  private void rememberPlacement(boolean transcriptReview) {
    cache.remember(
        PLATFORM,
        "rl-1",
        new ReturningStudents.Placement(activityId, transcriptReview, false, null));
  }

  private long identity(String username) throws Exception {
    return count(
        "SELECT COALESCE(MAX(id), 0) FROM lti_activity_users WHERE user_email = '"
            + username
            + "_rl-1@lamb-lti.local'");
  }

  private List<String> strings(String sql) throws Exception {
    try (Connection c = db.getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      List<String> values = new java.util.ArrayList<>();
      for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
        values.add(r.getString(i));
      }
      return values;
    }
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
        new ReturningStudents.Student(activityId, studentId, transcriptReview, false, consented));
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
    return NonceStore.singleUse("k", value, LocalDateTime.now().plusMinutes(5));
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
