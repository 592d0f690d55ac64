package org.ltibridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.JWTClaimsSet;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.ltibridge.testsupport.FakePlatform;

/**
 * Plays an LTI 1.3 LMS against the deployed application over real HTTP: registers a {@link
 * FakePlatform} in the database, initiates logins, reads state and nonce from the authentication
 * request, keeps the binding cookie as a browser would and posts signed id_tokens to the launch.
 */
public final class Lms13 {

  public static final String INSTRUCTOR =
      "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor";
  public static final String LEARNER = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner";

  private final FakePlatform platform;
  private final String clientId;
  private final String deploymentId;
  private long registrationId;
  private URI base;

  /**
   * Sends the browser's requests to {@code base} (a load balancer) instead of the shared instance.
   */
  public Lms13 at(URI base) {
    this.base = base;
    return this;
  }

  private Http http() {
    return base == null ? ItBase.http() : new Http(base);
  }

  private String targetUri() {
    return base == null ? target() : base.resolve("lamb/v1/lti/launch").toString();
  }

  public Lms13(FakePlatform platform) {
    this(platform, "client-" + UUID.randomUUID(), "dep-" + UUID.randomUUID());
  }

  public Lms13(FakePlatform platform, String clientId, String deploymentId) {
    this.platform = platform;
    this.clientId = clientId;
    this.deploymentId = deploymentId;
  }

  /** Registers the platform for the demo organisation, enabled, with its deployment. */
  public Lms13 register() {
    return register("ENABLED");
  }

  public Lms13 register(String status) {
    Db db = ItBase.db();
    db.update(
        "INSERT INTO lti13_registrations (organization_id, issuer, client_id, auth_login_url,"
            + " token_url, jwks_url, status, source, created_at, updated_at) VALUES ((SELECT id"
            + " FROM organizations WHERE slug = 'demo'), ?, ?, ?, ?, ?, ?, 'MANUAL',"
            + " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
        platform.issuer(),
        clientId,
        platform.authUrl(),
        platform.tokenUrl(),
        platform.jwksUrl(),
        status);
    registrationId =
        db.count(
            "SELECT id FROM lti13_registrations WHERE issuer = ? AND client_id = ?",
            platform.issuer(),
            clientId);
    db.update(
        "INSERT INTO lti13_deployments (registration_id, deployment_id, created_at) VALUES (?, ?,"
            + " CURRENT_TIMESTAMP)",
        registrationId,
        deploymentId);
    return this;
  }

  public String clientId() {
    return clientId;
  }

  public String deploymentId() {
    return deploymentId;
  }

  public long registrationId() {
    return registrationId;
  }

  public FakePlatform platform() {
    return platform;
  }

  /** A login in progress: what the platform received and what the browser keeps. */
  public record Login(Map<String, String> authRequest, String cookie) {
    public String state() {
      return authRequest.get("state");
    }

    public String nonce() {
      return authRequest.get("nonce");
    }
  }

  /** Third-party-initiated login with the usual parameters; asserts the redirect. */
  public Login login() {
    return login(Map.of());
  }

  public Login login(Map<String, String> extra) {
    return login(extra, false);
  }

  /** The same login initiated with a form POST (as Canvas does) instead of a GET. */
  public Login loginPosted() {
    return login(Map.of(), true);
  }

  private Login login(Map<String, String> extra, boolean posted) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("iss", platform.issuer());
    p.put("login_hint", "hint-" + UUID.randomUUID());
    p.put("target_link_uri", targetUri());
    p.put("lti_message_hint", "msg-hint");
    p.put("client_id", clientId);
    p.put("lti_deployment_id", deploymentId);
    p.putAll(extra);
    Http.Res res =
        posted ? http().postForm("/lti13/login", form(p)) : http().get("/lti13/login?" + form(p));
    assertEquals(302, res.status(), res.body());
    URI location = URI.create(res.header("Location").orElseThrow());
    assertTrue(location.toString().startsWith(platform.authUrl() + "?"), location.toString());
    String setCookie = res.header("Set-Cookie").orElseThrow();
    return new Login(FakePlatform.query(location), setCookie.substring(0, setCookie.indexOf(';')));
  }

  public static String target() {
    return ItBase.base().resolve("lamb/v1/lti/launch").toString();
  }

  /** Valid claims for this login, a fresh resource link, and a person. */
  public JWTClaimsSet.Builder claims(Login login, String resourceLinkId, String sub, String role) {
    return platform.launchClaims(
        clientId, deploymentId, login.nonce(), targetUri(), resourceLinkId, sub, List.of(role));
  }

  /** Posts an id_token with the login's state and cookie. */
  public Http.Res launch(Login login, String idToken) {
    return launch(http(), login, idToken);
  }

  /** The same, to a given instance. */
  public Http.Res launch(Http via, Login login, String idToken) {
    return via.postForm(
        "/lti13/launch",
        form(Map.of("id_token", idToken, "state", login.state())),
        "Accept",
        "text/html",
        "Cookie",
        login.cookie());
  }

  /** Full login + launch; {@code edit} may change the claims. */
  public Http.Res launch(
      String resourceLinkId, String sub, String role, UnaryOperator<JWTClaimsSet.Builder> edit) {
    Login login = login();
    return launch(
        login, platform.sign(edit.apply(claims(login, resourceLinkId, sub, role)).build()));
  }

  /** An instructor with the demo creator account's email. */
  public Http.Res instructor(String resourceLinkId, String email) {
    return launch(
        resourceLinkId,
        "i-" + UUID.randomUUID(),
        INSTRUCTOR,
        b -> b.claim("email", email).claim("name", "Ines Instructor"));
  }

  public static String form(Map<String, String> p) {
    return p.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }
}
