package org.ltibridge.keys.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.TransactionalException;
import java.text.ParseException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.ltibridge.keys.entity.SigningKeyRow;
import org.ltibridge.system.control.Housework;
import org.ltibridge.system.control.SecretBox;
import org.ltibridge.system.control.UniqueViolation;

/**
 * LTI Bridge's own signing keys (RS256): everything it signs as a platform or as a tool goes
 * through {@link #sign}, and {@link #publishedKeys} is the one keyset it publishes.
 *
 * <p>Keys are parsed once and held in memory; the table is re-read at most every {@code refresh}
 * (and at once after a rotation here), so the signing path touches no database. Which key signs is
 * decided by the clock against the stored times ({@link KeySchedule}), so all instances switch at
 * the same moment, and a key is always published before that moment by more than one refresh.
 */
@ApplicationScoped
public class SigningKeys implements Housework {

  private static final Logger LOG = Logger.getLogger(SigningKeys.class.getName());
  private static final Duration MAX_REFRESH = Duration.ofSeconds(30);

  @Inject KeyStore store;
  @Inject SecretBox secrets;

  @Inject
  @ConfigProperty(name = "lti-bridge.keys.rotate-every", defaultValue = "P90D")
  Duration rotateEvery;

  @Inject
  @ConfigProperty(name = "lti-bridge.keys.publish-ahead", defaultValue = "PT24H")
  Duration publishAhead;

  @Inject
  @ConfigProperty(name = "lti-bridge.keys.retain-after", defaultValue = "PT2H")
  Duration retainAfter;

  private KeySchedule schedule;
  private Duration refresh;
  private volatile Snapshot snapshot = new Snapshot(List.of(), LocalDateTime.MIN);

  /** One parsed key with its signer, built once. */
  public record Loaded(KeySchedule.Times times, RSAKey key, JWSSigner signer) {}

  private record Snapshot(List<Loaded> keys, LocalDateTime loadedAt) {
    List<KeySchedule.Times> times() {
      return keys.stream().map(Loaded::times).toList();
    }
  }

  @PostConstruct
  void init() {
    schedule = new KeySchedule(rotateEvery, publishAhead, retainAfter);
    Duration half = publishAhead.dividedBy(2);
    refresh = half.compareTo(MAX_REFRESH) < 0 ? half : MAX_REFRESH;
  }

