package org.ltibridge.lti13.platform.control;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.ltibridge.fastpath.HeldConnections;
import org.ltibridge.keys.control.SigningKeys;
import org.ltibridge.lti13.platform.control.ToolGrant.TokenClaims;
import org.ltibridge.lti13.platform.control.ToolGrant.ToolState;
import org.ltibridge.lti13.platform.entity.Tool;
import org.ltibridge.system.control.Housework;

/**
 * The token endpoint's logic (LTI Security Framework §4.1, RFC 7523 client assertions, RFC 6749
 * client credentials) and the verification of the access tokens it issues.
 *
 * <p>Access tokens are JWTs signed with our signing key ({@link SigningKeys}), audience {@link
 * PlatformUrls#servicesAudience()}, one hour at most: any instance verifies them with the published
 * public key, so they need no table. A token's signature is checked once and remembered until it
 * expires, so a burst of scores costs one signature check per token, not per request; what the
 * token still grants is decided on every request against the tool's row ({@link ToolGrant}: its
 * active flag, scopes and revisions, one primary-key read), so that deactivating a tool, changing
 * its key or taking scopes away holds at once on every instance without a data grid between them.
 *
 * <p>Why not MicroProfile JWT's authentication mechanism: on Jakarta EE 10 an application has one
 * {@code HttpAuthenticationMechanism}, and the console's form sign-in is already it; MP-JWT's
 * {@code @LoginConfig} would replace it for every path. The check here does what MP-JWT would
 * (signature against our JWKS, issuer, audience, expiry) for the AGS and NRPS paths only.
 */
@ApplicationScoped
public class AccessTokens implements Housework {

  public static final String CLIENT_ASSERTION_TYPE =
      "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
  static final Duration LIFETIME = Duration.ofHours(1);
  static final Duration SKEW = Duration.ofSeconds(60);

  /** Assertions live seconds (ltijs: 60 s); a longer one would make us keep its jti longer. */
  static final Duration MAX_ASSERTION_LIFETIME = Duration.ofHours(1);

  private static final String INSERT_JTI =
      "INSERT INTO lti_assertion_jtis (client_id, jti, expires_at) VALUES (?, ?, ?)";
  private static final int MAX_REMEMBERED = 10_000;

  static final String ERROR_NO_ACTIVE_TOOL = "No active tool has this client id.";

  /** The columns of a tool that judge its access tokens: a primary-key read per request. */
  private static final String TOOL_STATE =
      "SELECT active, scopes, revision, token_revision FROM lti_tools WHERE id = ?";

  @PersistenceContext EntityManager em;
  @Inject ToolKeys toolKeys;
  @Inject SigningKeys signingKeys;
  @Inject Clock clock;

  @Resource(lookup = "java:comp/env/jdbc/app")
  DataSource dataSource;

  /**
   * Access tokens whose signature was already verified, with what they carry: a token's signature
   * is checked once, not on every score of a burst. What it still grants is not cached: it is
   * decided on every use ({@link ToolGrant}). An entry lives no longer than a token can ({@link
   * #LIFETIME}).
   */
  private final Cache<String, TokenClaims> verified =
      Caffeine.newBuilder().maximumSize(MAX_REMEMBERED).expireAfterWrite(LIFETIME).build();

  /** Verifiers of our own signing keys by kid (a handful, rotated rarely). */
  private final Cache<String, RSASSAVerifier> verifiers =
      Caffeine.newBuilder().maximumSize(100).expireAfterAccess(Duration.ofDays(1)).build();

  /** The answer of the token endpoint (RFC 6749 §5.1). */
  public record Issued(String accessToken, long expiresIn, String scope) {}

  /**
   * Checks a client-credentials request with a JWT client assertion and issues an access token for
   * the permitted subset of the requested scopes (ltijs asks several at once).
   */
  @Transactional
  public Issued issue(
      String grantType, String assertionType, String assertion, String scope, PlatformUrls urls) {
    // The grant type is judged first (RFC 6749 §5.2): a grant type we do not support is
    // unsupported_grant_type whatever else is missing; a missing one is invalid_request.
    if (grantType == null) {
      throw OAuthError.invalidRequest("grant_type is required.");
    }
    if (!"client_credentials".equals(grantType)) {
      throw OAuthError.unsupportedGrantType("Only grant_type=client_credentials is supported.");
    }
    if (assertionType == null || assertion == null) {
      throw OAuthError.invalidRequest("client_assertion_type and client_assertion are required.");
    }
    if (!CLIENT_ASSERTION_TYPE.equals(assertionType)) {
      throw OAuthError.invalidClient(
          "client_assertion_type must be " + CLIENT_ASSERTION_TYPE + ".");
    }
    SignedJWT jwt;
    JWTClaimsSet unverified;
    try {
      jwt = SignedJWT.parse(assertion);
      unverified = jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      throw OAuthError.invalidClient("client_assertion is not a signed JWT.");
    }
    String clientId = unverified.getIssuer();
    if (clientId == null || !clientId.equals(unverified.getSubject())) {
      throw OAuthError.invalidClient("RFC 7523 §3: iss and sub must both be the client id.");
    }
    // The tool is looked up whether active or not, so that what it is told is kept for its admin.
    Tool tool =
        em.createNamedQuery(Tool.BY_CLIENT, Tool.class)
            .setParameter("clientId", clientId)
            .getResultStream()
            .findFirst()
            .orElseThrow(() -> OAuthError.invalidClient(ERROR_NO_ACTIVE_TOOL));
    try {
      return issue(tool, jwt, scope, urls);
    } catch (OAuthError refused) {
      throw refused.forTool(tool.id());
    }
  }

