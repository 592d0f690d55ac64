package org.ltibridge.it.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ltibridge.it.Http;
import org.ltibridge.it.ItBase;
import org.ltibridge.it.Lms13;
import org.ltibridge.it.Lti13DeepLinkingIT;
import org.ltibridge.testsupport.FakePlatform;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The LTI 1.3 OIDC round trip in headless Chromium, inside a cross-origin iframe with third-party
 * cookies blocked: a fake platform course page on {@code http://127.0.0.1:<port>} frames LTI Bridge
 * at {@code http://localhost:<port>} (another site), initiates the login into the frame, answers
 * the authentication request with a signed id_token, and offers platform storage from a sibling
 * frame ({@code post_message_forwarding}) as Canvas does. The binding cookie cannot stick in the
 * frame:
 *
 * <ul>
 *   <li>with platform storage, the login's browser binding travels through {@code lti.put_data} /
 *       {@code lti.get_data} and the instructor lands on the setup page in the frame;
 *   <li>without it, the frame offers a new window, in which the login (cookies first-party there)
 *       completes.
 * </ul>
 */
class Lti13InIframeIT extends ItBase {

  static final Duration WAIT = Duration.ofSeconds(30);
  static final String DEMO_INSTRUCTOR = "demo-instructor@example.edu";
  static final AtomicInteger PAGES = new AtomicInteger();

  static ChromeDriver driver;
  static Path profile;
  static FakePlatform platform;
  static Lms13 lms;

  @BeforeAll
  static void start() throws IOException {
    platform = FakePlatform.start();
    lms = new Lms13(platform).register();
    platform.on("/storage", e -> FakePlatform.send(e, 200, "text/html; charset=utf-8", STORAGE));
    profile = Files.createTempDirectory("ltibridge-chromium-13-");
    driver = PagesInIframeIT.chromium(profile, true);
  }

  @AfterAll
  static void stop() {
    if (driver != null) {
      driver.quit();
    }
    if (platform != null) {
      platform.close();
    }
    PagesInIframeIT.delete(profile);
  }

  /**
   * The platform's storage frame: keeps values per tool origin in memory and answers the 1EdTech
   * client-side postMessages; it counts what it was asked on the course page for the test to read.
   */
  static final String STORAGE =
      "<!DOCTYPE html><html><body><script>\n"
          + "var store = {};\n"
          + "window.addEventListener('message', function (e) {\n"
          + "  var d = e.data; if (!d || !d.subject) { return; }\n"
          + "  var log = window.parent.document.body;\n"
          + "  log.setAttribute('data-storage', (log.getAttribute('data-storage') || '') + d.subject + ';');\n"
          + "  var k = e.origin + '|' + d.key;\n"
          + "  if (d.subject === 'lti.put_data') { store[k] = d.value;\n"
          + "    e.source.postMessage({subject: 'lti.put_data.response', message_id: d.message_id,"
          + " key: d.key, value: d.value}, e.origin); }\n"
          + "  if (d.subject === 'lti.get_data') {\n"
          + "    e.source.postMessage(store[k] === undefined\n"
          + "      ? {subject: 'lti.get_data.response', message_id: d.message_id, key: d.key,"
          + " error: {code: 'bad_request', message: 'no such key'}}\n"
          + "      : {subject: 'lti.get_data.response', message_id: d.message_id, key: d.key,"
          + " value: store[k]}, e.origin); }\n"
          + "});\n"
          + "</script></body></html>";

  /** A course page that frames the tool and initiates the login into the frame. */
  static URI coursePage(boolean storage, String placement) {
    URI app = PagesInIframeIT.app();
    platform.answerAuth(
        q ->
            platform
                .launchClaims(
                    lms.clientId(),
                    lms.deploymentId(),
                    q.get("nonce"),
                    app.resolve("lamb/v1/lti/launch").toString(),
                    placement,
                    "i-" + q.get("login_hint"),
                    List.of(Lms13.INSTRUCTOR))
                .claim("email", DEMO_INSTRUCTOR)
                .claim("name", "Ines Instructor"));
    Map<String, String> params = new LinkedHashMap<>();
    params.put("iss", platform.issuer());
    params.put("login_hint", UUID.randomUUID().toString());
    params.put("target_link_uri", app.resolve("lamb/v1/lti/launch").toString());
    params.put("client_id", lms.clientId());
    params.put("lti_deployment_id", lms.deploymentId());
    if (storage) {
      params.put("lti_storage_target", "post_message_forwarding");
    }
    StringBuilder inputs = new StringBuilder();
    params.forEach(
        (k, v) ->
            inputs.append("<input type=\"hidden\" name=\"" + k + "\" value=\"" + v + "\">\n"));
    String html =
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Fake LMS 1.3"
            + "</title></head><body>\n<header id=\"lms-header\">Fake LMS (LTI 1.3, "
            + platform.issuer()
            + ")</header>\n"
            + (storage
                ? "<iframe name=\"post_message_forwarding\" src=\"/storage\" title=\"storage\""
                    + " style=\"display:none\"></iframe>\n"
                : "")
            + "<iframe name=\"tool\" id=\"tool\" title=\"LTI tool\" width=\"1200\""
            + " height=\"800\"></iframe>\n<form id=\"login\" method=\"post\" target=\"tool\""
            + " action=\""
            + app.resolve("lti13/login")
            + "\">\n"
            + inputs
            + "</form>\n<script>window.addEventListener('load', function () {"
            + " document.getElementById('login').submit(); });</script>\n</body></html>";
    String path = "/course13-" + PAGES.incrementAndGet();
    platform.on(path, e -> FakePlatform.send(e, 200, "text/html; charset=utf-8", html));
    return URI.create(platform.issuer() + path);
  }

  /**
   * The deep linking page, where an instructor picks assistants for a new link, and the page that
   * answers the pick (deep-linking-answer.xhtml) have no screenshot: both are checked with axe-core
   * here (opened at the top level, as a platform's new window would). The answer is a form that
   * lti13.js posts to the platform at once; that script is blocked for this load (Chromium's
   * Network.setBlockedURLs), so that axe checks the real page, as served, before it leaves.
   */
  @Test
  void theDeepLinkingPageAndItsAnswerPassAxe() {
    Lms13.Login login = lms.login();
    Http.Res launch =
        lms.launch(
            login,
            platform.sign(
                Lti13DeepLinkingIT.deepLinkingRequest(lms, login, Lms13.INSTRUCTOR, true).build()));
    assertEquals(303, launch.status(), launch.body());
    driver.switchTo().defaultContent();
    driver.get(ItBase.base().resolve(launch.location().substring(1)).toString());
    PageWait.until(
        driver,
        WAIT,
        d -> !d.findElements(By.name("assistant_ids")).isEmpty(),
        () -> "the deep linking page: " + driver.getPageSource());
    Axe.assertAccessible(driver, "lti13/deep-linking");

    driver.executeCdpCommand("Network.enable", Map.of());
    driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of("*lti13.js*")));
    try {
      driver.findElement(By.cssSelector("input[name=assistant_ids]")).click();
      driver.findElement(By.id("add")).click();
      WebElement title =
          PageWait.until(
              driver,
              WAIT,
              d -> d.findElements(By.id("a-title")).stream().findFirst().orElse(null),
              () -> "the deep linking answer: " + driver.getPageSource());
      assertEquals("The link is ready", title.getText().strip());
      WebElement form = driver.findElement(By.id("lti13-autopost"));
      assertEquals(platform.issuer() + "/deep-link-return", form.getDomAttribute("action"));
      assertTrue(
          driver.findElement(By.name("JWT")).getDomAttribute("value").split("\\.").length == 3,
          "the answer's JWT");
      assertTrue(
          driver.getCurrentUrl().startsWith(ItBase.base().toString()), "not posted: still ours");
      Axe.assertAccessible(driver, "lti/deep-linking-answer.xhtml");
    } finally {
      driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of()));
    }
  }

  /**
   * The page that ends an LTI Dynamic Registration (lti13-registered.xhtml), opened at the top
   * level as the platform's registration window, with the platform's configuration and registration
   * endpoints answered by the fake platform.
   */
  @Test
  void theDynamicRegistrationsEndPagePassesAxe() {
    String clientId = "dyn-axe-" + UUID.randomUUID();
    platform.on(
        "/.well-known/openid-configuration",
        e ->
            FakePlatform.send(
                e,
                200,
                "application/json",
                "{\"issuer\":\""
                    + platform.issuer()
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
                    + "\"messages_supported\":[{\"type\":\"LtiResourceLinkRequest\"}]}}"));
    platform.on(
        "/register",
        e -> {
          e.getRequestBody().readAllBytes();
          FakePlatform.send(
              e,
              200,
              "application/json",
              "{\"client_id\":\""
                  + clientId
                  + "\",\"https://purl.imsglobal.org/spec/lti-tool-configuration\":"
                  + "{\"deployment_id\":\"dep-axe\"}}");
        });
    String slug = "dr-axe-" + UUID.randomUUID().toString().substring(0, 8);
    long org = db().organization(slug, null, null);
    String ref = "ref-" + UUID.randomUUID();
    db().update(
            "INSERT INTO lti13_org_settings (organization_id, registration_ref, approval_required)"
                + " VALUES (?, ?, TRUE)",
            org,
            ref);
    driver.switchTo().defaultContent();
    driver.get(
        ItBase.base()
            + "lti13/register?"
            + Lms13.form(
                Map.of(
                    "org",
                    ref,
                    "openid_configuration",
                    platform.issuer() + "/.well-known/openid-configuration",
                    "registration_token",
                    "reg-token-axe")));
    WebElement title =
        PageWait.until(
            driver,
            WAIT,
            d -> d.findElements(By.id("r-title")).stream().findFirst().orElse(null),
            () -> "the registration's end page: " + driver.getPageSource());
    assertEquals("LTI Bridge is registered", title.getText().strip());
    assertEquals(clientId, driver.findElement(By.id("client-id")).getText().strip());
    assertEquals(
        "PENDING",
        db().string("SELECT status FROM lti13_registrations WHERE client_id = ?", clientId));
    Axe.assertAccessible(driver, "lti/lti13-registered.xhtml");
  }

  @Test
  void platformStorageCarriesTheLoginThroughTheFrame() {
    String placement = "rl13-frame-" + UUID.randomUUID();
    driver.switchTo().defaultContent();
    driver.get(coursePage(true, placement).toString());
    WebElement title = inFrame(By.id("setup-title"));
    assertTrue(title.getText().contains("Set up AI assistants"), title.getText());
    driver.switchTo().defaultContent();
    PagesInIframeIT.save(
        driver, PagesInIframeIT.screenshotDirectory(), "10-lti13-setup-via-platform-storage.png");
    String log = driver.findElement(By.tagName("body")).getAttribute("data-storage");
    assertEquals("lti.put_data;lti.get_data;", log, "the binding went through platform storage");
    assertEquals(List.of(), PagesInIframeIT.toolCookies(driver), "no cookie of the tool stuck");
  }

  @Test
  void withoutStorageANewWindowCompletesTheLogin() {
    String placement = "rl13-window-" + UUID.randomUUID();
    driver.switchTo().defaultContent();
    driver.get(coursePage(false, placement).toString());
    String course = driver.getWindowHandle();
    WebElement open = inFrame(By.id("open-new-window"));
    driver.switchTo().defaultContent();
    PagesInIframeIT.save(
        driver, PagesInIframeIT.screenshotDirectory(), "11-lti13-new-window-offer.png");
    open = inFrame(By.id("open-new-window"));
    Set<String> before = driver.getWindowHandles();
    open.click();
    String popup =
        new WebDriverWait(driver, WAIT)
            .until(
                d ->
                    d.getWindowHandles().stream()
                        .filter(h -> !before.contains(h))
                        .findFirst()
                        .orElse(null));
    driver.switchTo().window(popup);
    WebElement title =
        new WebDriverWait(driver, WAIT)
            .ignoring(NoSuchElementException.class)
            .until(d -> d.findElement(By.id("setup-title")));
    assertTrue(title.getText().contains("Set up AI assistants"), title.getText());
    driver.close();
    driver.switchTo().window(course);
  }

  static WebElement inFrame(By what) {
    return PageWait.until(
        driver,
        WAIT,
        d -> {
          d.switchTo().defaultContent();
          d.switchTo().frame("tool");
          WebElement e = d.findElement(what);
          return e.isDisplayed() ? e : null;
        },
        () -> "waiting for the tool frame to show " + what);
  }
}
