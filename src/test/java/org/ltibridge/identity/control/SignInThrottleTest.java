package org.ltibridge.identity.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {

  static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

  static SignInThrottle at(Instant now) {
    return SignInThrottle.create(Clock.fixed(now, ZoneOffset.UTC), 3, Duration.ofMinutes(15));
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
