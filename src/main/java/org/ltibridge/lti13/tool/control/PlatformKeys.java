package org.ltibridge.lti13.tool.control;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.MalformedURLException;
import java.net.URI;
import java.security.Key;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The platforms' public keys, one nimbus JWK source per JWKS URL, kept in memory: fetched on first
 * use, cached for {@code lti13.jwks-cache-ttl}, and fetched again when a token names an unknown
 * {@code kid} (a platform rotated its keys) but at most once per {@code lti13.jwks-min-refresh}, so
 * that tokens with made-up key ids cannot make us hammer the platform. A launch therefore fetches
 * nothing in the common case.
 *
 * <p>Only RS256 is accepted, and keys come only from the registered JWKS URL: headers that point
 * elsewhere ({@code jku}, {@code x5u}, {@code jwk}) are never consulted.
 */
@ApplicationScoped
public class PlatformKeys {

  /**
   * Brightspace keysets can exceed 64 KB (many keys, long certificate chains); nimbus' default
   * limit is 50 KB.
   */
  static final int SIZE_LIMIT = 1024 * 1024;

  @Inject
  @ConfigProperty(name = "lti13.jwks-cache-ttl", defaultValue = "PT5M")
  Duration cacheTtl;

  @Inject
  @ConfigProperty(name = "lti13.jwks-min-refresh", defaultValue = "PT10S")
  Duration minRefresh;

  @Inject
  @ConfigProperty(name = "lti13.jwks-timeout", defaultValue = "PT3S")
  Duration timeout;

  private final Map<String, ConfigurableJWTProcessor<SecurityContext>> processors =
      new ConcurrentHashMap<>();
  private DefaultResourceRetriever retriever;

  @PostConstruct
  void init() {
    int millis = (int) timeout.toMillis();
    retriever = new DefaultResourceRetriever(millis, millis, SIZE_LIMIT);
  }

  /**
   * A processor that checks the signature of an id_token against the keys at {@code jwksUrl}. It
   * checks no claims: {@link IdTokenVerifier} does that, with messages a person understands.
   */
  public ConfigurableJWTProcessor<SecurityContext> processor(String jwksUrl) {
    return processors.computeIfAbsent(jwksUrl, this::create);
  }

  private ConfigurableJWTProcessor<SecurityContext> create(String jwksUrl) {
    JWKSource<SecurityContext> source;
    try {
      source =
          JWKSourceBuilder.<SecurityContext>create(URI.create(jwksUrl).toURL(), retriever)
              .cache(cacheTtl.toMillis(), timeout.toMillis() * 2)
              .rateLimited(minRefresh.toMillis())
              .refreshAheadCache(false)
              .retrying(false)
              .build();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException("Not a URL: " + jwksUrl, e);
    }
    DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    processor.setJWSKeySelector(new Rs256Keys(source));
    processor.setJWTClaimsSetVerifier((claims, context) -> {});
    return processor;
  }

  /**
   * What nimbus' {@code JWSVerificationKeySelector} selects for RS256 (the keys of the set that
   * match the header's {@code kid} and algorithm), with each JWK converted to a Java key once
   * instead of on every launch. Keys a platform rotated out are forgotten first when more than
   * {@value #CONVERTED} are kept.
   */
  static final class Rs256Keys implements JWSKeySelector<SecurityContext> {

    static final int CONVERTED = 64;

    private final JWKSource<SecurityContext> source;
    private final Cache<RSAKey, RSAPublicKey> converted =
        Caffeine.newBuilder().maximumSize(CONVERTED).build();

    Rs256Keys(JWKSource<SecurityContext> source) {
      this.source = source;
    }

    @Override
    public List<Key> selectJWSKeys(JWSHeader header, SecurityContext context)
        throws KeySourceException {
      if (!JWSAlgorithm.RS256.equals(header.getAlgorithm())) {
        return List.of();
      }
      JWKMatcher matcher = JWKMatcher.forJWSHeader(header);
      if (matcher == null) {
        return List.of();
      }
      List<Key> keys = new ArrayList<>();
      for (JWK jwk : source.get(new JWKSelector(matcher), context)) {
        if (jwk instanceof RSAKey rsa) {
          keys.add(converted.get(rsa, Rs256Keys::publicKey));
        }
      }
      return keys;
    }

    private static RSAPublicKey publicKey(RSAKey key) {
      try {
        return key.toRSAPublicKey();
      } catch (JOSEException e) {
        throw new IllegalArgumentException("Not a usable RSA public key: " + key.getKeyID(), e);
      }
    }
  }
}
