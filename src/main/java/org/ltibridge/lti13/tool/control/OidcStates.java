package org.ltibridge.lti13.tool.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.ltibridge.activity.control.ReturningLaunches;

/**
 * The state of an OIDC third-party-initiated login (LTI 1.3 Security Framework §5.1.1) in the
 * database, so that the launch may reach another instance or arrive after a restart. Each login
 * gets three random values: {@code state} and {@code nonce} (sent to the platform) and a browser
 * {@code binding} (kept by the browser in a cookie, or in the platform's storage). Only their
 * SHA-256 is stored. A launch consumes the row with one UPDATE that must hit exactly one row, which
 * makes state and nonce single-use across instances.
 */
@ApplicationScoped
public class OidcStates {

  /** How long a login may take at the platform before its launch is refused. */
  public static final Duration LIFETIME = Duration.ofMinutes(10);

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String INSERT =
      "INSERT INTO lti13_oidc_states (state_hash, nonce_hash, binding_hash, registration_id,"
          + " storage_target, login_params, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String CONSUME =
      "UPDATE lti13_oidc_states SET consumed_at = ? WHERE state_hash = ? AND nonce_hash = ?"
          + " AND binding_hash = ? AND registration_id = ? AND consumed_at IS NULL"
          + " AND expires_at > ?";
  private static final String FIND =
      "SELECT nonce_hash, binding_hash, registration_id, storage_target, login_params,"
          + " expires_at, consumed_at FROM lti13_oidc_states WHERE state_hash = ?";
  private static final String PURGE = "DELETE FROM lti13_oidc_states WHERE expires_at < ?";

  @Resource(lookup = "java:comp/env/jdbc/app")
  DataSource dataSource;

  @Inject Clock clock;

  /** The values of a new login; the raw values exist only here and in the browser. */
  public record Issued(String state, String nonce, String binding) {

    /** Name of the cookie that binds this login to the browser. */
    public String cookieName() {
      return OidcStates.cookieName(state);
    }
  }

  /** A stored login, as the launch's fallback paths need it. */
  public record Stored(
      long registrationId,
      Optional<String> storageTarget,
      Optional<String> loginParams,
      boolean expired,
      boolean consumed) {}

  /** Starts a login; in its own short transaction (nothing else happens at login). */
  @Transactional(TxType.NOT_SUPPORTED)
  public Issued issue(long registrationId, String storageTarget, String loginParams) {
    Issued issued = new Issued(random(), random(), random());
    LocalDateTime now = LocalDateTime.now(clock);
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(INSERT)) {
      s.setString(1, hash(issued.state()));
      s.setString(2, hash(issued.nonce()));
      s.setString(3, hash(issued.binding()));
      s.setLong(4, registrationId);
      s.setString(5, storageTarget);
      s.setString(6, loginParams);
      s.setTimestamp(7, Timestamp.valueOf(now));
      s.setTimestamp(8, Timestamp.valueOf(now.plus(LIFETIME)));
      s.executeUpdate();
      return issued;
    } catch (SQLException e) {
      throw new IllegalStateException("OIDC state store unavailable", e);
    }
  }

  /**
   * Uses up a login in the caller's transaction (the launch's): true if state, nonce, browser
   * binding and registration all match a live, unused row. A refused launch rolls back, so the row
   * stays usable for the genuine launch.
   */
  public boolean consume(String state, String nonce, String binding, long registrationId) {
    LocalDateTime now = LocalDateTime.now(clock);
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(CONSUME)) {
      s.setTimestamp(1, Timestamp.valueOf(now));
      s.setString(2, hash(state));
      s.setString(3, hash(nonce));
      s.setString(4, hash(binding));
      s.setLong(5, registrationId);
      s.setTimestamp(6, Timestamp.valueOf(now));
      return s.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new IllegalStateException("OIDC state store unavailable", e);
    }
  }

  /**
   * The same use of a login as {@link #consume}, as a statement for the one that also records the
   * launch ({@link ReturningLaunches}).
   */
  public ReturningLaunches.SingleUse claim(
      String state, String nonce, String binding, long registrationId) {
    Timestamp now = Timestamp.valueOf(LocalDateTime.now(clock));
    return ReturningLaunches.SingleUse.claim(
        CONSUME, List.of(now, hash(state), hash(nonce), hash(binding), registrationId, now));
  }

  /** Reads a login without using it up (to explain a refusal or continue without a cookie). */
  public Optional<Stored> find(String state) {
    if (state == null || state.isBlank()) {
      return Optional.empty();
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(FIND)) {
      s.setString(1, hash(state));
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        LocalDateTime now = LocalDateTime.now(clock);
        return Optional.of(
            new Stored(
                r.getLong(3),
                Optional.ofNullable(r.getString(4)),
                Optional.ofNullable(r.getString(5)),
                !r.getTimestamp(6).toLocalDateTime().isAfter(now),
                r.getTimestamp(7) != null));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("OIDC state store unavailable", e);
    }
  }

  /** Whether the nonce and binding given belong to this state (diagnosis only). */
  public boolean matches(String state, String nonce, String binding) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(FIND)) {
      s.setString(1, hash(state));
      try (ResultSet r = s.executeQuery()) {
        return r.next()
            && r.getString(1).equals(hash(nonce))
            && (binding == null || r.getString(2).equals(hash(binding)));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("OIDC state store unavailable", e);
    }
  }

  /** Deletes logins past their expiry; returns how many. */
  @Transactional(TxType.NOT_SUPPORTED)
  public int purgeExpired() {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(PURGE)) {
      s.setTimestamp(1, Timestamp.valueOf(LocalDateTime.now(clock)));
      return s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("OIDC state purge failed", e);
    }
  }

  /**
   * The binding cookie's name: per login (several tabs may launch at once), derived from the state
   * without revealing it.
   */
  public static String cookieName(String state) {
    return "lti13_" + hash(state).substring(0, 16);
  }

  /** The key under which the binding is kept in the platform's storage. */
  public static String storageKey(String state) {
    return cookieName(state);
  }

  static String random() {
    byte[] raw = new byte[32];
    RANDOM.nextBytes(raw);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
  }

  static String hash(String value) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
