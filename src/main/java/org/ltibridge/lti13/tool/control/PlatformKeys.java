package org.ltibridge.lti13.tool.control;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Duration;
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

  /** Brightspace keysets exceed 64 KB (INTEROP.md); nimbus' default limit is 50 KB. */
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
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, source));
    processor.setJWTClaimsSetVerifier((claims, context) -> {});
    return processor;
  }
}
