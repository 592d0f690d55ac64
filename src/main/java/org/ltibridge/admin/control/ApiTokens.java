package org.ltibridge.admin.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.ltibridge.access.control.Actor;
import org.ltibridge.admin.entity.ApiToken;
import org.ltibridge.identity.control.AdminAccounts;
import org.ltibridge.identity.control.CreatorSessions;
import org.ltibridge.identity.control.SignInThrottle;
import org.ltibridge.identity.entity.AdminUser;
import org.ltibridge.system.control.Problem;
import org.ltibridge.system.control.Randomness;

/**
 * Bearer tokens of the admin API (RFC 6750), for university IT that automates provisioning. A
 * console account whose one-time password has been changed trades its username and password for a
 * short-lived token; the same throttle as the console's sign-in counts the failures. Only the
 * token's SHA-256 is stored, and expired ones are deleted when the next token is issued; a disabled
 * account's tokens are deleted, and every use checks the account again, so disabling takes effect
 * at the next request.
 */
@ApplicationScoped
public class ApiTokens {

  private static final Logger LOG = Logger.getLogger(ApiTokens.class.getName());
  static final Problem.Text ERROR_WRONG = Problem.text("admin.ApiTokens.wrong");
  static final Problem.Text ERROR_ONE_TIME = Problem.text("admin.ApiTokens.oneTime");
  static final Problem.Text ERROR_LOCKED = Problem.text("admin.ApiTokens.locked");

  @PersistenceContext EntityManager em;
  @Inject AdminAccounts accounts;
  @Inject SignInThrottle throttle;
  @Inject CreatorSessions creatorSessions;
  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "lti-bridge.admin-api.token-ttl", defaultValue = "PT1H")
  Duration ttl;

  /** An issued token: its value (shown once) and lifetime. */
  public record Issued(String accessToken, long expiresIn) {}

  @Transactional
  public Issued issue(String username, String password) {
    String name = username == null ? "" : username.strip();
    Optional<Duration> locked = throttle.lockedFor(name);
    if (locked.isPresent()) {
      long minutes = Math.max(1, (locked.get().toSeconds() + 59) / 60);
      throw new Problem(429, Problem.text("title.tooManySignIns"), ERROR_LOCKED.with(minutes));
    }
    Optional<AdminUser> account = accounts.verify(name, password);
    if (account.isEmpty()) {
      throttle.failed(name);
      LOG.info("Admin API token refused");
      throw new Problem(401, Problem.text("title.notSignedIn"), ERROR_WRONG);
    }
    throttle.succeeded(name);
    AdminUser a = account.get();
    if (a.mustChangePassword()) {
      throw new Problem(401, Problem.text("title.notSignedIn"), ERROR_ONE_TIME);
    }
    String token = Randomness.token(32);
    LocalDateTime now = LocalDateTime.now(clock);
    // Expired tokens open nothing; they are cleared whenever a new one is issued, which keeps the
    // table as small as the number of tokens alive.
    purgeExpired(now);
    em.persist(new ApiToken(Randomness.hashOf(token), a.id(), now, now.plus(ttl)));
    em.find(AdminUser.class, a.id()).signedIn(now);
    LOG.info("Admin API token issued to '" + a.username() + "'");
    return new Issued(token, ttl.toSeconds());
  }

  /**
   * The actor behind an {@code Authorization} header: the account of an admin API token, or the
   * creator of a Creator LTI session ({@link CreatorSessions}, which the framed creator page's
   * scripts send); nobody if it carries no valid token.
   */
  public Actor actor(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Actor.ANONYMOUS;
    }
    String token = authorization.substring(7).strip();
    if (token.isEmpty() || token.length() > 200) {
      return Actor.ANONYMOUS;
    }
    // Two plain queries: an outer join beside a second range variable is where JPA providers
    // differ most in the SQL they write.
    List<Long> account =
        em.createQuery(
                "SELECT t.accountId FROM ApiToken t WHERE t.tokenHash = :h AND t.expiresAt > :now",
                Long.class)
            .setParameter("h", Randomness.hashOf(token))
            .setParameter("now", LocalDateTime.now(clock))
            .getResultList();
    if (account.isEmpty()) {
      return creatorSessions.open(token).orElse(Actor.ANONYMOUS);
    }
    List<Object[]> rows =
        em.createQuery(
                Callers.ACCOUNT + " WHERE a.id = :id AND a.mustChangePassword = FALSE",
                Object[].class)
            .setParameter("id", account.get(0))
            .getResultList();
    return rows.isEmpty() ? Actor.ANONYMOUS : Callers.actorOf(rows.get(0));
  }

  /** Revokes every token of one account (disabled, or signed out of the API). */
  @Transactional(Transactional.TxType.MANDATORY)
  public void revokeAll(Long accountId) {
    em.createQuery("DELETE FROM ApiToken t WHERE t.accountId = :a")
        .setParameter("a", accountId)
        .executeUpdate();
  }

  @Transactional
  int purgeExpired(LocalDateTime now) {
    return em.createQuery("DELETE FROM ApiToken t WHERE t.expiresAt < :now")
        .setParameter("now", now)
        .executeUpdate();
  }
}
