package org.ltibridge.lti13.tool.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.ltibridge.activity.control.ReturningLaunches;
import org.ltibridge.fastpath.Jdbc;
import org.ltibridge.fastpath.SingleUse;
import org.ltibridge.system.boundary.JsonValues;
import org.ltibridge.system.control.DatabaseKind;
import org.ltibridge.system.control.Housework;
import org.ltibridge.system.control.Randomness;
import org.ltibridge.system.control.SecretBox;
import org.ltibridge.system.control.UniqueViolation;

/**
 * The state of an OIDC third-party-initiated login (LTI 1.3 Security Framework §5.1.1). Each login
 * gets three random values: {@code state} and {@code nonce} (sent to the platform) and a browser
 * {@code binding} (kept by the browser in a cookie, or in the platform's storage).
 *
 * <p>The login writes nothing: the state itself carries what the launch needs, sealed with the
 * application's key ({@link SecretBox}: AES-GCM, so it can be neither read nor forged): the
 * registration, the expiry, the SHA-256 of nonce and binding, and the storage target and login
 * hints the no-cookie fallbacks need. Any instance holding the key opens it, also after a restart.
 * The launch uses the login up by inserting the state's SHA-256 (primary key), which makes state
 * and nonce single-use across instances; those rows are purged after the login's expiry. A login
 * costs no database work, and nobody can fill a table by starting logins.
 */
@ApplicationScoped
public class OidcStates implements Housework {

  /** How long a login may take at the platform before its launch is refused. */
  public static final Duration LIFETIME = Duration.ofMinutes(10);

  /**
   * Login hints longer than this are not carried (the state travels in URLs): such a login still
   * launches, only the no-cookie new-window fallback cannot start it again.
   */
  static final int MAX_HINTS = 2000;

  private static final String TABLE = "lti13_oidc_states";
  private static final List<String> COLUMNS =
      List.of(
          "state_hash",
          "nonce_hash",
          "binding_hash",
          "registration_id",
          "created_at",
          "expires_at",
          "consumed_at");
  private static final String USED = "SELECT 1 FROM lti13_oidc_states WHERE state_hash = ?";
  private static final String PURGE = "DELETE FROM lti13_oidc_states WHERE expires_at < ?";

  @Resource(lookup = "java:comp/env/jdbc/app")
  DataSource dataSource;

  @Inject Clock clock;
  @Inject SecretBox box;
  @Inject DatabaseKind database;

  /** The values of a new login; the raw nonce and binding exist only here and in the browser. */
  public record Issued(String state, String nonce, String binding) {

    /** Name of the cookie that binds this login to the browser. */
    public String cookieName() {
      return OidcStates.cookieName(state);
    }
  }

  /** A login, as the launch's fallback paths need it. */
  public record Stored(
      long registrationId,
      Optional<String> storageTarget,
      Optional<String> loginParams,
      boolean expired,
      boolean consumed) {}

  /** What a state carries. */
  record Login(
      long registrationId,
      long expiresAt,
      String nonceHash,
      String bindingHash,
      Optional<String> storageTarget,
      Optional<String> loginParams) {

    boolean expiredAt(Instant now) {
      return expiresAt <= now.getEpochSecond();
    }
  }

  /** Starts a login. */
  public Issued issue(long registrationId, String storageTarget, String loginParams) {
    String nonce = random();
    String binding = random();
    JsonObjectBuilder sealed =
        JsonValues.object()
            .add("r", registrationId)
            .add("e", clock.instant().plus(LIFETIME).getEpochSecond())
            .add("n", hash(nonce))
            .add("b", hash(binding));
    if (storageTarget != null) {
      sealed.add("s", storageTarget);
    }
    if (loginParams != null && loginParams.length() <= MAX_HINTS) {
      sealed.add("p", loginParams);
    }
    byte[] payload = sealed.build().toString().getBytes(StandardCharsets.UTF_8);
    String state = Base64.getUrlEncoder().withoutPadding().encodeToString(box.seal(payload));
    return new Issued(state, nonce, binding);
  }

