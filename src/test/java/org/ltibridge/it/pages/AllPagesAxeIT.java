package org.ltibridge.it.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.ltibridge.it.Http;
import org.ltibridge.it.ItBase;
import org.ltibridge.testsupport.FakeChatCompletionsServer;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * axe-core ({@link Axe}) over the pages and page states that no screenshot of the other page tests
 * shows, so that with them every {@code .xhtml} is checked ({@code docs/accessibility.md} lists
 * which test checks which page; {@code AccessibilityChecklistTest} keeps that list whole):
 *
 * <ul>
 *   <li>the built-in LMS's learner page ({@code learn/index.xhtml}) with a course, its placement
 *       and the learner's enrolment, and the sign-in it starts from, refused and then accepted;
 *   <li>the creator interface inside the LMS's frame ({@code lti-creator/index.xhtml} and {@code
 *       WEB-INF/creator/workspace.xhtml}) in the states the screenshots leave out: the editor of a
 *       new assistant, a refused save, a colleague's assistant read-only, and the preview chat with
 *       a rendered reply, with a long one that scrolls its list, and with a hostile one;
 *   <li>console page states: an unknown organisation, the retention and erasure forms' refusals, an
 *       unknown platform tool and a tool without diagnostics, a refused manual LTI 1.3
 *       registration.
 * </ul>
 *
 * <p>It also proves that the creator's preview chat renders a reply's Markdown as the student's
 * chat does (render.js: a table, coloured code and formulas), and that a hostile reply (a script,
 * event handlers, {@code javascript:} and {@code data:} links) runs nothing there.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AllPagesAxeIT extends ItBase {

  static final String ADMIN = "it-admin";
  static final String ADMIN_PASSWORD = "it-admin-password-1";
  static final String LEARNER_PASSWORD = "learner-password-" + UUID.randomUUID();
  static final Duration WAIT = Duration.ofSeconds(30);
  static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
  static final String FRAME = FakeLmsPage.FRAME;

  static final List<String> RICH_REPLY =
      List.of(
          "## Falling stones\n\n",
          "| Time (s) | Distance (m) |\n|---|---|\n| 1 | 4.9 |\n| 2 | 19.6 |\n\n",
          "```python\ndef distance(t):\n    return 0.5 * 9.81 * t ** 2\n```\n\n",
          "So $d = \\frac{1}{2} g t^2$.\n");

  static final String LONG_REPLY =
      "A stone falls faster every second, as gravity pulls it the whole way down. ".repeat(40);

  static final List<String> HOSTILE_REPLY =
      List.of(
          "<script>window.pwned=1</script>\n\n",
          "<img src=x onerror=\"window.pwned=1\">\n\n",
          "[x](javascript:window.pwned=1) and [y](JaVaScRiPt:window.pwned=1)\n\n",
          "<a href=\"data:text/html,<script>parent.pwned=1</script>\">d</a>\n\n",
          "<svg onload=\"window.pwned=1\"><circle r=\"5\"></circle></svg>\n\n",
          "<iframe src=\"javascript:parent.pwned=1\"></iframe>\n\n",
          "<b onmouseover=\"window.pwned=1\">bold</b> <a href=\"#x\" onclick=\"window.pwned=1\">anchor</a>",
          "\n\nFormula: $\\href{javascript:window.pwned=1}{click}$\n");

  private static ChromeDriver driver;
  private static Path profile;
  private static FakeLmsPage lmsPage;
  private static FakeChatCompletionsServer model;
  private static String bearer;
  private static long toolId;

  @BeforeAll
  static void start() throws IOException {
    lmsPage = FakeLmsPage.start("Moodle");
    model = FakeChatCompletionsServer.start();
    profile = Files.createTempDirectory("ltibridge-chromium-axe-");
    driver = PagesInIframeIT.chromium(profile, true);
    Http.Res token =
        http().postForm("/api/v1/admin/token", "username=" + ADMIN + "&password=" + ADMIN_PASSWORD);
    assertEquals(200, token.status(), token.body());
    bearer = "Bearer " + CreatorLtiInIframeIT.json(token).getString("access_token");
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

  /**
   * A learner of the built-in LMS, made through the admin API with a course placed in a tool and an
   * enrolment, signs in (a wrong password first) and sees the course with its "Launch course".
   */
  @Test
  @Order(1)
  void theLearnerPageAndItsSignIn() {
    JsonObject tool =
        created(
            "/api/v1/admin/platform/tools",
            "{\"name\": \"Axe Tool "
                + SUFFIX
                + "\", \"login_url\": \"https://axe.example/login\", \"launch_url\":"
                + " \"https://axe.example/launch\", \"jwks_url\": \"https://axe.example/jwks\","
                + " \"scopes\": [\"https://purl.imsglobal.org/spec/lti-ags/scope/score\"]}");
    toolId = tool.getJsonNumber("id").longValue();
    String code = "AXE-" + SUFFIX;
    JsonObject course =
        created(
            "/api/v1/admin/platform/courses",
            "{\"code\": \""
                + code
                + "\", \"title\": \"Accessible Physics "
                + SUFFIX
                + "\", \"passing_mark\": 60}");
    long courseId = course.getJsonNumber("id").longValue();
    created(
        "/api/v1/admin/platform/placements",
        "{\"tool_id\": " + toolId + ", \"course_id\": " + courseId + "}");
    String email = "ada-" + SUFFIX + "@example.edu";
    created(
        "/api/v1/admin/platform/learners",
        "{\"email\": \""
            + email
            + "\", \"given_name\": \"Ada\", \"family_name\": \"Learner\", \"password\": \""
            + LEARNER_PASSWORD
            + "\"}");
    created(
        "/api/v1/admin/platform/enrolments",
        "{\"course_id\": " + courseId + ", \"email\": \"" + email + "\"}");

    driver.get(base() + "learn");
    // The console's sign-in form, answered in place of the learner page until signed in.
    waitFor(By.id("login:username"));
    assertTrue(driver.findElements(By.id("courses")).isEmpty(), "no course before signing in");
    Axe.assertAccessible(driver, "login.xhtml, a learner's sign-in");
    type(By.id("login:username"), email);
    type(By.id("login:password"), "not-the-password");
    click(By.id("login:signIn"));
    waitFor(By.cssSelector("#login .ui-messages-error"));
    assertTrue(driver.findElements(By.id("courses")).isEmpty(), "still signed out");
    Axe.assertAccessible(driver, "login.xhtml, a refused sign-in");

    type(By.id("login:username"), email);
    type(By.id("login:password"), LEARNER_PASSWORD);
    click(By.id("login:signIn"));
    WebElement row = waitFor(By.cssSelector("#courses tr[data-course='" + code + "']"));
    assertTrue(driver.getCurrentUrl().contains("/ui/learn/index.xhtml"), driver.getCurrentUrl());
    assertTrue(row.getText().contains("Accessible Physics " + SUFFIX), row.getText());
    assertEquals(
        "Launch course", row.findElement(By.cssSelector("button[type=submit]")).getText().strip());
    AdminConsolePagesIT.assertEveryFieldLabelled(driver);
    Axe.assertAccessible(driver, "learn/index.xhtml with a course");
    click(By.id("account:signOut"));
    waitFor(By.id("login:username"));
  }

  /**
   * The creator interface in the LMS's frame, in the states no screenshot shows, and its preview
   * chat rendering a Markdown reply: heading, table, coloured code, a formula.
   */
  @Test
  @Order(2)
  void theCreatorsEditorStatesAndThePreviewRenderingMarkdown() {
    String slug = "it-axe-" + SUFFIX;
    String[] keyAndSecret = CreatorLtiInIframeIT.organisationWithCreatorKey(slug, model.baseUrl());
    long org = db().count("SELECT id FROM organizations WHERE slug = ?", slug);
    String colleagues = "Colleague's Tutor " + SUFFIX;
    db().publishedAssistant(org, colleagues, "tutor-1", "Be kind.");
    launchCreator(keyAndSecret);

    click(By.id("assistantList:new"));
    present(By.id("assistantForm:name"));
    assertEquals("New assistant", present(By.id("editor-title")).getText().strip());
    Axe.assertAccessible(driver, "workspace.xhtml, a new assistant's editor");

    // A refused save: the message, the form as typed.
    String name = "Falling Tutor " + SUFFIX;
    type(By.id("assistantForm:name"), name);
    type(By.id("assistantForm:prompt"), "Explain with numbers.");
    type(By.id("assistantForm:model"), "tutor-1");
    type(By.id("assistantForm:template"), "no placeholder");
    click(By.id("assistantForm:save"));
    inFrameText(By.id("pageMessages"), "{user_input}");
    Axe.assertAccessible(driver, "workspace.xhtml, a refused save");

    type(By.id("assistantForm:template"), "A student asks: {user_input}");
    click(By.id("assistantForm:save"));
    inFrameText(By.id("main"), name + " has been created");

    // The preview renders the reply as the student's chat does, while written and at its end.
    model.replyWith(RICH_REPLY.toArray(String[]::new)).chunkDelay(Duration.ofMillis(300));
    type(By.id("preview-message"), "How far does a stone fall?");
    click(By.id("preview-send"));
    until(
        d ->
            Boolean.TRUE.equals(
                    js("return !!document.querySelector('#preview-messages li.pending .md h2');"))
                ? true
                : null,
        "the heading rendered while the reply is written");
    inFrameText(By.id("preview-status"), "Reply complete");
    WebElement md =
        driver.findElement(By.cssSelector("#preview-messages li.msg.assistant:not(.pending) .md"));
    assertEquals("Falling stones", md.findElement(By.tagName("h2")).getText());
    assertEquals(
        List.of("Time (s)", "Distance (m)"),
        md.findElements(By.cssSelector("table th")).stream().map(WebElement::getText).toList());
    assertEquals(2, md.findElements(By.cssSelector("table tbody tr")).size());
    WebElement code = md.findElement(By.cssSelector("pre code.hljs.language-python"));
    assertTrue(code.getText().contains("return 0.5 * 9.81 * t ** 2"), code.getText());
    assertFalse(
        code.findElements(By.cssSelector("span.hljs-keyword")).isEmpty(), "keywords coloured");
    assertEquals(1, md.findElements(By.cssSelector(".katex")).size(), "the formula");
    assertEquals(
        "d = \\frac{1}{2} g t^2",
        md.findElement(By.cssSelector(".katex annotation")).getAttribute("textContent"));
    assertFalse(md.getText().contains("$"), "no formula left as source: " + md.getText());
    assertTrue(
        String.valueOf(
                js("return getComputedStyle(document.querySelector('.md .katex')).fontFamily;"))
            .contains("KaTeX_Main"),
        "KaTeX's style sheet is loaded");
    assertTrue(
        model.lastRequest().rawBody().contains("A student asks: How far does a stone fall?"),
        "the saved version answered");
    Axe.assertAccessible(driver, "workspace.xhtml, the preview with a rendered reply");

    // A conversation started again, with a long reply of plain text: it scrolls inside its list,
    // which the keyboard reaches too (WCAG 2.1.1; nothing in the reply takes the focus).
    click(By.id("preview-reset"));
    inFrameText(By.id("preview-status"), "cleared");
    model.replyWith(LONG_REPLY).chunkDelay(Duration.ZERO);
    type(By.id("preview-message"), "Tell me more.");
    click(By.id("preview-send"));
    until(
        d ->
            d.findElements(By.cssSelector("#preview-messages li.msg.assistant:not(.pending)"))
                        .size()
                    == 1
                ? true
                : null,
        "the second reply");
    assertEquals(
        Boolean.TRUE,
        js(
            "var l = document.getElementById('preview-messages');"
                + " return l.scrollHeight > l.clientHeight;"),
        "the conversation overflows its list");
    Axe.assertAccessible(driver, "workspace.xhtml, the preview scrolled by a long reply");

    // A colleague's published assistant: read-only, to read, try and copy.
    String row =
        "//form[@id='assistantList']//tr[.//strong[normalize-space()=\"" + colleagues + "\"]]";
    click(By.xpath(row + "//input[@value='Read']"));
    present(By.id("read-only"));
    assertFalse(driver.findElement(By.id("assistantForm:name")).isEnabled(), "read-only");
    Axe.assertAccessible(driver, "workspace.xhtml, a colleague's assistant read-only");
  }

  /** A hostile reply in the creator's preview runs nothing and leaves nothing that could run. */
  @Test
  @Order(3)
  void aHostileReplyRunsNothingInThePreview() {
    model.replyWith(HOSTILE_REPLY.toArray(String[]::new)).chunkDelay(Duration.ofMillis(50));
    // The assistant of the step before is the creator's own: its editor and preview.
    String row =
        "//form[@id='assistantList']//tr[.//strong[starts-with(normalize-space(), 'Falling Tutor')]]";
    click(By.xpath(row + "//input[@value='Edit']"));
    type(By.id("preview-message"), "Show me something");
    click(By.id("preview-send"));
    inFrameText(By.id("preview-status"), "Reply complete");
    WebElement md = present(By.cssSelector("#preview-messages li.msg.assistant .md"));
    assertTrue(md.getText().contains("Formula:"), md.getText());

    WebElement x = md.findElement(By.xpath(".//a[normalize-space()='x']"));
    assertNull(x.getDomAttribute("href"));
    x.click();
    md.findElement(By.xpath(".//a[normalize-space()='y']")).click();
    for (WebElement a : md.findElements(By.tagName("a"))) {
      String href = a.getDomAttribute("href");
      if (href == null || href.startsWith("#")) {
        js("arguments[0].click();", a);
      }
    }
    new org.openqa.selenium.interactions.Actions(driver)
        .moveToElement(md.findElement(By.tagName("b")))
        .perform();
    assertEquals(
        List.of(),
        js(
            "return Array.from(document.querySelectorAll('#preview-messages *')).flatMap("
                + "function (e) { return Array.from(e.attributes).filter(function (a) {"
                + " return /^on/i.test(a.name) || /^\\s*(javascript|data):/i.test(a.value); })"
                + ".map(function (a) { return e.tagName + ' ' + a.name + '=' + a.value; }); });"),
        "event handler attributes and javascript:/data: addresses in the preview");
    assertEquals(
        0L,
        js(
            "return document.querySelectorAll('#preview-messages script, #preview-messages"
                + " iframe, #preview-messages svg:not(.katex svg), #preview-messages img')"
                + ".length;"));
    assertTrue(
        md.findElements(By.cssSelector(".katex a")).isEmpty(), "\\href wrote no link in a formula");
    assertEquals("undefined", js("return typeof window.pwned + '';"), "nothing ran in the frame");
    driver.switchTo().defaultContent();
    assertEquals("undefined", js("return typeof window.pwned + '';"), "nor in the LMS page");
    assertEquals(1, driver.getWindowHandles().size(), "no tab was opened");
    Axe.assertAccessible(driver, "workspace.xhtml, the preview with a hostile reply");
  }

  /**
   * Console pages in states no screenshot shows: an organisation that is not there, the refusals of
   * the retention and erasure forms, a platform tool that is not there and one without any
   * diagnostics, a refused manual LTI 1.3 registration.
   */
  @Test
  @Order(4)
  void consolePageStatesWithoutAScreenshot() {
    driver.get(base() + "ui/login.xhtml");
    type(By.id("login:username"), ADMIN);
    type(By.id("login:password"), ADMIN_PASSWORD);
    click(By.id("login:signIn"));
    until(d -> !d.getCurrentUrl().contains("/ui/login.xhtml"), "the sign-in");

    driver.get(base() + "ui/admin/organization.xhtml?org=no-such-" + SUFFIX);
    waitForText(By.id("refusal"), "There is no such organisation.");
    Axe.assertAccessible(driver, "organization.xhtml, an unknown organisation");

    driver.get(base() + "ui/admin/organization.xhtml?org=it-axe-" + SUFFIX);
    type(By.id("retentionForm:days"), "0");
    click(By.id("retentionForm:save"));
    waitForText(By.id("retentionForm"), "Keep transcripts 1 to 3650 days");
    type(By.id("erasureForm:lmsUserId"), "nobody-" + SUFFIX);
    click(By.id("erasureForm:review"));
    until(
        d ->
            d.findElements(By.cssSelector("#erasureForm .ui-messages-error, #confirm-summary"))
                    .isEmpty()
                ? null
                : true,
        "the erasure form's answer");
    Axe.assertAccessible(driver, "organization.xhtml, retention and erasure answered");

    driver.get(base() + "ui/admin/platform-tool.xhtml?tool=999999999");
    waitForText(By.tagName("h1"), "Tool not available");
    Axe.assertAccessible(driver, "platform-tool.xhtml, an unknown tool");
    driver.get(base() + "ui/admin/platform-tool.xhtml?tool=" + toolId);
    waitForText(By.id("tool-title"), "Axe Tool " + SUFFIX);
    Axe.assertAccessible(driver, "platform-tool.xhtml, a tool without diagnostics");

    driver.get(base() + "ui/admin/lti13.xhtml");
    type(By.id("manualForm:issuer"), "https://lms-" + SUFFIX + ".example.edu");
    type(By.id("manualForm:clientId"), "axe-" + SUFFIX);
    type(By.id("manualForm:deployments"), "d1");
    type(By.id("manualForm:auth"), "https://lms.example.edu/auth");
    type(By.id("manualForm:jwks"), "http://lms.example.edu/jwks");
    type(By.id("manualForm:token"), "https://lms.example.edu/token");
    click(By.id("manualForm:register"));
    waitForText(By.id("manualForm"), "JWKS URL must be an absolute https URL");
    assertEquals(
        0,
        db().count(
                "SELECT COUNT(*) FROM lti13_registrations WHERE client_id = ?", "axe-" + SUFFIX));
    Axe.assertAccessible(driver, "lti13.xhtml, a refused registration");
  }

  // --- helpers ---------------------------------------------------------------------------------

  /** POSTs {@code json} to the admin API as the system admin; answers the 201's object. */
  static JsonObject created(String path, String json) {
    Http.Res res = http().postJson(path, json, "Authorization", bearer);
    assertEquals(201, res.status(), path + ": " + res.body());
    return CreatorLtiInIframeIT.json(res);
  }

  /** A Creator LTI 1.1 launch into the fake LMS's frame, as its instructor Hedy Lamarr. */
  static void launchCreator(String[] keyAndSecret) {
    URI launchUrl = PagesInIframeIT.app().resolve("lamb/v1/lti_creator/launch");
    Map<String, String> params = new LinkedHashMap<>();
    params.put("lti_message_type", "basic-lti-launch-request");
    params.put("lti_version", "LTI-1p0");
    params.put("user_id", "moodle-" + UUID.randomUUID());
    params.put("roles", "Instructor");
    params.put("lis_person_name_full", "Hedy Lamarr");
    Map<String, String> signed =
        new org.ltibridge.testsupport.Rfc5849Signer(
                keyAndSecret[0],
                keyAndSecret[1],
                org.ltibridge.testsupport.Rfc5849Signer.Method.HMAC_SHA1)
            .sign("POST", launchUrl.toString(), params);
    driver.switchTo().defaultContent();
    driver.get(lmsPage.launchPage(launchUrl, signed, "Build AI assistants").toString());
    inFrameText(By.id("signed-in-as"), "Signed in as Hedy Lamarr");
  }

  /** Waits in the tool frame for an element to be shown. */
  static WebElement present(By what) {
    return until(
        d -> {
          d.switchTo().defaultContent();
          d.switchTo().frame(FRAME);
          WebElement e = d.findElement(what);
          return e.isDisplayed() ? e : null;
        },
        what.toString());
  }

  /** Waits in the tool frame until an element shows {@code text}. */
  static void inFrameText(By what, String text) {
    until(
        d -> {
          d.switchTo().defaultContent();
          d.switchTo().frame(FRAME);
          return d.findElement(what).getText().contains(text) ? Boolean.TRUE : null;
        },
        "\"" + text + "\" in " + what);
  }

  /** Types into a field of the current document (the frame's, once {@link #present} was used). */
  static void type(By by, String text) {
    WebElement e = driver.findElements(By.name(FRAME)).isEmpty() ? waitFor(by) : present(by);
    e.clear();
    e.sendKeys(text);
  }

  static void click(By by) {
    (driver.findElements(By.name(FRAME)).isEmpty() ? waitFor(by) : present(by)).click();
  }

  static WebElement waitFor(By by) {
    return until(
        d -> {
          WebElement e = d.findElement(by);
          return e.isDisplayed() ? e : null;
        },
        by.toString());
  }

  static void waitForText(By by, String text) {
    until(d -> d.findElement(by).getText().contains(text), "\"" + text + "\" in " + by);
  }

  static <T> T until(Function<ChromeDriver, T> condition, String what) {
    return PageWait.until(
        driver, WAIT, condition, () -> "waiting for " + what + " on " + driver.getCurrentUrl());
  }

  static Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }
}
