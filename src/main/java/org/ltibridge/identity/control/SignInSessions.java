package org.ltibridge.identity.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.ltibridge.identity.entity.SignInSession;
import org.ltibridge.system.control.Housework;
import org.ltibridge.system.control.Randomness;

/**
 * Sign-ins to the consoles and the learner pages, kept in the database so that every instance
 * behind a load balancer recognises them without sticky sessions. A sign-in is an opaque random
 * token (the cookie {@link SignInCookie}); only its SHA-256 is stored. It ends after {@code
 * lti-bridge.sign-in.idle} without use, at {@code lti-bridge.sign-in.lifetime} at the latest, and
 * at sign-out (OWASP Session Management Cheat Sheet, "Session Expiration").
 */
@ApplicationScoped
public class SignInSessions implements Housework {

  /** Longer than any token of ours: a longer value is no sign-in and is not even hashed. */
  static final int MAX_TOKEN_LENGTH = 200;

  /** A used session's idle timeout is written at most this often, not on every request. */
  static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

  @PersistenceContext EntityManager em;
  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "lti-bridge.sign-in.idle", defaultValue = "PT30M")
  Duration idle;

  @Inject
  @ConfigProperty(name = "lti-bridge.sign-in.lifetime", defaultValue = "PT12H")
  Duration lifetime;

  /** An open sign-in: who, and which identity store says again whether they still may. */
  public record Open(String caller, String realm) {}

  /** Starts a sign-in for {@code caller}; answers its token, to be given to the browser once. */
  @Transactional
  public String start(String caller, String realm) {
    String token = Randomness.token(32);
    LocalDateTime now = LocalDateTime.now(clock);
    em.persist(
        new SignInSession(
            Randomness.hashOf(token), caller, realm, now, now.plus(idle), now.plus(lifetime)));
    return token;
  }

  /** The sign-in a token stands for, if it has not ended; moves its idle timeout on. */
  @Transactional
  public Optional<Open> open(String token) {
    if (token == null || token.isBlank() || token.length() > MAX_TOKEN_LENGTH) {
      return Optional.empty();
    }
    String hash = Randomness.hashOf(token);
    LocalDateTime now = LocalDateTime.now(clock);
    Optional<SignInSession> found =
        em.createNamedQuery(SignInSession.OPEN, SignInSession.class)
            .setParameter("hash", hash)
            .setParameter("now", now)
            .getResultStream()
            .findFirst();
    found
        .filter(s -> s.expiresAt().isBefore(now.plus(idle).minus(TOUCH_EVERY)))
        .ifPresent(
            s -> {
              LocalDateTime next = now.plus(idle);
              em.createNamedQuery(SignInSession.TOUCH)
                  .setParameter("expiresAt", next.isAfter(s.endsAt()) ? s.endsAt() : next)
                  .setParameter("hash", hash)
                  .executeUpdate();
            });
    return found.map(s -> new Open(s.caller(), s.realm()));
  }

  /** Ends the sign-in a token stands for (sign-out; an account no longer allowed). */
  @Transactional
  public void end(String token) {
    if (token == null || token.isBlank() || token.length() > MAX_TOKEN_LENGTH) {
      return;
    }
    em.createNamedQuery(SignInSession.END)
        .setParameter("hash", Randomness.hashOf(token))
        .executeUpdate();
  }

  /**
   * Ends every other sign-in of {@code caller} in {@code realm}, keeping the one {@code keptToken}
   * stands for (a changed password: whoever signed in with the old one is out; OWASP Session
   * Management Cheat Sheet, "Renew the session ID after any privilege level change"). Answers how
   * many ended.
   */
  @Transactional
  public int endOthers(String caller, String realm, String keptToken) {
    return em.createNamedQuery(SignInSession.END_OTHERS)
        .setParameter("caller", caller)
        .setParameter("realm", realm)
        .setParameter("kept", keptToken == null ? "" : Randomness.hashOf(keptToken))
        .executeUpdate();
  }

  /** Housekeeping's minutely share ({@link Housework}). */
  @Override
  @Transactional
  public int everyMinute(LocalDateTime now) {
    return em.createNamedQuery(SignInSession.PURGE).setParameter("now", now).executeUpdate();
  }

  @Override
  public String what() {
    return "sign-in sessions";
  }
}
