package org.ltibridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ltibridge.testsupport.FakePlatform;

/**
 * Registering platforms: LTI Dynamic Registration against a test-side platform whose registration
 * endpoint checks our request, the per-organisation approval setting, bad configurations that write
 * nothing, and the console page with every value to copy and the manual registration form.
 */
class Lti13RegistrationIT extends ItBase {

  static FakePlatform platform;
  static final AtomicReference<String> registrationBody = new AtomicReference<>();
  static final AtomicReference<String> registrationAuth = new AtomicReference<>();
  static final AtomicReference<String> configAuth = new AtomicReference<>();
  static volatile String configIssuer;
  static volatile String clientId;

  @BeforeAll
  static void start() throws IOException {
    platform = FakePlatform.start();
    configIssuer = platform.issuer();
    platform.on(
        "/.well-known/openid-configuration",
        exchange -> {
          configAuth.set(exchange.getRequestHeaders().getFirst("Authorization"));
          String json =
              "{\"issuer\":\""
                  + configIssuer
                  + "\",\"authorization_endpoint\":\""
                  + platform.authUrl()
                  + "\",\"token_endpoint\":\""
                  + platform.tokenUrl()
                  + "\",\"jwks_uri\":\""
                  + platform.jwksUrl()
                  + "\",\"registration_endpoint\":\""
                  + platform.issuer()
                  + "/register\",\"scopes_supported\":[\"openid\"],"
                  + "\"response_types_supported\":[\"id_token\"],"
                  + "\"id_token_signing_alg_values_supported\":[\"RS256\"],"
                  + "\"https://purl.imsglobal.org/spec/lti-platform-configuration\":"
                  + "{\"product_family_code\":\"moodle\",\"version\":\"4.5\","
                  + "\"messages_supported\":[{\"type\":\"LtiResourceLinkRequest\"},"
                  + "{\"type\":\"LtiDeepLinkingRequest\"}]}}";
          FakePlatform.send(exchange, 200, "application/json", json);
        });
    platform.on("/register", Lti13RegistrationIT::register);
  }

  @AfterAll
  static void stop() {
    platform.close();
  }

  /** The platform's registration endpoint: checks what LTI Bridge sends, answers a client id. */
  static void register(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    registrationBody.set(body);
    registrationAuth.set(exchange.getRequestHeaders().getFirst("Authorization"));
    boolean ok =
        "POST".equals(exchange.getRequestMethod())
            && exchange.getRequestHeaders().getFirst("Content-Type").startsWith("application/json")
            && body.contains("\"initiate_login_uri\":\"" + base() + "lti13/login\"")
            && body.contains("\"redirect_uris\":[\"" + base() + "lti13/launch\"]")
            && body.contains("\"jwks_uri\":\"" + base() + "lti/jwks\"")
            && body.contains("\"token_endpoint_auth_method\":\"private_key_jwt\"")
            && body.contains("\"https://purl.imsglobal.org/spec/lti-tool-configuration\":{")
            && body.contains("\"target_link_uri\":\"" + Lms13.target() + "\"")
            && body.contains("\"type\":\"LtiDeepLinkingRequest\"");
    if (!ok) {
      FakePlatform.send(
          exchange, 400, "application/json", "{\"error\":\"invalid_client_metadata\"}");
      return;
    }
    FakePlatform.send(
        exchange,
        200,
        "application/json",
        "{\"client_id\":\""
            + clientId
            + "\",\"https://purl.imsglobal.org/spec/lti-tool-configuration\":"
            + "{\"deployment_id\":\"dep-dyn\"}}");
  }

  static String orgWithRef(boolean approvalRequired) {
    String slug = "dr-" + UUID.randomUUID().toString().substring(0, 8);
    long org = db().organization(slug, null, null);
    String ref = "ref-" + UUID.randomUUID();
    db().update(
            "INSERT INTO lti13_org_settings (organization_id, registration_ref, approval_required)"
                + " VALUES (?, ?, ?)",
            org,
            ref,
            approvalRequired);
    return ref;
  }

  static Http.Res dynamicRegistration(String ref, String token) {
    return http()
        .get(
            "/lti13/register?"
                + Lms13.form(
                    Map.of(
                        "org",
                        ref,
                        "openid_configuration",
                        platform.issuer() + "/.well-known/openid-configuration",
                        "registration_token",
                        token)),
            "Accept",
            "text/html");
  }

