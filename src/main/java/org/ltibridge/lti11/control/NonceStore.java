package org.ltibridge.lti11.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.List;
import javax.sql.DataSource;
import org.ltibridge.activity.control.ReturningLaunches;
import org.ltibridge.fastpath.SingleUse;
import org.ltibridge.system.control.Housework;
import org.ltibridge.system.control.UniqueViolation;

/**
 * OAuth 1.0a nonces in the database (RFC 5849 §3.3), so that a replay is refused on every instance
 * and after a restart. The primary key (consumer key, nonce) makes "first one wins" atomic; a row
 * is only needed while its timestamp is inside the accepted window, after which the timestamp check
 * refuses the request anyway, so expired rows are purged and storage stays bounded by (launch rate
 * × window).
 */
@ApplicationScoped
public class NonceStore implements Housework {

  private static final String INSERT =
      "INSERT INTO oauth_nonces (consumer_key, nonce, expires_at) VALUES (?, ?, ?)";
  private static final String PURGE = "DELETE FROM oauth_nonces WHERE expires_at < ?";

  @Resource(lookup = "java:comp/env/jdbc/app")
  DataSource dataSource;

  /**
   * Records a nonce in the caller's transaction ({@link Lti11Launcher}); false if it was seen
   * before. A duplicate aborts that transaction (PostgreSQL), so the caller must refuse the request
   * and roll back, which a thrown Problem does.
   */
  public boolean firstUse(String consumerKey, String nonce, LocalDateTime expiresAt) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement insert = c.prepareStatement(INSERT)) {
      insert.setString(1, consumerKey);
      insert.setString(2, nonce);
      insert.setTimestamp(3, Timestamp.valueOf(expiresAt));
      insert.executeUpdate();
      return true;
    } catch (SQLException e) {
      if (UniqueViolation.isCauseOf(e)) {
        return false;
      }
      throw new IllegalStateException("Nonce store unavailable", e);
    }
  }

  /**
   * The nonce as a row for {@link ReturningLaunches}, which records it with the launch's writes.
   */
  public static SingleUse singleUse(String consumerKey, String nonce, LocalDateTime expiresAt) {
    return SingleUse.insert(
        "oauth_nonces",
        List.of("consumer_key", "nonce", "expires_at"),
        List.of(consumerKey, nonce, Timestamp.valueOf(expiresAt)),
        2);
  }

  /** Deletes nonces whose timestamps have left the window; returns how many. */
  @Transactional(TxType.NOT_SUPPORTED)
  public int purgeExpired(LocalDateTime now) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement purge = c.prepareStatement(PURGE)) {
      purge.setTimestamp(1, Timestamp.valueOf(now));
      return purge.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("Nonce purge failed", e);
    }
  }

  /** Housekeeping's minutely share ({@link Housework}). */
  @Override
  @Transactional(TxType.NOT_SUPPORTED)
  public int everyMinute(LocalDateTime now) {
    return purgeExpired(now);
  }

  @Override
  public String what() {
    return "OAuth 1.0a nonces";
  }
}