  /** Signs with the key that signs now: RS256, header {@code kid} and {@code typ: JWT}. */
  public String sign(JWTClaimsSet claims) {
    Loaded key = signingKey();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(key.key().getKeyID())
                .type(JOSEObjectType.JWT)
                .build(),
            claims);
    try {
      jwt.sign(key.signer());
    } catch (JOSEException e) {
      throw new IllegalStateException("Signing failed", e);
    }
    return jwt.serialize();
  }

  /** Public keys published now: a waiting key, the signing key, recently retired keys. */
  public JWKSet publishedKeys() {
    Snapshot s = current();
    List<KeySchedule.Times> published = schedule.published(s.times(), store.now());
    return new JWKSet(
        s.keys().stream()
            .filter(k -> published.contains(k.times()))
            .map(k -> (com.nimbusds.jose.jwk.JWK) k.key().toPublicJWK())
            .toList());
  }

  /** The published public key with this kid. */
  public Optional<RSAKey> publicKey(String kid) {
    Snapshot s = current();
    List<KeySchedule.Times> published = schedule.published(s.times(), store.now());
    return s.keys().stream()
        .filter(k -> k.times().kid().equals(kid) && published.contains(k.times()))
        .map(k -> k.key().toPublicJWK())
        .findFirst();
  }

  /** How long a client may cache the keyset: well under the time a new key waits to sign. */
  public Duration cacheFor() {
    Duration half = publishAhead.dividedBy(2);
    Duration fiveMinutes = Duration.ofMinutes(5);
    return half.compareTo(fiveMinutes) < 0 ? half : fiveMinutes;
  }

  /** The key ids and times, oldest first, for the console. */
  public List<KeySchedule.Times> schedule() {
    return current().times();
  }

  /** The kid of the key that signs now. */
  public String signingKid() {
    return signingKey().key().getKeyID();
  }

  /**
   * An admin's rotation: a new key is published now and signs after {@code publish-ahead}. Returns
   * the kid of the waiting key (an existing one if a rotation is already under way).
   */
  public String rotate() {
    List<KeySchedule.Times> times = reload().times();
    schedule
        .requestedNext(times, store.now())
        .ifPresent(from -> create(times.isEmpty() ? 1 : last(times).generation() + 1, from));
    return last(reload().times()).kid();
  }

  /**
   * The scheduled work (start-up and every minute): create the first key or the next one when due,
   * delete keys whose tokens have all expired.
   */
  public void maintain() {
    List<KeySchedule.Times> times = reload().times();
    LocalDateTime now = store.now();
    Optional<LocalDateTime> next = schedule.scheduledNext(times, now);
    if (next.isPresent()) {
      create(times.isEmpty() ? 1 : last(times).generation() + 1, next.get());
      times = reload().times();
    }
    List<String> expired =
        schedule.expired(times, now).stream().map(KeySchedule.Times::kid).toList();
    if (store.delete(expired) > 0) {
      LOG.info(() -> "Deleted retired signing keys " + expired);
      reload();
    }
  }

  private Loaded signingKey() {
    Snapshot s = current();
    LocalDateTime now = store.now();
    Optional<KeySchedule.Times> signing = schedule.signing(s.times(), now);
    if (signing.isEmpty()) {
      maintain();
      s = snapshot;
      signing = schedule.signing(s.times(), now);
    }
    KeySchedule.Times chosen =
        signing.orElseThrow(() -> new IllegalStateException("No signing key is available"));
    return s.keys().stream().filter(k -> k.times().equals(chosen)).findFirst().orElseThrow();
  }

  private Snapshot current() {
    Snapshot s = snapshot;
    if (s.loadedAt().plus(refresh).isBefore(store.now())) {
      synchronized (this) {
        s = snapshot;
        if (s.loadedAt().plus(refresh).isBefore(store.now())) {
          s = reload();
        }
      }
    }
    return s;
  }

  private synchronized Snapshot reload() {
    LocalDateTime at = store.now();
    List<Loaded> keys = store.all().stream().map(this::parse).toList();
    Snapshot s = new Snapshot(keys, at);
    snapshot = s;
    return s;
  }

  private Loaded parse(SigningKeyRow row) {
    try {
      RSAKey key = RSAKey.parse(secrets.decrypt(row.privateJwkEncrypted()));
      return new Loaded(
          new KeySchedule.Times(row.kid(), row.generation(), row.signsFrom()),
          key,
          new RSASSASigner(key));
    } catch (ParseException | JOSEException e) {
      throw new IllegalStateException("Stored signing key " + row.kid() + " is unreadable", e);
    }
  }

  private void create(int generation, LocalDateTime signsFrom) {
    try {
      RSAKey generated =
          new RSAKeyGenerator(2048)
              .keyUse(KeyUse.SIGNATURE)
              .algorithm(JWSAlgorithm.RS256)
              .keyIDFromThumbprint(true)
              .generate();
      store.insert(
          new SigningKeyRow(
              generated.getKeyID(),
              generation,
              generated.toPublicJWK().toJSONString(),
              secrets.encrypt(generated.toJSONString()),
              store.now(),
              signsFrom));
      LOG.info(
          () ->
              "Published signing key "
                  + generated.getKeyID()
                  + " (generation "
                  + generation
                  + "), signing from "
                  + signsFrom
                  + " UTC");
    } catch (JOSEException e) {
      throw new IllegalStateException("Cannot generate an RSA key", e);
    } catch (PersistenceException | TransactionalException e) {
      if (!UniqueViolation.isCauseOf(e)) {
        throw e;
      }
      // Another instance created this generation at the same moment: theirs is the one.
    }
  }

  private static KeySchedule.Times last(List<KeySchedule.Times> times) {
    return times.get(times.size() - 1);
  }

  /** Housekeeping's minutely share ({@link Housework}). */
  @Override
  public int everyMinute(LocalDateTime now) {
    maintain();
    return 0;
  }

  @Override
  public String what() {
    return "signing keys";
  }
}