  @Test
  void dynamicRegistrationRegistersAndTheLmsCanLaunch() {
    configIssuer = platform.issuer();
    clientId = "dyn-" + UUID.randomUUID();
    String ref = orgWithRef(false);
    Http.Res res = dynamicRegistration(ref, "reg-token-1");
    assertEquals(200, res.status(), res.body() + "\n" + registrationBody.get());
    assertTrue(res.body().contains("LTI Bridge is registered"), res.body());
    assertTrue(res.body().contains("lti13-registered.js"), "closes the LMS dialog");
    assertEquals("Bearer reg-token-1", registrationAuth.get());
    assertEquals("Bearer reg-token-1", configAuth.get());
    assertEquals(
        "ENABLED",
        db().string("SELECT status FROM lti13_registrations WHERE client_id = ?", clientId));
    assertEquals(
        "dep-dyn",
        db().string(
                "SELECT d.deployment_id FROM lti13_deployments d JOIN lti13_registrations r ON"
                    + " r.id = d.registration_id WHERE r.client_id = ?",
                clientId));

    Lms13 lms = new Lms13(platform, clientId, "dep-dyn");
    Http.Res launch = lms.launch("rl13-" + UUID.randomUUID(), "s-x", Lms13.LEARNER, b -> b);
    assertEquals(200, launch.status(), launch.body());
    assertTrue(launch.body().contains("Not set up yet"), launch.body());
  }

  @Test
  void anOrganisationThatApprovesGetsAPendingRegistration() {
    configIssuer = platform.issuer();
    clientId = "dyn-" + UUID.randomUUID();
    Http.Res res = dynamicRegistration(orgWithRef(true), "reg-token-2");
    assertEquals(200, res.status(), res.body());
    assertTrue(res.body().contains("must enable"), res.body());
    assertEquals(
        "PENDING",
        db().string("SELECT status FROM lti13_registrations WHERE client_id = ?", clientId));
  }

  @Test
  void aConfigurationWhoseIssuerDoesNotMatchItsUrlIsRefused() {
    configIssuer = "https://elsewhere.example.com";
    clientId = "dyn-" + UUID.randomUUID();
    try {
      long before = db().count("SELECT COUNT(*) FROM lti13_registrations");
      Http.Res res = dynamicRegistration(orgWithRef(false), "reg-token-3");
      assertEquals(400, res.status(), res.body());
      assertTrue(res.body().contains("must start with the issuer"), res.body());
      assertEquals(before, db().count("SELECT COUNT(*) FROM lti13_registrations"));
    } finally {
      configIssuer = platform.issuer();
    }
  }

  @Test
  void anUnknownRegistrationUrlIsRefused() {
    long before = db().count("SELECT COUNT(*) FROM lti13_registrations");
    Http.Res res = dynamicRegistration("no-such-ref", "t");
    assertEquals(404, res.status(), res.body());
    assertEquals(before, db().count("SELECT COUNT(*) FROM lti13_registrations"));
  }

  @Test
  void consoleShowsEveryValueAndRegistersByHand() {
    Browser browser = AdminConsoleIT.browser();
    AdminConsoleIT.signInFromConsole(browser, AdminConsoleIT.ADMIN, AdminConsoleIT.ADMIN_PASSWORD);
    Http.Res page = browser.get("/ui/admin/lti13.xhtml");
    assertEquals(200, page.status(), page.body());
    for (String url :
        new String[] {
          "lti13/login",
          "lti13/launch",
          "lti/jwks",
          "lti13/config.json",
          "lti13/deep-linking",
          "lamb/v1/lti/launch",
          "lti13/register?org="
        }) {
      assertTrue(page.body().contains(base() + url), url + " in " + page.body());
    }
    assertTrue(page.body().contains("data-copy=\"login-url\""), "copy buttons");
    assertTrue(page.header("X-Frame-Options").isPresent(), "never framed");

    String issuer = "https://canvas.example.edu";
    String client = "manual-" + UUID.randomUUID();
    Browser.Form form =
        Browser.Form.in(page.body(), "manualForm")
            .with("manualForm:issuer", issuer)
            .with("manualForm:clientId", client)
            .with("manualForm:deployments", "d1, d2")
            .with("manualForm:auth", "https://canvas.example.edu/api/lti/authorize_redirect")
            .with("manualForm:jwks", "https://canvas.example.edu/api/lti/security/jwks")
            .with("manualForm:token", "https://canvas.example.edu/login/oauth2/token")
            .withExtra(
                "manualForm:organization",
                db().string("SELECT id FROM organizations WHERE slug = 'demo'"));
    Http.Res saved = browser.ajax(form, "manualForm:register", "manualForm registrations");
    assertEquals(200, saved.status(), saved.body());
    assertTrue(saved.body().contains("is registered"), saved.body());
    assertEquals(
        2,
        db().count(
                "SELECT COUNT(*) FROM lti13_deployments d JOIN lti13_registrations r ON r.id ="
                    + " d.registration_id WHERE r.client_id = ?",
                client));

    // The same issuer again with another client id works; the same pair is refused.
    Http.Res duplicate = browser.ajax(form, "manualForm:register", "manualForm registrations");
    assertTrue(duplicate.body().contains("already registered"), duplicate.body());
    Http.Res insecure =
        browser.ajax(
            form.with("manualForm:clientId", "x-" + UUID.randomUUID())
                .with("manualForm:jwks", "http://canvas.example.edu/jwks"),
            "manualForm:register",
            "manualForm registrations");
    assertTrue(insecure.body().contains("JWKS URL must be an absolute https URL"), insecure.body());
    assertEquals(
        1, db().count("SELECT COUNT(*) FROM lti13_registrations WHERE issuer = ?", issuer));
  }
}
