package org.ltibridge.it.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ltibridge.it.Http;
import org.ltibridge.it.ItBase;
import org.ltibridge.testsupport.FakeChatCompletionsServer;
import org.ltibridge.testsupport.Rfc5849Signer;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;

/**
 * The Creator LTI landing in a real browser, as an LMS shows it: headless Chromium with third-party
 * cookies blocked opens a fake LMS course page on {@code 127.0.0.1}, which posts a Creator LTI 1.1
 * launch (signed with an organisation's own key) into an iframe of the tool on {@code localhost},
 * another site. The instructor lands signed in and builds an assistant there: creates it, saves a
 * second version, tries it in the preview chat (a reply streamed from an OpenAI-compatible model,
 * nothing stored) and publishes it. The session travels in every form and in the preview's
 * Authorization header; the browser ends up holding no cookie of the tool, and the frame's address
 * never carries the session. Screenshots {@code 28-creator-lti-in-lms.png} and {@code
 * 29-creator-lti-editor.png}.
 */
class CreatorLtiInIframeIT extends ItBase {

  static final Duration WAIT = Duration.ofSeconds(30);
  static final String FRAME = FakeLmsPage.FRAME;

  private static ChromeDriver driver;
  private static Path profile;
  private static FakeLmsPage lmsPage;
  private static FakeChatCompletionsServer model;

  @BeforeAll
  static void startBrowserAndFakeLms() throws IOException {
    lmsPage = FakeLmsPage.start("Moodle");
    model = FakeChatCompletionsServer.start().replyWith("Light ", "bends.");
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
    if (model != null) {
      model.close();
    }
    PagesInIframeIT.delete(profile);
  }

  @Test
  void anInstructorLandsSignedInInTheFrameAndStaysSignedInWithoutCookies() {
    String slug = "it-clti-frame-" + UUID.randomUUID().toString().substring(0, 8);
    String[] keyAndSecret = organisationWithCreatorKey(slug, model.baseUrl());
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

    String token =
        String.valueOf(js("return document.querySelector('input[name=creator_session]').value;"));
    assertNotEquals("", token);

    // The creator builds an assistant in the frame: every postback carries the session.
    String name = "Optics Tutor " + slug;
    click(By.id("assistantList:new"));
    type(By.id("assistantForm:name"), name);
    type(By.id("assistantForm:prompt"), "Explain with everyday examples.");
    type(By.id("assistantForm:model"), "tutor-1");
    type(By.id("assistantForm:template"), "A student asks: {user_input}");
    AdminConsolePagesIT.assertEveryFieldLabelled(driver);
    click(By.id("assistantForm:save"));
    inFrameText(By.id("main"), name + " has been created");
    type(By.id("assistantForm:description"), "For the optics unit");
    click(By.id("assistantForm:save"));
    inFrameText(By.id("main"), "Saved as version 2");
    assertTrue(
        driver.findElement(By.id("versions")).getText().contains("description"),
        driver.findElement(By.id("versions")).getText());
    assertEquals(
        2,
        db().count(
                "SELECT COUNT(*) FROM assistant_versions v JOIN assistants a ON a.id ="
                    + " v.assistant_id WHERE a.name = ?",
                name));

    // The editor with the keyboard alone: Tab from its heading reaches every field in order and
    // then Save, each showing where the focus is (WCAG 2.4.3, 2.4.7); Enter in a field saves.
    present(By.id("editor-title")).click();
    List<String> order = new ArrayList<>();
    Map<String, Object> visible = new LinkedHashMap<>();
    for (int i = 0; i < 25 && !order.contains("assistantForm:save"); i++) {
      new Actions(driver).sendKeys(Keys.TAB).perform();
      String id = String.valueOf(js("var e = document.activeElement; return e.id || e.tagName;"));
      order.add(id);
      visible.put(
          id,
          js(
              "var s = getComputedStyle(document.activeElement); return (s.outlineStyle !="
                  + " 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow != 'none';"));
    }
    assertEquals(
        List.of(
            "assistantForm:name",
            "assistantForm:description",
            "assistantForm:prompt",
            "assistantForm:model",
            "assistantForm:temperature",
            "assistantForm:template",
            "assistantForm:showPrompt",
            "assistantForm:save"),
        order);
    assertFalse(visible.containsValue(Boolean.FALSE), "focus shown on each: " + visible);
    present(By.id("assistantForm:temperature")).click();
    new Actions(driver).sendKeys("0.2").sendKeys(Keys.ENTER).perform();
    inFrameText(By.id("main"), "Saved as version 3");

    // It tries it: the reply streams from the organisation's model, and nothing is stored.
    long messages = db().count("SELECT COUNT(*) FROM chat_messages");
    type(By.id("preview-message"), "Why is the sky blue?");
    click(By.id("preview-send"));
    inFrameText(By.id("preview-status"), "Reply complete");
    assertTrue(driver.findElement(By.id("preview-messages")).getText().contains("Light bends."));
    assertTrue(model.lastRequest().rawBody().contains("A student asks: Why is the sky blue?"));
    assertEquals(messages, db().count("SELECT COUNT(*) FROM chat_messages"));

    // It publishes it: the Student LTI consumer key is shown for copying.
    click(By.id("publishForm:publish"));
    inFrameText(By.id("main"), "is published");
    String key = driver.findElement(By.id("student-consumer-key")).getText();
    assertEquals(
        key,
        db().string(
                "SELECT p.consumer_name FROM assistant_publications p JOIN assistants a ON a.id"
                    + " = p.assistant_id WHERE a.name = ?",
                name));
    assertEquals(
        token,
        js("return document.querySelector('input[name=creator_session]').value;"),
        "the same session all along");
    // Its "Legacy LTI placements" panel is there too, its form carrying the session.
    assertTrue(
        driver.findElement(By.id("placements-none")).getText().contains("No LMS course"),
        driver.findElement(By.id("legacy-placements")).getText());
    assertEquals(
        token,
        js("return document.querySelector('#placementsForm input[name=creator_session]').value;"));
    String address = String.valueOf(js("return window.location.href;"));
    assertFalse(address.contains(token) || address.contains("token="), address);
    assertTrue(inFrame(By.id("signed-in-as")).startsWith("Signed in"));
    PagesInIframeIT.save(
        driver, PagesInIframeIT.screenshotDirectory(), "28-creator-lti-in-lms.png");
    js(
        "window.scrollTo(0, document.getElementById('editor').getBoundingClientRect().top"
            + " + window.scrollY - 8);");
    PagesInIframeIT.save(
        driver, PagesInIframeIT.screenshotDirectory(), "29-creator-lti-editor.png");

    driver.switchTo().defaultContent();
    assertEquals(List.of(), PagesInIframeIT.toolCookies(driver), "no cookie of the tool");
  }

