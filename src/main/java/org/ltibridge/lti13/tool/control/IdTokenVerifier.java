package org.ltibridge.lti13.tool.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.RemoteKeySourceException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.ltibridge.system.control.Problem;

/**
 * Verifies an LTI 1.3 id_token (LTI 1.3 Security Framework §5.1.3, Core §5.3) without touching the
 * database: the registration comes from {@link Registrations}' cache, the platform's key from
 * {@link PlatformKeys}' cache. Checks, in order: a JWS, RS256, a {@code kid}; a registered and
 * enabled issuer and client id ({@code aud}, {@code azp}); the signature; {@code exp} and {@code
 * iat} with a small skew; a {@code nonce}. The LTI claims are checked by {@link Lti13Messages}, the
 * nonce's single use by {@link OidcStates}.
 */
@ApplicationScoped
public class IdTokenVerifier {

  private static final Logger LOG = Logger.getLogger(IdTokenVerifier.class.getName());

  static final String ERROR_NO_TOKEN =
      "The LMS did not send an id_token. Open the activity again from your course.";
  static final String ERROR_NOT_JWT =
      "The id_token the LMS sent is not a signed JWT (LTI 1.3 Security Framework §5.1.3).";
  static final String ERROR_ALG =
      "The id_token is signed with %s; LTI Bridge accepts RS256 only (Security Framework §6.1).";
  static final String ERROR_NO_KID =
      "The id_token names no signing key (kid); LTI Bridge cannot tell which of the platform's"
          + " keys to check it with.";
  static final String ERROR_NO_ISS = "The id_token has no issuer (iss).";
  static final String ERROR_NO_AUD = "The id_token has no audience (aud).";
  static final String ERROR_UNREGISTERED =
      "LTI Bridge has no registration for the platform %s with the client id %s. Ask the"
          + " administrator to register it.";
  static final String ERROR_NOT_ENABLED =
      "The registration of %s is %s in LTI Bridge: an administrator must enable it first.";
  static final String ERROR_AZP =
      "The id_token's authorized party (azp) is not LTI Bridge's client id (OIDC Core §2).";
  static final String ERROR_SIGNATURE =
      "The id_token's signature does not verify with the platform's published keys (key %s).";
  static final String ERROR_KEYS_UNAVAILABLE =
      "The platform's public keys could not be fetched from %s. Try again in a moment.";
  static final String ERROR_EXPIRED = "The id_token has expired. Open the activity again.";
  static final String ERROR_NO_EXP = "The id_token has no expiry (exp).";
  static final String ERROR_NO_IAT = "The id_token has no issue time (iat).";
  static final String ERROR_FUTURE = "The id_token was issued in the future; check the clocks.";
  static final String ERROR_NO_NONCE = "The id_token has no nonce (Security Framework §5.1.3).";

  @Inject Registrations registrations;
  @Inject PlatformKeys keys;
  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "lti13.clock-skew", defaultValue = "PT30S")
  Duration skew;

  /** A verified id_token and the registration it belongs to. */
  public record Verified(RegisteredPlatform platform, JWTClaimsSet claims, String nonce) {}

  public Verified verify(String idToken) {
    if (idToken == null || idToken.isBlank()) {
      throw Problem.badRequest(ERROR_NO_TOKEN);
    }
    SignedJWT jwt;
    JWTClaimsSet unverified;
    try {
      jwt = SignedJWT.parse(idToken.strip());
      unverified = jwt.getJWTClaimsSet();
    } catch (ParseException | IllegalArgumentException e) {
      throw Problem.badRequest(ERROR_NOT_JWT);
    }
    JWSHeader header = jwt.getHeader();
    if (!JWSAlgorithm.RS256.equals(header.getAlgorithm())) {
      throw Problem.unauthorized(ERROR_ALG.formatted(header.getAlgorithm()));
    }
    String kid = header.getKeyID();
    if (kid == null || kid.isBlank()) {
      throw Problem.unauthorized(ERROR_NO_KID);
    }
    String issuer = unverified.getIssuer();
    if (issuer == null || issuer.isBlank()) {
      throw Problem.badRequest(ERROR_NO_ISS);
    }
    List<String> audience = unverified.getAudience();
    if (audience == null || audience.isEmpty()) {
      throw Problem.badRequest(ERROR_NO_AUD);
    }
    String azp = stringClaim(unverified, "azp").orElse(null);
    RegisteredPlatform platform = platformFor(issuer, audience, azp);
    platform
        .refusal(ERROR_NOT_ENABLED)
        .ifPresent(
            refused -> {
              throw refused;
            });

    JWTClaimsSet claims;
    try {
      claims = keys.processor(platform.endpoints().jwksUrl()).process(jwt, null);
    } catch (RemoteKeySourceException e) {
      LOG.warning(
          () ->
              "JWKS of "
                  + issuer
                  + " unavailable at "
                  + platform.endpoints().jwksUrl()
                  + ": "
                  + e.getMessage());
      throw new Problem(
          503,
          "The LMS's keys are unavailable",
          ERROR_KEYS_UNAVAILABLE.formatted(platform.endpoints().jwksUrl()));
    } catch (BadJOSEException | JOSEException e) {
      throw Problem.unauthorized(ERROR_SIGNATURE.formatted(kid)).because("signature");
    }

    Date now = Date.from(clock.instant());
    long skewMillis = skew.toMillis();
    Date exp = claims.getExpirationTime();
    if (exp == null) {
      throw Problem.unauthorized(ERROR_NO_EXP);
    }
    if (exp.getTime() + skewMillis <= now.getTime()) {
      throw Problem.unauthorized(ERROR_EXPIRED).because("expired");
    }
    Date iat = claims.getIssueTime();
    if (iat == null) {
      throw Problem.unauthorized(ERROR_NO_IAT);
    }
    if (iat.getTime() - skewMillis > now.getTime()) {
      throw Problem.unauthorized(ERROR_FUTURE).because("stale");
    }
    String nonce = stringClaim(claims, "nonce").orElse(null);
    if (nonce == null || nonce.isBlank()) {
      throw Problem.unauthorized(ERROR_NO_NONCE);
    }
    return new Verified(platform, claims, nonce);
  }

  /**
   * The registration an id_token is addressed to: its {@code aud} must contain our client id; with
   * several audiences, {@code azp} must be present and be our client id (OIDC Core §2, §3.1.3.7).
   */
  private RegisteredPlatform platformFor(String issuer, List<String> audience, String azp) {
    if (azp != null && !audience.contains(azp)) {
      throw Problem.unauthorized(ERROR_AZP);
    }
    if (audience.size() > 1 && azp == null) {
      throw Problem.unauthorized(ERROR_AZP);
    }
    String clientId = azp != null ? azp : audience.get(0);
    return registrations
        .find(issuer, clientId)
        .orElseThrow(() -> Problem.unauthorized(ERROR_UNREGISTERED.formatted(issuer, clientId)));
  }

  static Optional<String> stringClaim(JWTClaimsSet claims, String name) {
    Object value = claims.getClaim(name);
    return value instanceof String s ? Optional.of(s) : Optional.empty();
  }
}
