package org.ltibridge.identity.control;

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
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.ltibridge.access.control.Actor;
import org.ltibridge.identity.entity.CreatorSession;
import org.ltibridge.identity.entity.CreatorUser;
import org.ltibridge.system.control.Housework;
import org.ltibridge.system.control.Randomness;

/**
 * Sessions of creators who came in through a Creator LTI launch. Third-party cookies are blocked in
 * LMS iframes, so the session is an opaque token that the framed page carries itself (a hidden form
 * field, an {@code Authorization: Bearer} header for its scripts), never a cookie and never a URL.
 * Only the token's SHA-256 is stored. Every use checks the creator and the organisation again, so
 * disabling either ends its sessions at the next request.
 */
@ApplicationScoped
public class CreatorSessions implements Housework {

  /** Longer than any token of ours: a longer value is no session and is not even hashed. */
  static final int MAX_TOKEN_LENGTH = 200;

  @PersistenceContext EntityManager em;
  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "lti-bridge.creator-session.ttl", defaultValue = "PT8H")
  Duration ttl;

  /** A new session: its token (to put in the page, once) and when it ends. */
  public record Issued(String token, LocalDateTime expiresAt) {
    @Override
    public String toString() {
      return "Issued[token=…, expiresAt=" + expiresAt + "]";
    }
  }

  /** Starts a session for a creator, in the caller's transaction (the launch's). */
  @Transactional(Transactional.TxType.MANDATORY)
  public Issued issue(CreatorUser creator) {
    String token = Randomness.token(32);
    LocalDateTime now = LocalDateTime.now(clock);
    LocalDateTime expiresAt = now.plus(ttl);
    em.persist(new CreatorSession(Randomness.hashOf(token), creator, now, expiresAt));
    return new Issued(token, expiresAt);
  }

  /**
   * The creator a token signs in: empty if it is no session, has expired, or its creator or their
   * organisation is disabled now.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Optional<Actor> open(String token) {
    if (token == null || token.isBlank() || token.length() > MAX_TOKEN_LENGTH) {
      return Optional.empty();
    }
    List<CreatorUser> found =
        em.createNamedQuery(CreatorSession.OPEN, CreatorUser.class)
            .setParameter("hash", Randomness.hashOf(token.strip()))
            .setParameter("now", LocalDateTime.now(clock))
            .getResultList();
    if (found.isEmpty() || !found.get(0).mayCreate()) {
      return Optional.empty();
    }
    return Optional.of(actorOf(found.get(0)));
  }

  /**
   * A Creator LTI creator as an actor: a creator of their organisation with no console account (the
   * account id is null), named by their email, as the audit log records them.
   */
  public static Actor actorOf(CreatorUser creator) {
    return new Actor(
        null, creator.email(), Actor.Role.CREATOR, creator.organization().id(), creator.id());
  }

  /** Deletes the sessions that have ended; returns how many. */
  @Transactional
  public int purgeExpired(LocalDateTime now) {
    return em.createNamedQuery(CreatorSession.PURGE).setParameter("now", now).executeUpdate();
  }

  /** Housekeeping's minutely share ({@link Housework}). */
  @Override
  @Transactional
  public int everyMinute(LocalDateTime now) {
    return purgeExpired(now);
  }

  @Override
  public String what() {
    return "creator sessions";
  }
}
