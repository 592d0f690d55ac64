package org.ltibridge.activity.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.ltibridge.activity.entity.Availability;
import org.ltibridge.activity.entity.PageToken;
import org.ltibridge.activity.entity.TokenKind;
import org.ltibridge.fastpath.Jdbc;
import org.ltibridge.system.control.DatabaseKind;
import org.ltibridge.system.control.Housework;
import org.ltibridge.system.control.Problem;
import org.ltibridge.system.control.Randomness;

/**
 * LAMB lti_landscape.md §10.2 tokens, kept in the database (a restart or a second instance does not
 * lose a launch in progress, §19 item 8). A token appears in a URL for exactly one request, the
 * first GET of its page ({@link #openPage}); afterwards the page sends it in a form body or an
 * {@code Authorization} header. Only hashes are stored; tokens are never logged.
 *
 * <p>Transactions are declared per method: the quick openings run outside JTA and without its
 * interceptor, which on the chat page's first GET cost more than the statement itself.
 */
@ApplicationScoped
public class PageTokens implements Housework {

  static final Problem.Text ERROR_MISSING = Problem.text("activity.PageTokens.missing");
  static final Problem.Text ERROR_UNKNOWN = Problem.text("activity.PageTokens.unknown");
  static final Problem.Text ERROR_WRONG_KIND = Problem.text("activity.PageTokens.wrongKind");
  static final Problem.Text ERROR_EXPIRED = Problem.text("activity.PageTokens.expired");
  static final Problem.Text ERROR_USED = Problem.text("activity.PageTokens.used");
  static final Problem.Text ERROR_OPENED = Problem.text("activity.PageTokens.opened");

  private static final Logger LOG = Logger.getLogger(PageTokens.class.getName());

  /**
   * Opens a live, unopened token of a kind whose activity may be used now ({@link
   * Availability#USABLE_SQL}), changing one row or none. Parameters: opened at, hash, kind, now.
   */
  static final String OPEN =
      "UPDATE page_tokens SET opened_at = ? WHERE token_hash = ? AND kind = ?"
          + " AND opened_at IS NULL AND consumed_at IS NULL AND expires_at > ?"
          + " AND EXISTS (SELECT 1 FROM lti_activities a JOIN organizations o"
          + " ON o.id = a.organization_id WHERE a.id = page_tokens.activity_id AND "
          + Availability.USABLE_SQL
          + ")";

  static final String IDS = "SELECT activity_id, activity_user_id FROM page_tokens";

  @PersistenceContext EntityManager em;
  @Inject Clock clock;
  @Inject DatabaseKind database;

  @Resource(lookup = "java:comp/env/jdbc/app")
  DataSource dataSource;

  public PageTokens() {}

  /** Outside CDI (tests): the quick openings only, without JPA. */
  public PageTokens(DataSource dataSource, Clock clock, DatabaseKind database) {
    this.dataSource = dataSource;
    this.clock = clock;
    this.database = database;
  }

  /** The activity and activity user a page token was issued for. */
  public record Holder(long activityId, long activityUserId) {}

  /** Creates a token; returns the only copy of its raw value. */
  @Transactional
  public String issue(TokenKind kind, Long activityId, Long activityUserId, String payload) {
    String token = newToken();
    em.persist(new PageToken(hash(token), kind, activityId, activityUserId, payload, now()));
    return token;
  }

  /** A fresh random token value (32 bytes, URL-safe); only its {@link #hash} may be stored. */
  public static String newToken() {
    return Randomness.token(32);
  }

  /**
   * The first GET of a page: accepts the token from the URL once, so a URL copied from history or a
   * log is worthless.
   */
  @Transactional
  public PageToken openPage(String token, TokenKind kind) {
    PageToken found = require(token, kind);
    int opened =
        em.createQuery(
                "UPDATE PageToken t SET t.openedAt = :now WHERE t.tokenHash = :hash"
                    + " AND t.openedAt IS NULL")
            .setParameter("now", now())
            .setParameter("hash", hash(normalise(token)))
            .executeUpdate();
    if (opened != 1) {
      throw Problem.gone(ERROR_OPENED);
    }
    return found;
  }

  /**
   * {@link #openPage} for the hottest page (every student launch lands on the chat) in one database
   * round trip and without JTA or JPA: empty when the token is not a live, unopened token of this
   * kind for an activity user of a usable activity ({@link Availability}), or the database fails.
   * Nothing is changed then, and the caller takes {@link #openPage}, which refuses the token with
   * its reason.
   */
  @Transactional(Transactional.TxType.NOT_SUPPORTED)
  public Optional<Holder> openQuickly(String token, TokenKind kind) {
    if (normalise(token) == null) {
      return Optional.empty();
    }
    try (Connection c = dataSource.getConnection()) {
      return openQuickly(c, token, kind);
    } catch (SQLException e) {
      LOG.log(Level.FINE, "Opening a page token falls back to the full way", e);
      return Optional.empty();
    }
  }

  /**
   * The same on the caller's connection (in auto-commit mode), for a caller that reads more on it.
   * Empty also when the database fails.
   */
  public Optional<Holder> openQuickly(Connection c, String token, TokenKind kind) {
    Optional<Opening> opening = opening(token, kind);
    if (opening.isEmpty()) {
      return Optional.empty();
    }
    Object[] values = opening.get().values().toArray();
    try {
      return database.isPostgres()
          ? returning(c, opening.get().sql(), values)
          : updateThenRead(c, values);
    } catch (SQLException e) {
      LOG.log(Level.FINE, "Opening a page token falls back to the full way", e);
      return Optional.empty();
    }
  }

