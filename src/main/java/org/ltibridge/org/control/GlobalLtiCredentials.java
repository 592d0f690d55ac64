package org.ltibridge.org.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.ltibridge.org.entity.GlobalLtiConfig;
import org.ltibridge.system.control.Problem;
import org.ltibridge.system.control.Randomness;
import org.ltibridge.system.control.SecretBox;
import org.ltibridge.system.control.UniqueViolation;

/**
 * The Unified LTI key and secret (LAMB lti_landscape.md §7.1, §14.3): the database row when a
 * system admin has set one, else {@code LTI_GLOBAL_CONSUMER_KEY}/{@code LTI_GLOBAL_SECRET}; with
 * neither, a secret is generated at first start and stored encrypted, visible only to a signed-in
 * system admin. Read on every launch, hence a short in-memory cache (instances converge within
 * {@link #CACHE_MILLIS}).
 */
@ApplicationScoped
public class GlobalLtiCredentials {

  private static final Logger LOG = Logger.getLogger(GlobalLtiCredentials.class.getName());
  static final long CACHE_MILLIS = 5_000;
  static final String DEFAULT_KEY = "lti-bridge";
  static final Problem.Text ERROR_KEY = Problem.text("org.GlobalLtiCredentials.key");
  static final Problem.Text ERROR_SECRET = Problem.text("org.GlobalLtiCredentials.secret");

  @PersistenceContext EntityManager em;
  @Inject SecretBox secrets;
  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "LTI_GLOBAL_CONSUMER_KEY")
  Optional<String> envKey;

  @Inject
  @ConfigProperty(name = "LTI_GLOBAL_SECRET")
  Optional<String> envSecret;

  private volatile Cached cached;

  /** The credentials in force and where they come from. */
  public record Credentials(String consumerKey, String secret, Source source) {}

  public enum Source {
    DATABASE,
    ENVIRONMENT
  }

  private record Cached(Credentials credentials, long until) {}

  public Credentials current() {
    Cached c = cached;
    if (c != null && c.until > System.currentTimeMillis()) {
      return c.credentials;
    }
    Credentials fresh = load();
    cached = new Cached(fresh, System.currentTimeMillis() + CACHE_MILLIS);
    return fresh;
  }

  public String consumerKey() {
    return current().consumerKey();
  }

  public Optional<String> secretFor(String consumerKey) {
    Credentials c = current();
    boolean same =
        MessageDigest.isEqual(
            c.consumerKey().getBytes(StandardCharsets.UTF_8),
            consumerKey.getBytes(StandardCharsets.UTF_8));
    // An empty secret would let anybody sign: treat it as "no such consumer".
    return same && !c.secret().isEmpty() ? Optional.of(c.secret()) : Optional.empty();
  }

  /** At first start: make sure a secret exists, generating one if nobody configured any. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void ensureConfigured() {
    if (em.find(GlobalLtiConfig.class, GlobalLtiConfig.SINGLETON_ID) != null
        || envSecret.filter(s -> !s.isBlank()).isPresent()) {
      return;
    }
    byte[] raw = new byte[24];
    Randomness.SECURE.nextBytes(raw);
    String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    try {
      em.persist(
          new GlobalLtiConfig(
              envKey.filter(k -> !k.isBlank()).orElse(DEFAULT_KEY),
              secrets.encrypt(generated),
              LocalDateTime.now(clock),
              "generated at first start"));
      em.flush();
      LOG.info(
          "No LTI_GLOBAL_SECRET configured: generated one; a system admin can read it in the"
              + " console at /admin");
    } catch (RuntimeException e) {
      if (!UniqueViolation.isCauseOf(e)) {
        throw e;
      }
      // Another instance generated it first: theirs is the secret.
    }
  }

  /** A system admin sets the key and secret (database over environment from now on). */
  @Transactional
  public void change(String consumerKey, String secret, String changedBy) {
    if (consumerKey == null
        || consumerKey.isBlank()
        || consumerKey.length() > 200
        || !consumerKey.strip().chars().allMatch(ch -> ch > 32 && ch < 127)) {
      throw Problem.badRequest(ERROR_KEY);
    }
    if (secret == null || secret.strip().length() < 16) {
      throw Problem.badRequest(ERROR_SECRET);
    }
    GlobalLtiConfig row = em.find(GlobalLtiConfig.class, GlobalLtiConfig.SINGLETON_ID);
    LocalDateTime now = LocalDateTime.now(clock);
    String sealed = secrets.encrypt(secret.strip());
    if (row == null) {
      em.persist(new GlobalLtiConfig(consumerKey.strip(), sealed, now, changedBy));
    } else {
      row.change(consumerKey.strip(), sealed, now, changedBy);
    }
    cached = null;
  }

  /** Who changed the database row last and when, if there is one. */
  public Optional<GlobalLtiConfig> stored() {
    return Optional.ofNullable(em.find(GlobalLtiConfig.class, GlobalLtiConfig.SINGLETON_ID));
  }

  private Credentials load() {
    GlobalLtiConfig row = em.find(GlobalLtiConfig.class, GlobalLtiConfig.SINGLETON_ID);
    if (row != null) {
      return new Credentials(
          row.consumerKey(), secrets.decrypt(row.consumerSecretEncrypted()), Source.DATABASE);
    }
    return new Credentials(
        envKey.filter(k -> !k.isBlank()).map(String::strip).orElse(DEFAULT_KEY),
        envSecret.filter(s -> !s.isBlank()).orElse(""),
        Source.ENVIRONMENT);
  }
}
