package org.ltibridge.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Plays an LTI 1.3 platform (an LMS) on the wire, for tests: its own RSA key pair, a JWKS endpoint,
 * an OIDC authentication endpoint that answers with an auto-posting form (as a real platform does
 * in the browser), and id_tokens built with nimbus. The issuer is {@code http://127.0.0.1:<port>}.
 */
public final class FakePlatform implements AutoCloseable {

  public static final String LTI = "https://purl.imsglobal.org/spec/lti/claim/";

  private final HttpServer server;
  private final ExecutorService executor;
  private volatile RSAKey key;
  private final List<RSAKey> published = new CopyOnWriteArrayList<>();
  private final AtomicInteger jwksFetches = new AtomicInteger();
  private final Map<String, Handler> extra = new LinkedHashMap<>();
  private volatile Function<Map<String, String>, JWTClaimsSet.Builder> authAnswer;

  /** A test-defined endpoint of the platform. */
  @FunctionalInterface
  public interface Handler {
    void handle(HttpExchange exchange) throws IOException;
  }

  private FakePlatform() throws IOException {
    server =
        HttpServer.create(
            new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 0);
    executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "fake-platform");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    key = newKey();
    published.add(key);
  }

  public static FakePlatform start() throws IOException {
    FakePlatform p = new FakePlatform();
    p.server.start();
    return p;
  }

  public static RSAKey newKey() {
    try {
      return new RSAKeyGenerator(2048)
          .keyUse(KeyUse.SIGNATURE)
          .algorithm(JWSAlgorithm.RS256)
          .keyID("platform-" + UUID.randomUUID())
          .generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  public String issuer() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public String authUrl() {
    return issuer() + "/auth";
  }

  public String jwksUrl() {
    return issuer() + "/jwks";
  }

  public String tokenUrl() {
    return issuer() + "/token";
  }

  public RSAKey key() {
    return key;
  }

  /** How often LTI Bridge fetched the keyset. */
  public int jwksFetches() {
    return jwksFetches.get();
  }

  /** Publishes a new key next to the old one and signs with it from now on. */
  public RSAKey rotate() {
    RSAKey fresh = newKey();
    published.add(fresh);
    key = fresh;
    return fresh;
  }

  /** Adds an endpoint (e.g. Dynamic Registration's). */
  public void on(String path, Handler handler) {
    extra.put(path, handler);
  }

  /**
   * Makes {@code /auth} answer like a platform: a page that posts a signed id_token and the state
   * to the redirect URI; {@code claims} builds the claims from the authentication request.
   */
  public void answerAuth(Function<Map<String, String>, JWTClaimsSet.Builder> claims) {
    this.authAnswer = claims;
  }

  /** Signs claims with the current key (RS256, its kid). */
  public String sign(JWTClaimsSet claims) {
    return sign(claims, key, new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()));
  }

  public static String sign(JWTClaimsSet claims, RSAKey with, JWSHeader.Builder header) {
    try {
      SignedJWT jwt = new SignedJWT(header.type(JOSEObjectType.JWT).build(), claims);
      jwt.sign(new RSASSASigner(with));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The claims of a valid resource link launch. */
  public JWTClaimsSet.Builder launchClaims(
      String clientId,
      String deploymentId,
      String nonce,
      String targetLinkUri,
      String resourceLinkId,
      String sub,
      List<String> roles) {
    Date now = new Date();
    return new JWTClaimsSet.Builder()
        .issuer(issuer())
        .audience(clientId)
        .subject(sub)
        .issueTime(now)
        .expirationTime(new Date(now.getTime() + 300_000))
        .claim("nonce", nonce)
        .claim(LTI + "message_type", "LtiResourceLinkRequest")
        .claim(LTI + "version", "1.3.0")
        .claim(LTI + "deployment_id", deploymentId)
        .claim(LTI + "target_link_uri", targetLinkUri)
        .claim(LTI + "resource_link", Map.of("id", resourceLinkId, "title", "AI assistants"))
        .claim(LTI + "roles", roles)
        .claim(LTI + "context", Map.of("id", "course-13", "title", "Physics 13"))
        .claim("https://purl.imsglobal.org/spec/lti/claim/tool_platform", Map.of("name", "Fake"));
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      Handler h = extra.get(path);
      if (h != null) {
        h.handle(exchange);
        return;
      }
      if (path.equals("/jwks")) {
        jwksFetches.incrementAndGet();
        List<com.nimbusds.jose.jwk.JWK> keys =
            published.stream().map(k -> (com.nimbusds.jose.jwk.JWK) k.toPublicJWK()).toList();
        send(exchange, 200, "application/json", new JWKSet(keys).toString());
        return;
      }
      if (path.equals("/auth") && authAnswer != null) {
        Map<String, String> q = query(exchange.getRequestURI());
        String idToken = sign(authAnswer.apply(q).build());
        String html =
            "<!DOCTYPE html><html><body><form id=\"f\" method=\"post\" action=\""
                + escape(q.get("redirect_uri"))
                + "\"><input type=\"hidden\" name=\"id_token\" value=\""
                + escape(idToken)
                + "\"><input type=\"hidden\" name=\"state\" value=\""
                + escape(q.get("state"))
                + "\"></form><script>document.getElementById('f').submit();</script>"
                + "</body></html>";
        send(exchange, 200, "text/html; charset=utf-8", html);
        return;
      }
      send(exchange, 404, "text/plain", "not found");
    }
  }

  public static Map<String, String> query(URI uri) {
    Map<String, String> q = new LinkedHashMap<>();
    String raw = uri.getRawQuery();
    if (raw == null) {
      return q;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      q.put(
          URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return q;
  }

  public static void send(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  static String escape(String s) {
    return s == null
        ? ""
        : s.replace("&", "&amp;")
            .replace("<", "&lt;")
            .replace(">", "&gt;")
            .replace("\"", "&quot;")
            .replace("'", "&#39;");
  }
}
