package org.ltibridge.identity.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.ltibridge.system.control.Housework;
import org.ltibridge.system.control.UniqueViolation;

/**
 * Slows down password guessing on the sign-in page: after {@code max-failures} wrong attempts for
 * one username within {@code lockout}, that username is refused (even with the right password)
 * until {@code lockout} has passed since the last failure. A success clears the count.
 *
 * <p>The counts are rows of {@code sign_in_failures}, so every instance behind a load balancer
 * counts the same attempts (OWASP Authentication Cheat Sheet, "Account lockout"). Each step is one
 * autocommitted statement; two instances counting a failure at once both count it.
 */
@ApplicationScoped
public class SignInThrottle implements Housework {

  static final String FIND =
      "SELECT failures, last_failure_at FROM sign_in_failures WHERE username_key = ?";

  /** One more failure, or the first of a new count when the last one is older than the lockout. */
  static final String COUNT =
      "UPDATE sign_in_failures SET failures = CASE WHEN last_failure_at < ? THEN 1"
          + " ELSE failures + 1 END, last_failure_at = ? WHERE username_key = ?";

  static final String FIRST =
      "INSERT INTO sign_in_failures (username_key, failures, last_failure_at) VALUES (?, 1, ?)";

  static final String CLEAR = "DELETE FROM sign_in_failures WHERE username_key = ?";

  static final String PURGE = "DELETE FROM sign_in_failures WHERE last_failure_at < ?";

  @Resource(lookup = "java:comp/env/jdbc/app")
  DataSource dataSource;

  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "lti-bridge.sign-in.max-failures", defaultValue = "5")
  int maxFailures;

  @Inject
  @ConfigProperty(name = "lti-bridge.sign-in.lockout", defaultValue = "PT15M")
  Duration lockout;

  /** For tests on a database of their own. */
  public static SignInThrottle create(
      DataSource dataSource, Clock clock, int maxFailures, Duration lockout) {
    SignInThrottle t = new SignInThrottle();
    t.dataSource = dataSource;
    t.clock = clock;
    t.maxFailures = maxFailures;
    t.lockout = lockout;
    return t;
  }

  /** How long this username must still wait, if it is locked out now. */
  public Optional<Duration> lockedFor(String username) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(FIND)) {
      s.setString(1, key(username));
      try (ResultSet r = s.executeQuery()) {
        if (!r.next() || r.getInt(1) < maxFailures) {
          return Optional.empty();
        }
        LocalDateTime until = r.getTimestamp(2).toLocalDateTime().plus(lockout);
        Duration left = Duration.between(now(), until);
        return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Reading failed sign-ins failed", e);
    }
  }

  /** In a transaction of its own: the caller's refusal rolls its own back, not this count. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void failed(String username) {
    LocalDateTime now = now();
    String key = key(username);
    try (Connection c = dataSource.getConnection()) {
      if (count(c, key, now) == 0) {
        try (PreparedStatement s = c.prepareStatement(FIRST)) {
          s.setString(1, key);
          s.setTimestamp(2, Timestamp.valueOf(now));
          s.executeUpdate();
        } catch (SQLException e) {
          if (!UniqueViolation.isCauseOf(e)) {
            throw e;
          }
          count(c, key, now); // another instance wrote the first failure at the same moment
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Counting a failed sign-in failed", e);
    }
  }

  private int count(Connection c, String key, LocalDateTime now) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(COUNT)) {
      s.setTimestamp(1, Timestamp.valueOf(now.minus(lockout)));
      s.setTimestamp(2, Timestamp.valueOf(now));
      s.setString(3, key);
      return s.executeUpdate();
    }
  }

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void succeeded(String username) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(CLEAR)) {
      s.setString(1, key(username));
      s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("Clearing failed sign-ins failed", e);
    }
  }

  /** Housekeeping's minutely share ({@link Housework}): counts that can no longer lock anyone. */
  @Override
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public int everyMinute(LocalDateTime now) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(PURGE)) {
      s.setTimestamp(1, Timestamp.valueOf(now.minus(lockout)));
      return s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("Purging failed sign-ins failed", e);
    }
  }

  @Override
  public String what() {
    return "failed sign-ins";
  }

  private LocalDateTime now() {
    return LocalDateTime.now(clock);
  }

  private static String key(String username) {
    String key = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    return key.length() > 320 ? key.substring(0, 320) : key;
  }
}
