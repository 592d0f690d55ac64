package org.ltibridge.identity.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Slows down password guessing on the sign-in page: after {@code max-failures} wrong attempts for
 * one username within {@code lockout}, that username is refused (even with the right password)
 * until {@code lockout} has passed since the last failure. A success clears the count.
 *
 * <p>Counts are kept per instance, in memory: behind a load balancer with N instances an attacker
 * gets at most N times the attempts, each one still paying a 210,000-iteration PBKDF2 check.
 */
@ApplicationScoped
public class SignInThrottle {

  private static final int MAX_TRACKED = 10_000;

  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "lti-bridge.sign-in.max-failures", defaultValue = "5")
  int maxFailures;

  @Inject
  @ConfigProperty(name = "lti-bridge.sign-in.lockout", defaultValue = "PT15M")
  Duration lockout;

  private record Failures(int count, Instant last) {}

  private final Map<String, Failures> failures = new ConcurrentHashMap<>();

  /** For plain unit tests. */
  public static SignInThrottle create(Clock clock, int maxFailures, Duration lockout) {
    SignInThrottle t = new SignInThrottle();
    t.clock = clock;
    t.maxFailures = maxFailures;
    t.lockout = lockout;
    return t;
  }

  /** How long this username must still wait, if it is locked out now. */
  public Optional<Duration> lockedFor(String username) {
    Failures f = failures.get(key(username));
    if (f == null || f.count() < maxFailures) {
      return Optional.empty();
    }
    Duration left = Duration.between(clock.instant(), f.last().plus(lockout));
    return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
  }

  public void failed(String username) {
    Instant now = clock.instant();
    if (failures.size() >= MAX_TRACKED) {
      failures.values().removeIf(f -> f.last().plus(lockout).isBefore(now));
    }
    failures.merge(
        key(username),
        new Failures(1, now),
        (old, one) ->
            old.last().plus(lockout).isBefore(now) ? one : new Failures(old.count() + 1, now));
  }

  public void succeeded(String username) {
    failures.remove(key(username));
  }

  private static String key(String username) {
    return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
  }
}
