package org.ltibridge.lti11.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.ltibridge.lti11.control.OAuthSignature.Method;
import org.ltibridge.system.control.Problem;
import org.ltibridge.system.control.Randomness;

/**
 * Verifies an OAuth 1.0a signed request (RFC 5849, as profiled by LTI 1.1 §4): required parameters,
 * consumer key, timestamp window, HMAC-SHA1/HMAC-SHA256 signature compared in constant time, and a
 * nonce that was never seen before. The nonce is recorded last, so only a request that is valid in
 * every other respect can use one up.
 */
@ApplicationScoped
public class OAuth1Verifier {

  public static final Problem.Text ERROR_MISSING = Problem.text("lti11.OAuth1Verifier.missing");
  static final Problem.Text ERROR_DUPLICATE = Problem.text("lti11.OAuth1Verifier.duplicate");
  static final Problem.Text ERROR_VERSION = Problem.text("lti11.OAuth1Verifier.version");
  static final Problem.Text ERROR_METHOD = Problem.text("lti11.OAuth1Verifier.method");
  static final Problem.Text ERROR_UNKNOWN_KEY = Problem.text("lti11.OAuth1Verifier.unknownKey");
  static final Problem.Text ERROR_TIMESTAMP = Problem.text("lti11.OAuth1Verifier.timestamp");
  static final Problem.Text ERROR_STALE = Problem.text("lti11.OAuth1Verifier.stale");
  static final Problem.Text ERROR_SIGNATURE = Problem.text("lti11.OAuth1Verifier.signature");
  static final Problem.Text ERROR_REPLAY = Problem.text("lti11.OAuth1Verifier.replay");

  private static final List<String> REQUIRED =
      List.of(
          "oauth_consumer_key",
          "oauth_signature_method",
          "oauth_timestamp",
          "oauth_nonce",
          "oauth_signature");

  @Inject NonceStore nonces;
  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "lti11.timestamp-window", defaultValue = "PT5M")
  Duration window;

  /** For plain unit tests. */
  public static OAuth1Verifier create(NonceStore nonces, Clock clock, Duration window) {
    OAuth1Verifier v = new OAuth1Verifier();
    v.nonces = nonces;
    v.clock = clock;
    v.window = window;
    return v;
  }

  /**
   * Checks a request's signature, throwing a {@link Problem} (400 malformed, 401 not authentic) on
   * any failure; nothing is written unless the request is authentic and its nonce new.
   *
   * @param httpMethod e.g. POST
   * @param publicUrl the URL the LMS sent the request to (see PublicUrl)
   * @param params all decoded query and form parameters, in any order, repeats allowed
   * @param secrets where to find the consumer's secret
   * @param checkBeforeNonce validation of the message itself (LTI parameters) to run after the
   *     signature and before the nonce is used up; it throws a Problem to refuse
   * @return the authenticated consumer key and the single-valued parameters
   */
  public Verified verify(
      String httpMethod,
      URI publicUrl,
      List<Map.Entry<String, String>> params,
      ConsumerSecrets secrets,
      java.util.function.Consumer<Map<String, String>> checkBeforeNonce) {
    return useNonce(authenticate(httpMethod, publicUrl, params, secrets, checkBeforeNonce));
  }

  /** Records the nonce of an authentic request, in the caller's transaction; refuses a replay. */
  public Verified useNonce(Authentic authentic) {
    if (!nonces.firstUse(authentic.consumerKey(), authentic.nonce(), authentic.keepNonceUntil())) {
      throw Problem.unauthorized(ERROR_REPLAY).because("replay");
    }
    return new Verified(authentic.consumerKey(), authentic.params());
  }

  /**
   * Every check of {@link #verify} but the nonce's: for a caller that records the nonce itself, in
   * the same write as the rest of the launch ({@link NonceStore#singleUse}).
   */
  public Authentic authenticate(
      String httpMethod,
      URI publicUrl,
      List<Map.Entry<String, String>> params,
      ConsumerSecrets secrets,
      java.util.function.Consumer<Map<String, String>> checkBeforeNonce) {
    Map<String, String> single = new HashMap<>();
    for (Map.Entry<String, String> p : params) {
      String previous = single.putIfAbsent(p.getKey(), p.getValue());
      if (previous != null && p.getKey().startsWith("oauth_")) {
        throw Problem.badRequest(ERROR_DUPLICATE.with(p.getKey()));
      }
    }
    for (String name : REQUIRED) {
      if (single.getOrDefault(name, "").isEmpty()) {
        throw Problem.badRequest(ERROR_MISSING.with(name));
      }
    }
    String version = single.get("oauth_version");
    if (version != null && !"1.0".equals(version)) {
      throw Problem.badRequest(ERROR_VERSION.with(version));
    }
    String methodName = single.get("oauth_signature_method");
    Method method =
        Method.fromWire(methodName)
            .orElseThrow(() -> Problem.badRequest(ERROR_METHOD.with(methodName)));

    String consumerKey = single.get("oauth_consumer_key");
    Optional<String> secret = secrets.secretFor(consumerKey);
    if (secret.isEmpty() && secrets.tellsUnknownKeys()) {
      throw Problem.unauthorized(ERROR_UNKNOWN_KEY).because("unknown_key");
    }

    long timestamp;
    try {
      timestamp = Long.parseLong(single.get("oauth_timestamp"));
    } catch (NumberFormatException e) {
      throw Problem.badRequest(ERROR_TIMESTAMP);
    }
    Instant sent = Instant.ofEpochSecond(timestamp);
    Instant now = clock.instant();
    if (Duration.between(sent, now).abs().compareTo(window) > 0) {
      throw Problem.unauthorized(ERROR_STALE.with(window.toSeconds())).because("stale");
    }

    String base = OAuthSignature.baseString(httpMethod, publicUrl, params);
    // An unknown key that must not be told apart is checked against a secret nobody has.
    byte[] expected =
        OAuthSignature.sign(method, base, secret.orElseGet(() -> Randomness.token(32)));
    byte[] received;
    try {
      received = Base64.getDecoder().decode(single.get("oauth_signature"));
    } catch (IllegalArgumentException notBase64) {
      received = single.get("oauth_signature").getBytes(StandardCharsets.UTF_8);
    }
    if (!MessageDigest.isEqual(expected, received)) {
      throw Problem.unauthorized(ERROR_SIGNATURE).because("signature");
    }

    checkBeforeNonce.accept(single);

    // Keep the nonce as long as its timestamp could still be accepted.
    LocalDateTime keepUntil = LocalDateTime.ofInstant(sent.plus(window), ZoneOffset.UTC);
    return new Authentic(consumerKey, Map.copyOf(single), single.get("oauth_nonce"), keepUntil);
  }

  /** An authentic request whose nonce is yet to be recorded. */
  public record Authentic(
      String consumerKey, Map<String, String> params, String nonce, LocalDateTime keepNonceUntil) {}

  /** An authentic request: who signed it and its parameters (first value of each name). */
  public record Verified(String consumerKey, Map<String, String> params) {}
}
