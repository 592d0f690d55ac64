package org.ltibridge.lti13.platform.control;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.MalformedURLException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;

/**
 * Verifies what a tool signed (RFC 7523 client assertions) with the tool's own key: fetched from
 * its JWKS URL and cached (refetched at most every 30 s when an unknown {@code kid} shows up, as
 * after a key rotation), or the one public key PEM the admin registered.
 */
@ApplicationScoped
public class ToolKeys {

  static final Set<JWSAlgorithm> ALGORITHMS =
      Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512);
  private static final long CACHE_MILLIS = 5 * 60_000L;
  private static final long FETCH_TIMEOUT_MILLIS = 5_000L;

  /** Brightspace keysets can exceed 64 KB (many keys, long certificate chains). */
  private static final int MAX_JWKS_BYTES = 1024 * 1024;

  /**
   * One processor per key source (a JWKS URL, or a PEM): each keeps its fetched keyset. Bounded,
   * and a source no longer used (a tool re-registered with another key) is dropped after a day.
   */
  private final Cache<String, DefaultJWTProcessor<SecurityContext>> processors =
      Caffeine.newBuilder().maximumSize(1_000).expireAfterAccess(Duration.ofDays(1)).build();

  /**
   * The verified claims of a JWT signed by the tool's key.
   *
   * @throws BadJOSEException the signature or the key does not check out
   */
  public JWTClaimsSet verify(SignedJWT jwt, String jwksUrl, String publicKeyPem)
      throws BadJOSEException {
    String source = jwksUrl != null ? "jwks:" + jwksUrl : "pem:" + publicKeyPem;
    DefaultJWTProcessor<SecurityContext> processor =
        processors.get(source, s -> processor(jwksUrl, publicKeyPem));
    try {
      return processor.process(jwt, null);
    } catch (com.nimbusds.jose.JOSEException e) {
      throw new BadJOSEException("The tool's key could not be used: " + e.getMessage(), e);
    }
  }

  private static DefaultJWTProcessor<SecurityContext> processor(
      String jwksUrl, String publicKeyPem) {
    JWKSource<SecurityContext> keys;
    if (jwksUrl != null) {
      try {
        keys =
            JWKSourceBuilder.create(
                    URI.create(jwksUrl).toURL(),
                    new DefaultResourceRetriever(
                        (int) FETCH_TIMEOUT_MILLIS, (int) FETCH_TIMEOUT_MILLIS, MAX_JWKS_BYTES))
                .cache(CACHE_MILLIS, FETCH_TIMEOUT_MILLIS)
                .rateLimited(30_000L)
                .retrying(false)
                .build();
      } catch (MalformedURLException e) {
        throw new IllegalArgumentException("Not a URL: " + jwksUrl, e);
      }
    } else {
      keys = new ImmutableJWKSet<>(new JWKSet(new RSAKey.Builder(parsePem(publicKeyPem)).build()));
    }
    DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    JWSVerificationKeySelector<SecurityContext> selector =
        new JWSVerificationKeySelector<>(ALGORITHMS, keys);
    if (jwksUrl == null) {
      // One registered key: use it whatever kid the assertion names.
      processor.setJWSKeySelector(
          (header, context) ->
              ALGORITHMS.contains(header.getAlgorithm())
                  ? java.util.List.of(parsePem(publicKeyPem))
                  : java.util.List.of());
    } else {
      processor.setJWSKeySelector(selector);
    }
    // Claims are checked by the caller, which knows which rule of which spec each enforces.
    processor.setJWTClaimsSetVerifier((claims, context) -> {});
    return processor;
  }

  /** An RSA public key in PEM ("BEGIN PUBLIC KEY", X.509 SubjectPublicKeyInfo). */
  public static RSAPublicKey parsePem(String pem) {
    String body =
        pem.replace("-----BEGIN PUBLIC KEY-----", "")
            .replace("-----END PUBLIC KEY-----", "")
            .replaceAll("\\s", "");
    try {
      return (RSAPublicKey)
          KeyFactory.getInstance("RSA")
              .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(body)));
    } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
      throw new IllegalArgumentException("Not an RSA public key in PEM (BEGIN PUBLIC KEY)", e);
    }
  }
}