  private Issued issue(Tool tool, SignedJWT jwt, String scope, PlatformUrls urls) {
    if (!tool.active()) {
      throw OAuthError.invalidClient(ERROR_NO_ACTIVE_TOOL);
    }
    String clientId = tool.clientId();
    JWTClaimsSet claims;
    try {
      claims = toolKeys.verify(jwt, tool.jwksUrl(), tool.publicKeyPem());
    } catch (BadJOSEException e) {
      throw OAuthError.invalidClient("The client assertion's signature does not verify.");
    } catch (RuntimeException e) {
      throw OAuthError.invalidClient("The tool's keys could not be fetched.");
    }
    if (!audienceMatches(claims.getAudience(), urls.token())) {
      throw OAuthError.invalidClient(
          "RFC 7523 §3: aud must be the token URL " + urls.token() + ".");
    }
    Instant now = clock.instant();
    Date exp = claims.getExpirationTime();
    Date iat = claims.getIssueTime();
    if (exp == null || iat == null) {
      throw OAuthError.invalidClient("RFC 7523 §3: exp and iat are required.");
    }
    if (exp.toInstant().plus(SKEW).isBefore(now)) {
      throw OAuthError.invalidClient("The client assertion has expired.");
    }
    if (iat.toInstant().minus(SKEW).isAfter(now)
        || exp.toInstant().isAfter(now.plus(MAX_ASSERTION_LIFETIME))) {
      throw OAuthError.invalidClient("The client assertion's iat or exp is not believable.");
    }
    String jti = claims.getJWTID();
    if (jti == null || jti.isBlank() || jti.length() > 255) {
      throw OAuthError.invalidClient("RFC 7523 §3: a jti is required.");
    }
    Set<String> granted = new LinkedHashSet<>();
    for (String s : Scopes.parse(scope)) {
      if (tool.scopes().contains(s)) {
        granted.add(s);
      }
    }
    if (granted.isEmpty()) {
      throw new OAuthError(
          400, "invalid_scope", "None of the requested scopes is granted to this tool.");
    }
    recordJti(clientId, jti, LocalDateTime.ofInstant(exp.toInstant().plus(SKEW), ZoneOffset.UTC));
    Instant expires = now.plus(LIFETIME);
    String token =
        signingKeys.sign(
            new JWTClaimsSet.Builder()
                .issuer(urls.issuer())
                .subject(clientId)
                .audience(urls.servicesAudience())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expires))
                .jwtID(UUID.randomUUID().toString())
                .claim("client_id", clientId)
                .claim("tool", tool.id())
                .claim("rev", tool.revision())
                .claim("scope", Scopes.join(granted))
                .build());
    return new Issued(token, LIFETIME.toSeconds(), Scopes.join(granted));
  }

  /** RFC 7523 §3 jti, single use on every instance: the primary key refuses a second insert. */
  private void recordJti(String clientId, String jti, LocalDateTime expiresAt) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(INSERT_JTI)) {
      s.setString(1, clientId);
      s.setString(2, jti);
      s.setTimestamp(3, Timestamp.valueOf(expiresAt));
      s.executeUpdate();
    } catch (SQLException e) {
      if (org.ltibridge.system.control.UniqueViolation.isCauseOf(e)) {
        throw OAuthError.invalidClient(
            "RFC 7523 §3: this client assertion (jti) was already used.");
      }
      throw new IllegalStateException("Recording a jti failed", e);
    }
  }

  static boolean audienceMatches(List<String> audience, String tokenUrl) {
    if (audience == null) {
      return false;
    }
    String bare = strip(tokenUrl);
    return audience.stream().anyMatch(a -> a != null && strip(a).equals(bare));
  }

  private static String strip(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /**
   * The caller of an AGS or NRPS request, from its bearer access token. The signature is checked
   * once per token (then remembered); what the token still grants is decided on every request
   * against the tool's row ({@link ToolGrant}), one primary-key read, so that deactivating a tool,
   * changing its key or taking scopes away holds at once on every instance.
   *
   * @throws OAuthError invalid_token (401) unless we issued it for these services and it is live
   */
  public ServiceCaller verify(String bearer, PlatformUrls urls) {
    Instant now = clock.instant();
    TokenClaims claims = verified.getIfPresent(bearer);
    if (claims == null) {
      claims = signed(bearer, urls);
      if (claims.expiresAt().isAfter(now)) {
        verified.put(bearer, claims);
      }
    } else if (!claims.expiresAt().isAfter(now)) {
      verified.invalidate(bearer);
    }
    return ToolGrant.decide(claims, toolState(claims.toolId()), now);
  }

  /** What a token of ours says, once its signature, issuer and audience check out. */
  private TokenClaims signed(String bearer, PlatformUrls urls) {
    try {
      SignedJWT jwt = SignedJWT.parse(bearer);
      if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())
          || jwt.getHeader().getKeyID() == null) {
        throw OAuthError.invalidToken("Not an access token of this platform.");
      }
      RSASSAVerifier verifier = verifier(jwt.getHeader().getKeyID());
      if (verifier == null || !jwt.verify(verifier)) {
        throw OAuthError.invalidToken("The access token's signature does not verify.");
      }
      JWTClaimsSet c = jwt.getJWTClaimsSet();
      if (!urls.issuer().equals(c.getIssuer())
          || c.getAudience() == null
          || !c.getAudience().contains(urls.servicesAudience())
          || c.getClaim("tool") == null
          || c.getStringClaim("scope") == null
          || c.getExpirationTime() == null) {
        throw OAuthError.invalidToken("Not an access token for these services.");
      }
      Long revision = c.getLongClaim("rev");
      return new TokenClaims(
          c.getLongClaim("tool"),
          c.getSubject(),
          Set.copyOf(Scopes.parse(c.getStringClaim("scope"))),
          c.getExpirationTime().toInstant(),
          revision == null ? 0 : revision);
    } catch (ParseException | JOSEException e) {
      throw OAuthError.invalidToken("The access token is malformed.");
    }
  }

  /**
   * The tool's row as it is now (null when removed): plain JDBC, no persistence context, on a
   * connection kept between requests ({@link HeldConnections}): this read comes with every score,
   * and taking a connection from the container's pool each time cost more than the read.
   */
  private ToolState toolState(long toolId) {
    try {
      return toolReads().with(c -> toolState(c, toolId));
    } catch (SQLException e) {
      throw new IllegalStateException("Reading tool " + toolId + " failed", e);
    }
  }

  private static ToolState toolState(Connection c, long toolId) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(TOOL_STATE)) {
      s.setLong(1, toolId);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return null;
        }
        return new ToolState(
            r.getBoolean(1), Scopes.parse(r.getString(2)), r.getLong(3), r.getLong(4));
      }
    }
  }

  /** As many as AGS and NRPS requests usually run at once on a busy instance. */
  private static final int TOOL_READ_CONNECTIONS = 4;

  private volatile HeldConnections toolReads;

  private HeldConnections toolReads() {
    HeldConnections held = toolReads;
    if (held == null) {
      synchronized (this) {
        if (toolReads == null) {
          toolReads = new HeldConnections(dataSource, TOOL_READ_CONNECTIONS);
        }
        held = toolReads;
      }
    }
    return held;
  }

  @PreDestroy
  void releaseConnections() {
    if (toolReads != null) {
      toolReads.close();
    }
  }

  private RSASSAVerifier verifier(String kid) throws JOSEException {
    RSASSAVerifier v = verifiers.getIfPresent(kid);
    if (v == null) {
      RSAKey key = signingKeys.publicKey(kid).orElse(null);
      if (key == null) {
        return null;
      }
      v = new RSASSAVerifier(key);
      verifiers.put(kid, v);
    }
    return v;
  }

  /** Deletes jtis of assertions that have expired (Housekeeping). */
  @Transactional(Transactional.TxType.NOT_SUPPORTED)
  public int purgeExpired(LocalDateTime now) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement("DELETE FROM lti_assertion_jtis WHERE expires_at < ?")) {
      s.setTimestamp(1, Timestamp.valueOf(now));
      return s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("jti purge failed", e);
    }
  }

  /** Housekeeping's minutely share ({@link Housework}). */
  @Override
  @Transactional(Transactional.TxType.NOT_SUPPORTED)
  public int everyMinute(LocalDateTime now) {
    return purgeExpired(now);
  }

  @Override
  public String what() {
    return "client-assertion jtis and access tokens";
  }
}