  /**
   * A Creator LTI launch whose {@code launch_presentation_locale} is Spanish shows the creator
   * interface in Spanish, and it stays so after a postback (creating an assistant): the frame has
   * no cookie, so its forms carry the language beside the session.
   */
  @Test
  void aLaunchInSpanishKeepsTheWorkspaceInSpanishAcrossPostbacks() {
    String slug = "it-clti-es-" + UUID.randomUUID().toString().substring(0, 8);
    String[] keyAndSecret = organisationWithCreatorKey(slug, model.baseUrl());
    URI launchUrl = PagesInIframeIT.app().resolve("lamb/v1/lti_creator/launch");
    Map<String, String> params = new LinkedHashMap<>();
    params.put("lti_message_type", "basic-lti-launch-request");
    params.put("lti_version", "LTI-1p0");
    params.put("user_id", "moodle-" + UUID.randomUUID());
    params.put("roles", "Instructor");
    params.put("lis_person_name_full", "Margarita Salas");
    params.put("launch_presentation_locale", "es-ES");
    Map<String, String> signed =
        new Rfc5849Signer(keyAndSecret[0], keyAndSecret[1], Rfc5849Signer.Method.HMAC_SHA1)
            .sign("POST", launchUrl.toString(), params);

    driver.get(lmsPage.launchPage(launchUrl, signed, "Crear asistentes").toString());
    inFrameText(By.tagName("h1"), "Sus asistentes");
    assertEquals("es", js("return document.documentElement.lang;"));
    assertEquals("Asistentes", inFrame(By.id("assistants-title")));
    assertTrue(
        inFrame(By.id("signed-in-as")).startsWith("Sesión iniciada como Margarita Salas"),
        inFrame(By.id("signed-in-as")));

    // A postback (creating an assistant) answers in Spanish too.
    String name = "Tutor de óptica " + slug;
    click(By.id("assistantList:new"));
    inFrameText(By.id("editor-title"), "Nuevo asistente");
    type(By.id("assistantForm:name"), name);
    type(By.id("assistantForm:model"), "tutor-1");
    click(By.id("assistantForm:save"));
    inFrameText(By.id("main"), name + " se ha creado sin publicar");
    assertEquals("es", js("return document.documentElement.lang;"));
    assertEquals("Sus asistentes", inFrame(By.tagName("h1")));
    assertEquals("Versiones", inFrame(By.id("versions-title")));
    assertEquals(
        "es",
        js("return document.querySelector('#assistantForm input[name=lang]').value;"),
        "the next postback carries the language again");
    driver.switchTo().defaultContent();
    assertEquals(List.of(), PagesInIframeIT.toolCookies(driver), "no cookie of the tool");
  }

