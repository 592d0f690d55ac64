package org.ltibridge.lti13.tool.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.ltibridge.system.control.DatabaseKind;
import org.ltibridge.system.control.SecretBox;

/**
 * OIDC logins without a row ({@link OidcStates}), on a real database: {@link OidcStatesTest} on H2
 * (a second use shows as a unique violation), {@link OidcStatesOnPostgresIT} on PostgreSQL (ON
 * CONFLICT DO NOTHING). A login writes nothing; its launch uses it up once, on any instance with
 * the key; whatever does not match writes nothing and stays explainable.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OidcStatesCases {

  static final byte[] KEY = new byte[32];
  static final byte[] OTHER_KEY = new byte[32];

  static {
    for (int i = 0; i < 32; i++) {
      KEY[i] = (byte) i;
      OTHER_KEY[i] = (byte) (i + 1);
    }
  }

  DataSource db;
  Instant now = Instant.parse("2026-11-23T01:00:00Z");
  OidcStates states;

  /** An empty database with the project's schema. */
  abstract DataSource database() throws Exception;

  @BeforeAll
  void database0() throws Exception {
    db = database();
  }

  @BeforeEach
  void wire() {
    states = states(KEY);
  }

  OidcStates states(byte[] key) {
    OidcStates s = new OidcStates();
    s.dataSource = db;
    s.clock = Clock.fixed(now, ZoneOffset.UTC);
    s.box = SecretBox.withKey(key);
    s.database = new DatabaseKind(db);
    return s;
  }

  @Test
  void aLoginWritesNothingAndItsLaunchUsesItUpOnceOnAnyInstance() throws Exception {
    long before = rows();
    OidcStates.Issued login = states.issue(7, null, "{\"iss\":\"https://lms\"}");
    assertEquals(before, rows(), "a login writes no row");
    assertFalse(login.state().contains(login.nonce()), "the state does not show its nonce");

    OidcStates otherInstance = states(KEY);
    assertTrue(otherInstance.consume(login.state(), login.nonce(), login.binding(), 7));
    assertEquals(before + 1, rows());
    assertFalse(states.consume(login.state(), login.nonce(), login.binding(), 7), "single use");
    assertEquals(before + 1, rows());

    OidcStates.Stored used = states.find(login.state()).orElseThrow();
    assertTrue(used.consumed());
    assertEquals(Optional.of("{\"iss\":\"https://lms\"}"), used.loginParams());
  }

  @Test
  void aLaunchThatDoesNotMatchItsLoginWritesNothing() throws Exception {
    OidcStates.Issued login = states.issue(7, "_parent", null);
    long before = rows();
    assertFalse(states.consume(login.state(), "another nonce", login.binding(), 7));
    assertFalse(states.consume(login.state(), login.nonce(), "another browser", 7));
    assertFalse(states.consume(login.state(), login.nonce(), login.binding(), 8));
    assertFalse(states.consume(login.state(), login.nonce(), null, 7));
    assertTrue(states.matches(login.state(), login.nonce(), null));
    assertFalse(states.matches(login.state(), "another nonce", null));
    assertEquals(before, rows());

    OidcStates.Stored stored = states.find(login.state()).orElseThrow();
    assertEquals(7, stored.registrationId());
    assertEquals(Optional.of("_parent"), stored.storageTarget());
    assertFalse(stored.consumed() || stored.expired());
    // ... and the genuine launch still works.
    assertTrue(states.consume(login.state(), login.nonce(), login.binding(), 7));
  }

  @Test
  void hugeLoginHintsAreLeftOutOfTheState() throws Exception {
    String hints = "{\"lti_message_hint\":\"" + "x".repeat(OidcStates.MAX_HINTS) + "\"}";
    OidcStates.Issued login = states.issue(7, null, hints);
    assertTrue(login.state().length() < 600, "the state stays short: " + login.state().length());
    assertEquals(Optional.empty(), states.find(login.state()).orElseThrow().loginParams());
    assertTrue(states.consume(login.state(), login.nonce(), login.binding(), 7), "still launches");
  }

  @Test
  void anExpiredLoginIsRefusedAndSaysSo() throws Exception {
    OidcStates.Issued login = states.issue(7, null, null);
    now = now.plus(OidcStates.LIFETIME).plus(Duration.ofSeconds(1));
    OidcStates later = states(KEY);
    long before = rows();
    assertFalse(later.consume(login.state(), login.nonce(), login.binding(), 7));
    assertTrue(later.find(login.state()).orElseThrow().expired());
    assertEquals(before, rows());
  }

  @Test
  void aForgedChangedOrForeignStateIsUnknown() throws Exception {
    OidcStates.Issued login = states.issue(7, null, null);
    String s = login.state();
    String changed = s.substring(0, 20) + (s.charAt(20) == 'A' ? 'B' : 'A') + s.substring(21);
    for (String state : new String[] {changed, "not a state", "", s.substring(0, 30)}) {
      assertEquals(Optional.empty(), states.find(state), state);
      assertFalse(states.consume(state, login.nonce(), login.binding(), 7), state);
    }
    OidcStates otherKey = states(OTHER_KEY);
    assertEquals(Optional.empty(), otherKey.find(s), "sealed with another key");
    assertFalse(otherKey.consume(s, login.nonce(), login.binding(), 7));
  }

  @Test
  void usedLoginsArePurgedAfterTheirExpiry() throws Exception {
    OidcStates.Issued login = states.issue(9, null, null);
    assertTrue(states.consume(login.state(), login.nonce(), login.binding(), 9));
    states.purgeExpired();
    assertEquals(1, used(login), "kept until the login's expiry");
    now = now.plus(OidcStates.LIFETIME).plus(Duration.ofSeconds(1));
    states(KEY).purgeExpired();
    assertEquals(0, used(login));
  }

  private long rows() throws Exception {
    return count("SELECT COUNT(*) FROM lti13_oidc_states", null);
  }

  private long used(OidcStates.Issued login) throws Exception {
    return count(
        "SELECT COUNT(*) FROM lti13_oidc_states WHERE state_hash = ?",
        OidcStates.hash(login.state()));
  }

  private long count(String sql, String parameter) throws Exception {
    try (Connection c = db.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      if (parameter != null) {
        s.setString(1, parameter);
      }
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }
}
