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

  static final Problem.Text ERROR_NO_TOKEN = Problem.text("lti13.tool.IdTokenVerifier.noToken");
  static final Problem.Text ERROR_NOT_JWT = Problem.text("lti13.tool.IdTokenVerifier.notJwt");
  static final Problem.Text ERROR_ALG = Problem.text("lti13.tool.IdTokenVerifier.alg");
  static final Problem.Text ERROR_NO_KID = Problem.text("lti13.tool.IdTokenVerifier.noKid");
  static final Problem.Text ERROR_NO_ISS = Problem.text("lti13.tool.IdTokenVerifier.noIss");
  static final Problem.Text ERROR_NO_AUD = Problem.text("lti13.tool.IdTokenVerifier.noAud");
  static final Problem.Text ERROR_UNREGISTERED =
      Problem.text("lti13.tool.IdTokenVerifier.unregistered");
  static final Problem.Text ERROR_NOT_ENABLED =
      Problem.text("lti13.tool.IdTokenVerifier.notEnabled");
  static final Problem.Text ERROR_AZP = Problem.text("lti13.tool.IdTokenVerifier.azp");
  static final Problem.Text ERROR_SIGNATURE = Problem.text("lti13.tool.IdTokenVerifier.signature");
  static final Problem.Text ERROR_KEYS_UNAVAILABLE =
      Problem.text("lti13.tool.IdTokenVerifier.keysUnavailable");
  static final Problem.Text ERROR_EXPIRED = Problem.text("lti13.tool.IdTokenVerifier.expired");
  static final Problem.Text ERROR_NO_EXP = Problem.text("lti13.tool.IdTokenVerifier.noExp");
  static final Problem.Text ERROR_NO_IAT = Problem.text("lti13.tool.IdTokenVerifier.noIat");
  static final Problem.Text ERROR_FUTURE = Problem.text("lti13.tool.IdTokenVerifier.future");
  static final Problem.Text ERROR_NO_NONCE = Problem.text("lti13.tool.IdTokenVerifier.noNonce");

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
      throw Problem.unauthorized(ERROR_ALG.with(header.getAlgorithm()));
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
          Problem.text("title.lmsKeysUnavailable"),
          ERROR_KEYS_UNAVAILABLE.with(platform.endpoints().jwksUrl()));
    } catch (BadJOSEException | JOSEException e) {
      throw Problem.unauthorized(ERROR_SIGNATURE.with(kid)).because("signature");
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
        .orElseThrow(() -> Problem.unauthorized(ERROR_UNREGISTERED.with(issuer, clientId)));
  }

  static Optional<String> stringClaim(JWTClaimsSet claims, String name) {
    Object value = claims.getClaim(name);
    return value instanceof String s ? Optional.of(s) : Optional.empty();
  }
}
