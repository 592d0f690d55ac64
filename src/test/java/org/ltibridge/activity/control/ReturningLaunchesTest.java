package org.ltibridge.activity.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URI;
import java.sql.Connection;
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
import liquibase.Liquibase;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ltibridge.launch.entity.Launch;
import org.ltibridge.launch.entity.LaunchServices;
import org.ltibridge.launch.entity.LmsUser;
import org.ltibridge.launch.entity.LtiVersion;
import org.ltibridge.launch.entity.PlatformKey;
import org.ltibridge.launch.entity.ResourceLinkId;
import org.ltibridge.launch.entity.Roles;
import org.ltibridge.system.control.DatabaseKind;

/**
 * The one-round-trip launch on the embedded database (H2, the three-statement transaction); the
 * PostgreSQL single statement is exercised by the Arquillian ITs, which run on PostgreSQL.
 */
class ReturningLaunchesTest {

  static final String PLATFORM = PlatformKey.lti11("k", null).value();

  static JdbcDataSource h2;
  static long activityId;
  static long studentId;

  ReturningLaunches launches;
  ReturningStudents cache;

  @BeforeAll
  static void schema() throws Exception {
    h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:returning;MODE=LEGACY;DB_CLOSE_DELAY=-1");
    try (Connection c = h2.getConnection()) {
      try (Liquibase liquibase =
          new Liquibase(
              "liquibase/changelog-master.xml",
              new DirectoryResourceAccessor(new File(".")),
              DatabaseFactory.getInstance()
                  .findCorrectDatabaseImplementation(new JdbcConnection(c)))) {
        liquibase.update("");
      }
    }
    try (Connection c = h2.getConnection()) {
      try (Statement s = c.createStatement()) {
        s.execute(
            "INSERT INTO organizations (slug, name, created_at) VALUES ('o', 'O',"
                + " CURRENT_TIMESTAMP)");
        long org = id(s, "SELECT id FROM organizations WHERE slug = 'o'");
        s.execute(
            "INSERT INTO creator_users (organization_id, email, created_at) VALUES ("
                + org
                + ", 'owner@example.edu', CURRENT_TIMESTAMP)");
        long owner = id(s, "SELECT id FROM creator_users WHERE email = 'owner@example.edu'");
        s.execute(
            "INSERT INTO lti_activities (platform_key, resource_link_id, organization_id,"
                + " owner_creator_user_id, owner_email, configured_by_email, created_at,"
                + " updated_at) VALUES ('"
                + PLATFORM
                + "', 'rl-1', "
                + org
                + ", "
                + owner
                + ", 'owner@example.edu', 'owner@example.edu', CURRENT_TIMESTAMP,"
                + " CURRENT_TIMESTAMP)");
        activityId = id(s, "SELECT id FROM lti_activities WHERE resource_link_id = 'rl-1'");
        s.execute(
            "INSERT INTO lti_activity_users (activity_id, user_email, user_name, role, pseudonym,"
                + " last_access_at, created_at) VALUES ("
                + activityId
                + ", 'ada_rl-1@lamb-lti.local', 'ada', 'STUDENT', 'Student-x1',"
                + " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
        studentId = id(s, "SELECT id FROM lti_activity_users WHERE pseudonym = 'Student-x1'");
      }
    }
  }

  @BeforeEach
  void wire() {
    cache = ReturningStudents.create(Duration.ofMinutes(1));
    launches = new ReturningLaunches();
    launches.dataSource = h2;
    launches.students = cache;
    launches.clock = Clock.systemUTC();
    launches.database = new DatabaseKind(h2);
  }

  @Test
  void aRememberedStudentGetsAChatTokenWithOneWrite() throws Exception {
    rememberAda(false);
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
  void anOidcLoginIsUsedUpOnceByAClaimAndAReplayWritesNothing() throws Exception {
    rememberAda(false);
    String state = "ab".repeat(32);
    try (Connection c = h2.getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "INSERT INTO lti13_oidc_states (state_hash, nonce_hash, binding_hash, registration_id,"
              + " created_at, expires_at) VALUES ('"
              + state
              + "', '"
              + state
              + "', '"
              + state
              + "', 1, CURRENT_TIMESTAMP, DATEADD('MINUTE', 10, CURRENT_TIMESTAMP))");
    }
    ReturningLaunches.SingleUse login =
        ReturningLaunches.SingleUse.claim(
            "UPDATE lti13_oidc_states SET consumed_at = ? WHERE state_hash = ?"
                + " AND consumed_at IS NULL",
            List.of(Timestamp.valueOf(LocalDateTime.now()), state));
    long tokens = count("SELECT COUNT(*) FROM page_tokens");

    assertTrue(launches.redirect(launch(Roles.LEARNER), login).isPresent());
    assertEquals(tokens + 1, count("SELECT COUNT(*) FROM page_tokens"));
    assertEquals(
        1,
        count(
            "SELECT COUNT(*) FROM lti13_oidc_states WHERE consumed_at IS NOT NULL AND state_hash"
                + " = '"
                + state
                + "'"));

    // The same login again: it claims no row, so no token and no visit.
    long visits = count("SELECT access_count FROM lti_activity_users WHERE id = " + studentId);
    assertEquals(Optional.empty(), launches.redirect(launch(Roles.LEARNER), login));
    assertEquals(tokens + 1, count("SELECT COUNT(*) FROM page_tokens"));
    assertEquals(
        visits, count("SELECT access_count FROM lti_activity_users WHERE id = " + studentId));
  }

  @Test
  void consentDueGivesAConsentToken() throws Exception {
    rememberAda(true);
    Optional<String> page = launches.redirect(launch(Roles.LEARNER), nonce("n-2"));
    assertTrue(page.orElseThrow().startsWith(UnifiedActivityFlow.CONSENT), page.toString());
  }

  @Test
  void instructorsAndUnknownStudentsTakeTheFullWayAndNothingIsWritten() throws Exception {
    rememberAda(false);
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
  private void rememberAda(boolean consentDue) {
    cache.remember(
        PLATFORM,
        "rl-1",
        "ada_rl-1@lamb-lti.local",
        new ReturningStudents.Student(activityId, studentId, consentDue));
  }

  static ReturningLaunches.SingleUse nonce(String value) {
    return ReturningLaunches.SingleUse.insert(
        "oauth_nonces",
        List.of("consumer_key", "nonce", "expires_at"),
        List.of("k", value, Timestamp.valueOf(LocalDateTime.now().plusMinutes(5))));
  }

  static long count(String sql) throws Exception {
    try (Connection c = h2.getConnection();
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