  /** What the state carries, if LTI Bridge sealed it (with the key it has now). */
  Optional<Login> open(String state) {
    if (state == null || state.isBlank() || state.length() > 8192) {
      return Optional.empty();
    }
    byte[] sealed;
    try {
      sealed = Base64.getUrlDecoder().decode(state.strip());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    return box.open(sealed).map(OidcStates::login);
  }

  private static Login login(byte[] payload) {
    try (JsonReader reader =
        JsonValues.reader(new java.io.StringReader(new String(payload, StandardCharsets.UTF_8)))) {
      JsonObject o = reader.readObject();
      return new Login(
          o.getJsonNumber("r").longValue(),
          o.getJsonNumber("e").longValue(),
          o.getString("n"),
          o.getString("b"),
          Optional.ofNullable(o.getString("s", null)),
          Optional.ofNullable(o.getString("p", null)));
    }
  }

  /**
   * Uses up a login in the caller's transaction (the launch's): true if state, nonce, browser
   * binding and registration all match a live login not used before. A refused launch rolls back,
   * so the login stays usable for the genuine launch.
   */
  public boolean consume(String state, String nonce, String binding, long registrationId) {
    Optional<SingleUse> use = claim(state, nonce, binding, registrationId);
    if (use.isEmpty()) {
      return false;
    }
    boolean postgres = database.isPostgres();
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                use.get().statement() + (postgres ? " ON CONFLICT DO NOTHING" : ""))) {
      Jdbc.bind(s, use.get().values().toArray());
      return s.executeUpdate() == 1;
    } catch (SQLException e) {
      if (!postgres && UniqueViolation.isCauseOf(e)) {
        return false; // used before (on PostgreSQL, no row inserted says so)
      }
      throw new IllegalStateException("OIDC state store unavailable", e);
    }
  }

  /**
   * The same use of a login as {@link #consume}, as a statement for the one that also records the
   * launch ({@link ReturningLaunches}); empty when the login does not match (nothing to write).
   */
  public Optional<SingleUse> claim(
      String state, String nonce, String binding, long registrationId) {
    Instant now = clock.instant();
    return open(state)
        .filter(
            l ->
                !l.expiredAt(now)
                    && l.registrationId() == registrationId
                    && nonce != null
                    && l.nonceHash().equals(hash(nonce))
                    && binding != null
                    && l.bindingHash().equals(hash(binding)))
        .map(l -> used(state, l, now));
  }

  /** The row whose insertion uses the login up (kept until the login's expiry). */
  static SingleUse used(String state, Login login, Instant now) {
    Timestamp at = Timestamp.valueOf(LocalDateTime.ofInstant(now, ZoneOffset.UTC));
    Timestamp expires =
        Timestamp.valueOf(
            LocalDateTime.ofInstant(Instant.ofEpochSecond(login.expiresAt()), ZoneOffset.UTC));
    return SingleUse.insert(
        TABLE,
        COLUMNS,
        List.of(
            hash(state),
            login.nonceHash(),
            login.bindingHash(),
            login.registrationId(),
            at,
            expires,
            at),
        1);
  }

  /** Reads a login without using it up (to explain a refusal or continue without a cookie). */
  public Optional<Stored> find(String state) {
    Optional<Login> login = open(state);
    if (login.isEmpty()) {
      return Optional.empty();
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(USED)) {
      s.setString(1, hash(state));
      try (ResultSet r = s.executeQuery()) {
        Login l = login.get();
        return Optional.of(
            new Stored(
                l.registrationId(),
                l.storageTarget(),
                l.loginParams(),
                l.expiredAt(clock.instant()),
                r.next()));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("OIDC state store unavailable", e);
    }
  }

  /** Whether the nonce and binding given belong to this state (diagnosis only). */
  public boolean matches(String state, String nonce, String binding) {
    return open(state)
        .filter(
            l ->
                nonce != null
                    && l.nonceHash().equals(hash(nonce))
                    && (binding == null || l.bindingHash().equals(hash(binding))))
        .isPresent();
  }

  /** Deletes used logins past their expiry; returns how many. */
  @Transactional(TxType.NOT_SUPPORTED)
  public int purgeExpired() {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(PURGE)) {
      s.setTimestamp(
          1, Timestamp.valueOf(LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)));
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
    return Randomness.token(32);
  }

  static String hash(String value) {
    return Randomness.hashOf(value);
  }

  /** Housekeeping's minutely share ({@link Housework}). */
  @Override
  @Transactional(TxType.NOT_SUPPORTED)
  public int everyMinute(LocalDateTime now) {
    return purgeExpired();
  }

  @Override
  public String what() {
    return "LTI 1.3 logins";
  }
}
