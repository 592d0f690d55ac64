package org.ltibridge.identity.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ltibridge.testsupport.Rows;
import org.ltibridge.testsupport.TestSchema;

/**
 * The lockout, counted in the database that every instance shares: two throttles on one database
 * (two instances) count the same failures.
 */
class SignInThrottleTest {

  static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
  static DataSource db;

  @BeforeAll
  static void database() throws Exception {
    db = TestSchema.h2("sign-in-throttle");
  }

  @BeforeEach
  void empty() {
    Rows.execute(db, "DELETE FROM sign_in_failures");
  }

  static SignInThrottle at(Instant now) {
    return SignInThrottle.create(db, Clock.fixed(now, ZoneOffset.UTC), 3, Duration.ofMinutes(15));
  }

  @Test
  void twoInstancesCountTheSameFailures() {
    SignInThrottle one = at(T0);
    SignInThrottle other = at(T0);
    one.failed("admin");
    other.failed("admin");
    assertTrue(one.lockedFor("admin").isEmpty());
    one.failed("Admin");
    assertEquals(Optional.of(Duration.ofMinutes(15)), other.lockedFor("admin"));
    other.succeeded("admin");
    assertTrue(one.lockedFor("admin").isEmpty(), "a success on one clears it on both");
  }

  @Test
  void housekeepingRemovesCountsThatCanNoLongerLockAnyone() {
    at(T0).failed("old");
    at(T0.plus(Duration.ofMinutes(10))).failed("recent");
    SignInThrottle later = at(T0.plus(Duration.ofMinutes(20)));
    assertEquals(1, later.everyMinute(LocalDateTime.of(2026, 11, 22, 10, 20)));
    assertEquals(1L, Rows.number(db, "SELECT COUNT(*) FROM sign_in_failures"));
  }

  @Test
  void locksAUsernameAfterTheMaximumOfFailuresUntilTheLockoutHasPassed() {
    SignInThrottle t = at(T0);
    t.failed("Admin");
    t.failed("admin ");
    assertTrue(t.lockedFor("admin").isEmpty(), "two failures: not yet");
    t.failed("ADMIN");
    assertEquals(Optional.of(Duration.ofMinutes(15)), t.lockedFor("admin"));
    assertTrue(t.lockedFor("someone-else").isEmpty(), "other usernames are not affected");

    t.clock = Clock.fixed(T0.plus(Duration.ofMinutes(14)), ZoneOffset.UTC);
    assertEquals(Optional.of(Duration.ofMinutes(1)), t.lockedFor("admin"));
    t.clock = Clock.fixed(T0.plus(Duration.ofMinutes(15)), ZoneOffset.UTC);
    assertTrue(t.lockedFor("admin").isEmpty());
  }

  @Test
  void oldFailuresStopCountingAndASuccessClearsThem() {
    SignInThrottle t = at(T0);
    t.failed("a");
    t.failed("a");
    t.clock = Clock.fixed(T0.plus(Duration.ofMinutes(16)), ZoneOffset.UTC);
    t.failed("a");
    assertTrue(t.lockedFor("a").isEmpty(), "the first two were too long ago");
    t.failed("a");
    t.succeeded("a");
    t.failed("a");
    assertTrue(t.lockedFor("a").isEmpty(), "a success starts the count again");
  }
}