  /**
   * The statement that opens a live, unopened token of a kind, on PostgreSQL: {@code UPDATE ...
   * RETURNING activity_id, activity_user_id}, one row when it opened the token now, none otherwise
   * (nothing changed then). A caller may run it as a data-modifying WITH query that reads more in
   * the same statement. Empty for a missing token.
   */
  public Optional<Opening> opening(String token, TokenKind kind) {
    String normalised = normalise(token);
    if (normalised == null) {
      return Optional.empty();
    }
    Timestamp now = Timestamp.valueOf(now());
    return Optional.of(
        new Opening(
            OPEN + " RETURNING activity_id, activity_user_id",
            List.of(now, hash(normalised), kind.name(), now)));
  }

  /** {@link #opening}'s statement and its parameters. */
  public record Opening(String sql, List<Object> values) {}

  private static Optional<Holder> returning(Connection c, String sql, Object[] values)
      throws SQLException {
    try (PreparedStatement s = Jdbc.bind(c.prepareStatement(sql), values);
        ResultSet r = s.executeQuery()) {
      return holder(r);
    }
  }

  /** Other databases: the same change and a read of the ids, in one local transaction. */
  private static Optional<Holder> updateThenRead(Connection c, Object[] values)
      throws SQLException {
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      int changed;
      try (PreparedStatement s = Jdbc.bind(c.prepareStatement(OPEN), values)) {
        changed = s.executeUpdate();
      }
      Optional<Holder> holder = Optional.empty();
      if (changed == 1) {
        try (PreparedStatement s =
                Jdbc.bind(
                    c.prepareStatement(IDS + " WHERE token_hash = ?"), new Object[] {values[1]});
            ResultSet r = s.executeQuery()) {
          holder = holder(r);
        }
      }
      if (holder.isPresent()) {
        c.commit();
      } else {
        c.rollback();
      }
      return holder;
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }

  /** The row's ids, if there is a row and it names both (a chat or consent token does). */
  private static Optional<Holder> holder(ResultSet r) throws SQLException {
    if (!r.next()) {
      return Optional.empty();
    }
    long activityId = r.getLong(1);
    boolean activityNull = r.wasNull();
    long userId = r.getLong(2);
    return activityNull || r.wasNull()
        ? Optional.empty()
        : Optional.of(new Holder(activityId, userId));
  }

  /** A live token of the expected kind (not expired, not used up). */
  @Transactional(Transactional.TxType.SUPPORTS)
  public PageToken require(String token, TokenKind kind) {
    String normalised = normalise(token);
    if (normalised == null) {
      throw Problem.unauthorized(ERROR_MISSING);
    }
    PageToken found = em.find(PageToken.class, hash(normalised));
    if (found == null) {
      throw Problem.unauthorized(ERROR_UNKNOWN);
    }
    if (found.kind() != kind) {
      throw Problem.forbidden(ERROR_WRONG_KIND);
    }
    if (!found.expiresAt().isAfter(now())) {
      throw Problem.gone(ERROR_EXPIRED);
    }
    if (found.isConsumed()) {
      throw Problem.gone(ERROR_USED);
    }
    return found;
  }

  /**
   * Uses up a single-use token, atomically: of two simultaneous submissions exactly one wins, the
   * other gets 410.
   */
  @Transactional
  public PageToken consume(String token, TokenKind kind) {
    PageToken found = require(token, kind);
    int used =
        em.createQuery(
                "UPDATE PageToken t SET t.consumedAt = :now WHERE t.tokenHash = :hash"
                    + " AND t.consumedAt IS NULL AND t.expiresAt > :now")
            .setParameter("now", now())
            .setParameter("hash", hash(normalise(token)))
            .executeUpdate();
    if (used != 1) {
      throw Problem.gone(ERROR_USED);
    }
    return found;
  }

  /**
   * Deletes tokens that expired more than {@link #KEEP_EXPIRED} ago (kept that long so that a late
   * click says "expired" rather than "not valid"). Every launch issues a token, so this keeps the
   * table at (launch rate x token lifetime).
   */
  @Transactional
  public int purgeExpired() {
    return em.createQuery("DELETE FROM PageToken t WHERE t.expiresAt < :cutoff")
        .setParameter("cutoff", now().minus(KEEP_EXPIRED))
        .executeUpdate();
  }

  static final java.time.Duration KEEP_EXPIRED = java.time.Duration.ofMinutes(30);

  /**
   * The one reading of a token as received, for every way a page token is opened, required or used
   * up (the quick ways and the full ways must agree on which row a token names): surrounding
   * whitespace is not part of a token (a value copied from a URL or an {@code Authorization} header
   * may carry it; {@link #newToken} never contains any), and a null or blank value is no token at
   * all ({@code null}). The value is not otherwise changed: tokens are case-sensitive.
   */
  public static String normalise(String token) {
    return token == null || token.isBlank() ? null : token.strip();
  }

  /** What is stored of a token: its SHA-256, in hex (of the raw token; see {@link #normalise}). */
  public static String hash(String token) {
    return Randomness.hashOf(token);
  }

  private LocalDateTime now() {
    return LocalDateTime.now(clock);
  }

  /** Housekeeping's minutely share ({@link Housework}). */
  @Override
  @Transactional
  public int everyMinute(LocalDateTime now) {
    return purgeExpired();
  }

  @Override
  public String what() {
    return "page tokens";
  }
}
