package org.ltibridge.it.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ltibridge.it.Http;
import org.ltibridge.it.ItBase;
import org.ltibridge.testsupport.Rfc5849Signer;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.NoSuchFrameException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Creator LTI landing in a real browser, as an LMS shows it: headless Chromium with third-party
 * cookies blocked opens a fake LMS course page on {@code 127.0.0.1}, which posts a Creator LTI 1.1
 * launch (signed with an organisation's own key) into an iframe of the tool on {@code localhost},
 * another site. The instructor lands signed in, and a PrimeFaces ajax postback from the frame still
 * knows them: the session travels in the form, and the browser ends up holding no cookie of the
 * tool.
 */
class CreatorLtiInIframeIT extends ItBase {

  static final Duration WAIT = Duration.ofSeconds(30);
  static final String FRAME = FakeLmsPage.FRAME;

  private static ChromeDriver driver;
  private static Path profile;
  private static FakeLmsPage lmsPage;

  @BeforeAll
  static void startBrowserAndFakeLms() throws IOException {
    lmsPage = FakeLmsPage.start("Moodle");
    profile = Files.createTempDirectory("ltibridge-chromium-creator-");
    driver = PagesInIframeIT.chromium(profile, true);
  }

  @AfterAll
  static void stop() {
    if (driver != null) {
      driver.quit();
    }
    if (lmsPage != null) {
      lmsPage.close();
    }
    PagesInIframeIT.delete(profile);
  }

  @Test
  void anInstructorLandsSignedInInTheFrameAndStaysSignedInWithoutCookies() {
    String slug = "it-clti-frame-" + UUID.randomUUID().toString().substring(0, 8);
    String[] keyAndSecret = organisationWithCreatorKey(slug);
    URI launchUrl = PagesInIframeIT.app().resolve("lamb/v1/lti_creator/launch");
    Map<String, String> params = new LinkedHashMap<>();
    params.put("lti_message_type", "basic-lti-launch-request");
    params.put("lti_version", "LTI-1p0");
    params.put("user_id", "moodle-" + UUID.randomUUID());
    params.put("roles", "Instructor");
    params.put("lis_person_name_full", "Hedy Lamarr");
    Map<String, String> signed =
        new Rfc5849Signer(keyAndSecret[0], keyAndSecret[1], Rfc5849Signer.Method.HMAC_SHA1)
            .sign("POST", launchUrl.toString(), params);

    driver.get(lmsPage.launchPage(launchUrl, signed, "Build AI assistants").toString());
    String signedIn = inFrame(By.id("signed-in-as"));
    assertTrue(signedIn.startsWith("Signed in as Hedy Lamarr"), signedIn);
    assertEquals("Organisation " + slug, inFrame(By.id("creator-organization")));

    // A PrimeFaces ajax postback: the form is rendered again, still signed in.
    JavascriptExecutor js = driver;
    String token =
        String.valueOf(
            js.executeScript(
                "var i = document.querySelector('input[name=creator_session]');"
                    + " i.setAttribute('data-before', 'yes'); return i.value;"));
    assertNotEquals("", token);
    driver.findElement(By.id("frame:refresh")).click();
    new WebDriverWait(driver, WAIT)
        .ignoring(StaleElementReferenceException.class)
        .until(
            d ->
                !d.findElements(By.cssSelector("input[name=creator_session]:not([data-before])"))
                    .isEmpty());
    assertEquals(
        token,
        js.executeScript("return document.querySelector('input[name=creator_session]').value;"));
    assertTrue(inFrame(By.id("signed-in-as")).startsWith("Signed in as Hedy Lamarr"));

    driver.switchTo().defaultContent();
    assertEquals(List.of(), PagesInIframeIT.toolCookies(driver), "no cookie of the tool");
  }

  /** Waits in the tool frame for an element; answers its text. */
  static String inFrame(By what) {
    return new WebDriverWait(driver, WAIT)
        .ignoring(NoSuchFrameException.class)
        .ignoring(NoSuchElementException.class)
        .ignoring(StaleElementReferenceException.class)
        .until(
            d -> {
              d.switchTo().defaultContent();
              d.switchTo().frame(FRAME);
              String text = d.findElement(what).getText().strip();
              return text.isEmpty() ? null : text;
            });
  }

  /** An organisation and its Creator LTI key through the admin API: {key, secret}. */
  static String[] organisationWithCreatorKey(String slug) {
    Http http = http();
    Http.Res token =
        http.postForm("/api/v1/admin/token", "username=it-admin&password=it-admin-password-1");
    assertEquals(200, token.status(), token.body());
    String bearer = "Bearer " + json(token).getString("access_token");
    Http.Res org =
        http.postJson(
            "/api/v1/admin/organizations",
            "{\"slug\": \"" + slug + "\", \"name\": \"Organisation " + slug + "\"}",
            "Authorization",
            bearer);
    assertEquals(201, org.status(), org.body());
    Http.Res key =
        http.send(
            "PUT",
            "/api/v1/admin/organizations/" + slug + "/lti-creator",
            "application/json",
            "{\"enabled\": true}",
            "Authorization",
            bearer);
    assertEquals(200, key.status(), key.body());
    return new String[] {
      json(key).getString("oauth_consumer_key"), json(key).getString("oauth_consumer_secret")
    };
  }

  static JsonObject json(Http.Res res) {
    return Json.createReader(new StringReader(res.body())).readObject();
  }
}