  /**
   * An instructor who authored a legacy link's assistant (the demo's {@code Physics Tutor}, signed
   * with the instance-wide {@code LTI_SECRET} of the ITs) lands in its chat inside the LMS frame,
   * finds "This LMS link" there and, with the keyboard, opens the assistant's placements in the
   * creator interface, signed in in the frame without a cookie or a token in the address.
   * Screenshots {@code 33-legacy-chat-manage.png} and {@code 34-legacy-placements-from-chat.png}.
   */
  @Test
  void theAuthorGoesFromALegacyLinksChatToItsPlacements() {
    URI launchUrl = PagesInIframeIT.app().resolve("lamb/v1/lti_users/lti");
    String course = "Optics 201 " + UUID.randomUUID().toString().substring(0, 6);
    Map<String, String> params = new LinkedHashMap<>();
    params.put("lti_message_type", "basic-lti-launch-request");
    params.put("lti_version", "LTI-1p0");
    params.put("resource_link_id", "rl-" + UUID.randomUUID());
    params.put("context_id", "ctx-" + UUID.randomUUID());
    params.put("context_title", course);
    params.put("user_id", "moodle-" + UUID.randomUUID());
    params.put("roles", "Instructor");
    params.put("lis_person_name_full", "Demo Instructor");
    params.put("lis_person_contact_email_primary", "demo-instructor@example.edu");
    Map<String, String> signed =
        new Rfc5849Signer(
                "Physics Tutor", "it-lamb-instance-secret", Rfc5849Signer.Method.HMAC_SHA1)
            .sign("POST", launchUrl.toString(), params);

    driver.get(lmsPage.launchPage(launchUrl, signed, "Physics Tutor").toString());
    inFrameText(By.id("manage-title"), "This LMS link");
    assertTrue(present(By.id("assistant")).getText().contains("Physics Tutor"));
    AdminConsolePagesIT.assertEveryFieldLabelled(driver);
    PagesInIframeIT.save(
        driver, PagesInIframeIT.screenshotDirectory(), "33-legacy-chat-manage.png");

    present(By.id("manage")).sendKeys(Keys.ENTER);
    inFrameText(By.id("legacy-placements"), course);
    assertTrue(inFrame(By.id("signed-in-as")).startsWith("Signed in as Demo Instructor"));
    String address = String.valueOf(js("return window.location.href;"));
    assertFalse(address.contains("token") || address.contains("session"), address);
    js(
        "window.scrollTo(0, document.getElementById('legacy-placements').getBoundingClientRect()"
            + ".top + window.scrollY - 8);");
    PagesInIframeIT.save(
        driver, PagesInIframeIT.screenshotDirectory(), "34-legacy-placements-from-chat.png");
    driver.switchTo().defaultContent();
    assertEquals(List.of(), PagesInIframeIT.toolCookies(driver), "no cookie of the tool");
  }

  static Object js(String script) {
    return ((JavascriptExecutor) driver).executeScript(script);
  }

  static void type(By by, String text) {
    WebElement field = present(by);
    field.clear();
    field.sendKeys(text);
  }

  static void click(By by) {
    present(by).click();
  }

  /** Waits in the tool frame for an element to be shown. */
  static WebElement present(By what) {
    return PageWait.until(
        driver,
        WAIT,
        d -> {
          d.switchTo().defaultContent();
          d.switchTo().frame(FRAME);
          WebElement e = d.findElement(what);
          return e.isDisplayed() ? e : null;
        },
        () -> "waiting for " + what);
  }

  /** Waits in the tool frame until an element shows {@code text}. */
  static void inFrameText(By what, String text) {
    PageWait.until(
        driver,
        WAIT,
        d -> {
          d.switchTo().defaultContent();
          d.switchTo().frame(FRAME);
          return d.findElement(what).getText().contains(text) ? Boolean.TRUE : null;
        },
        () -> "waiting for \"" + text + "\" in " + what);
  }

  /** Waits in the tool frame for an element; answers its text. */
  static String inFrame(By what) {
    return PageWait.until(
        driver,
        WAIT,
        d -> {
          d.switchTo().defaultContent();
          d.switchTo().frame(FRAME);
          String text = d.findElement(what).getText().strip();
          return text.isEmpty() ? null : text;
        },
        () -> "waiting for text in " + what);
  }

  /** An organisation and its Creator LTI key through the admin API: {key, secret}. */
  static String[] organisationWithCreatorKey(String slug, String modelBaseUrl) {
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
    Http.Res endpoint =
        http.send(
            "PUT",
            "/api/v1/admin/organizations/" + slug + "/model-endpoint",
            "application/json",
            "{\"base_url\": \"" + modelBaseUrl + "\"}",
            "Authorization",
            bearer);
    assertEquals(200, endpoint.status(), endpoint.body());
    return new String[] {
      json(key).getString("oauth_consumer_key"), json(key).getString("oauth_consumer_secret")
    };
  }

  static JsonObject json(Http.Res res) {
    return Json.createReader(new StringReader(res.body())).readObject();
  }
}
