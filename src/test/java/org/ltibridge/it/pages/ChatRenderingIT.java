package org.ltibridge.it.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.ltibridge.it.Http;
import org.ltibridge.it.ItBase;
import org.ltibridge.it.Lms;
import org.ltibridge.it.Lms.Person;
import org.ltibridge.testsupport.FakeChatCompletionsServer;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * The chat renders a model's Markdown reply, in the LMS frame of headless Chromium (set up as in
 * {@link PagesInIframeIT}), with the model faked by {@link FakeChatCompletionsServer}:
 *
 * <ul>
 *   <li>headings, lists, tables, fenced code highlighted by highlight.js and formulas written by
 *       KaTeX, while the reply is written and at its end, and again when the conversation is opened
 *       later;
 *   <li>a hostile reply (a script, event handlers on an image and on SVG, a {@code javascript:}
 *       link clicked, a {@code data:} link, a frame, a formula's {@code \href}) runs nothing and
 *       leaves no event handler attribute and no {@code javascript:} or {@code data:} address in
 *       the page (the attack: a model repeats what a student, a document or another site put in its
 *       context, OWASP Top 10 for LLM Applications 2025, LLM05 "Improper Output Handling");
 *   <li>the Copy button, used with the keyboard, puts the answer's Markdown on the clipboard and
 *       says "Copied" in a status region;
 *   <li>a student launched in Spanish gets the chat in Spanish.
 * </ul>
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChatRenderingIT extends ItBase {

  static final String DEMO_INSTRUCTOR = "demo-instructor@example.edu";
  static final Duration WAIT = Duration.ofSeconds(30);

  static final String RICH_QUESTION = "Summarise energy for me";
  static final List<String> RICH_REPLY =
      List.of(
          "## Energy\n\n",
          "Three facts:\n\n- mass is energy\n- ",
          "energy is conserved\n- work moves it\n\n",
          "| Quantity | Unit |\n|---|---|\n| Energy | J |\n| Power | W |\n\n",
          "```java\nclass Energy {\n  double of(double m) { return m * C * C; }\n}\n```\n\n",
          "Einstein: $E = mc^2$, and the area under $y = x$:\n\n",
          "$$\\int_0^1 x\\,dx = \\frac{1}{2}$$\n");

  static final String HOSTILE_QUESTION = "Show me something";
  static final List<String> HOSTILE_REPLY =
      List.of(
          "<script>window.pwned=1</script>\n\n",
          "<img src=x onerror=\"window.pwned=1\">\n\n",
          "[x](javascript:window.pwned=1) and [y](JaVaScRiPt:window.pwned=1)\n\n",
          "<a href=\"data:text/html,<script>parent.pwned=1</script>\">d</a>\n\n",
          "<svg onload=\"window.pwned=1\"><circle r=\"5\"></circle></svg>\n\n",
          "<iframe src=\"javascript:parent.pwned=1\"></iframe>\n\n",
          "<a href=\"https://example.org\" onclick=\"window.pwned=1\" style=\"position:fixed\">z</a>\n\n",
          "<b onmouseover=\"window.pwned=1\">bold</b> <a href=\"#x\" onclick=\"window.pwned=1\">anchor</a>\n\n",
          "Formula: $\\href{javascript:window.pwned=1}{click}$ and",
          " $$\\url{javascript:window.pwned=1}$$\n");

  private static ChromeDriver driver;
  private static Path profile;
  private static FakeLmsPage lmsPage;
  private static FakeChatCompletionsServer model;
  private static String modelBefore;
  private static Lms lms;
  private static String placement;
  private static String lmsOrigin; // the fake LMS's page, http://127.0.0.1:<port>
  private static final Person STUDENT = Person.student();

  @BeforeAll
  static void start() throws IOException {
    lmsPage = FakeLmsPage.start("Moodle");
    lms = new Lms(PagesInIframeIT.app(), ItBase.KEY, ItBase.SECRET);
    placement = Lms.newPlacement();
    configure(placement);
    model = FakeChatCompletionsServer.start();
    modelBefore = db().string("SELECT model_base_url FROM organizations WHERE slug = 'demo'");
    db().update("UPDATE organizations SET model_base_url = ? WHERE slug = 'demo'", model.baseUrl());
    profile = Files.createTempDirectory("ltibridge-chromium-render-");
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
      db().update("UPDATE organizations SET model_base_url = ? WHERE slug = 'demo'", modelBefore);
      model.close();
    }
    PagesInIframeIT.delete(profile);
  }

  /**
   * The demo instructor sets the placement up with the Physics Tutor, without transcript review.
   */
  static void configure(String resourceLinkId) {
    Http.Res setup = lms.launch(Person.instructor(DEMO_INSTRUCTOR), resourceLinkId);
    assertEquals(303, setup.status(), setup.body());
    Http.Res configured =
        new Http(PagesInIframeIT.app())
            .postForm(
                "/lamb/v1/lti/configure",
                "token="
                    + setup.locationToken()
                    + "&assistant_ids="
                    + db().demoAssistant("Physics Tutor")
                    + "&activity_name=Rendering+check");
    assertEquals(303, configured.status(), configured.body());
  }

  @Test
  @Order(1)
  void aMarkdownReplyIsRenderedWhileWrittenAndAtItsEnd() {
    model.replyWith(RICH_REPLY.toArray(String[]::new)).chunkDelay(Duration.ofMillis(300));
    openChat(null);
    ask(RICH_QUESTION);

    // While it is written, what has arrived is already rendered (the heading, first).
    until(
        d ->
            Boolean.TRUE.equals(
                    js(
                        "return !!document.querySelector("
                            + "'#messages li.msg.assistant.pending .md h2');"))
                ? true
                : null,
        "the heading rendered while the reply is written");
    WebElement reply = finishedReply(0);
    WebElement md = reply.findElement(By.cssSelector(".md"));
    assertEquals("Energy", md.findElement(By.tagName("h2")).getText());
    assertEquals(3, md.findElements(By.cssSelector("ul > li")).size());
    assertEquals(
        List.of("Quantity", "Unit"),
        md.findElements(By.cssSelector("table th")).stream().map(WebElement::getText).toList());
    assertEquals(2, md.findElements(By.cssSelector("table tbody tr")).size());
    WebElement code = md.findElement(By.cssSelector("pre code.hljs.language-java"));
    assertTrue(code.getText().contains("return m * C * C;"), code.getText());
    assertFalse(
        code.findElements(By.cssSelector("span.hljs-keyword")).isEmpty(), "keywords coloured");
    assertEquals(3, md.findElements(By.cssSelector(".katex")).size(), "three formulas");
    assertEquals(1, md.findElements(By.cssSelector(".katex-display")).size(), "one on its own");
    assertEquals(
        "E = mc^2",
        md.findElement(By.cssSelector(".katex annotation")).getAttribute("textContent"));
    assertFalse(md.getText().contains("$"), "no formula left as source: " + md.getText());
    assertTrue(
        String.valueOf(
                js("return getComputedStyle(document.querySelector('.md .katex')).fontFamily;"))
            .contains("KaTeX_Main"),
        "KaTeX's style sheet is loaded");
    assertEquals(
        "auto",
        js("return getComputedStyle(document.querySelector('.md .table-wrap')).overflowX;"),
        "a wide table scrolls inside the answer");
    assertEquals(
        "1 KaTeX_Main",
        driver.executeAsyncScript(
            "var done = arguments[arguments.length - 1];"
                + " document.fonts.load('16px KaTeX_Main', 'E').then(function (faces) {"
                + " done(faces.length + ' ' + (faces[0] && faces[0].family)); },"
                + " function (e) { done('! ' + e); });"),
        "KaTeX's font is served");
    String announced = driver.findElement(By.id("announce")).getAttribute("textContent");
    assertTrue(
        announced.startsWith("Energy Three facts: mass is energy energy is conserved"), announced);
    assertTrue(announced.contains("Quantity Unit Energy J Power W"), announced);
    assertTrue(announced.contains("E = mc^2"), "a formula is heard as its source: " + announced);
    assertNoConsoleErrors();
    PagesInIframeIT.save(
        switchedOut(), PagesInIframeIT.screenshotDirectory(), "13-chat-rendered.png");
    driver.switchTo().frame(FakeLmsPage.FRAME);
  }

  @Test
  @Order(2)
  void aHostileReplyRunsNothing() {
    model.replyWith(HOSTILE_REPLY.toArray(String[]::new)).chunkDelay(Duration.ofMillis(50));
    openChat(null);
    ask(HOSTILE_QUESTION);
    WebElement reply = finishedReply(0);
    WebElement md = reply.findElement(By.cssSelector(".md"));
    assertTrue(md.getText().contains("Formula:"), md.getText());

    // The link whose address was javascript: is text now; clicking it goes nowhere.
    WebElement x = md.findElement(By.xpath(".//a[normalize-space()='x']"));
    assertNull(x.getDomAttribute("href"));
    x.click();
    md.findElement(By.xpath(".//a[normalize-space()='y']")).click();
    WebElement safe = md.findElement(By.xpath(".//a[normalize-space()='z']"));
    assertEquals("https://example.org/", safe.getAttribute("href"));
    assertEquals("_blank", safe.getAttribute("target"));
    assertEquals("noopener noreferrer", safe.getAttribute("rel"));
    assertNull(safe.getDomAttribute("style"), "no style attribute from a reply");
    // Every link left that stays in the page is clicked, the bold text hovered.
    for (WebElement a : md.findElements(By.tagName("a"))) {
      String href = a.getDomAttribute("href");
      if (href == null || href.startsWith("#")) {
        js("arguments[0].click();", a);
      }
    }
    new Actions(driver).moveToElement(md.findElement(By.tagName("b"))).perform();

    assertEquals(
        List.of(),
        js(
            "return Array.from(document.querySelectorAll('*')).flatMap(function (e) {"
                + " return Array.from(e.attributes).filter(function (a) {"
                + " return /^on/i.test(a.name) || /^\\s*(javascript|data):/i.test(a.value); })"
                + ".map(function (a) { return e.tagName + ' ' + a.name + '=' + a.value; }); });"),
        "event handler attributes and javascript:/data: addresses in the page");
    assertEquals(
        0L,
        js(
            "return document.querySelectorAll('#messages script, #messages iframe,"
                + " #messages svg:not(.katex svg), #messages img').length;"));
    assertTrue(
        md.findElements(By.cssSelector(".katex a")).isEmpty(), "\\href wrote no link in a formula");
    assertEquals(
        "undefined", js("return typeof window.pwned + '';"), "nothing ran in the tool's frame");
    driver.switchTo().defaultContent();
    assertEquals("undefined", js("return typeof window.pwned + '';"), "nor in the LMS page");
    driver.switchTo().frame(FakeLmsPage.FRAME);
    assertEquals(1, driver.getWindowHandles().size(), "no tab was opened");
  }

  @Test
  @Order(3)
  void copyPutsTheAnswersMarkdownOnTheClipboard() {
    // Clipboard reads are a permission; the test reads it back in the LMS's page.
    driver.executeCdpCommand(
        "Browser.grantPermissions",
        Map.of(
            "permissions",
            List.of("clipboardReadWrite", "clipboardSanitizedWrite"),
            "origin",
            lmsOrigin));
    openChat(null);
    openConversation(RICH_QUESTION);
    WebElement reply = finishedReply(0);
    // An earlier answer, loaded with its conversation, is rendered too.
    assertEquals("Energy", reply.findElement(By.cssSelector(".md h2")).getText());
    assertEquals(2, reply.findElements(By.cssSelector(".md table tbody tr")).size());
    assertEquals(3, reply.findElements(By.cssSelector(".md .katex")).size());
    assertFalse(reply.findElements(By.cssSelector(".md pre code.hljs")).isEmpty());
    WebElement copy = reply.findElement(By.cssSelector("button.copy"));
    // Its name (WebDriver's computed label is not available inside the LMS's cross-site frame).
    assertEquals("Copy answer", copy.getDomAttribute("aria-label"));
    assertEquals(
        "\"Copy\"",
        js("return getComputedStyle(arguments[0], '::before').content;", copy),
        "the visible label");
    copy.sendKeys(Keys.ENTER);
    until(
        d ->
            "Copied".equals(driver.findElement(By.id("copy-status")).getAttribute("textContent"))
                ? true
                : null,
        "'Copied' said in the status region");
    assertEquals("status", driver.findElement(By.id("copy-status")).getAttribute("role"));

    driver.switchTo().defaultContent();
    driver.findElement(By.id("lms-header")).click(); // the LMS page has the focus to read it
    Object clipboard =
        driver.executeAsyncScript(
            "var done = arguments[arguments.length - 1];"
                + " navigator.clipboard.readText().then(done, function (e) { done('! ' + e); });");
    driver.switchTo().frame(FakeLmsPage.FRAME);
    assertEquals(String.join("", RICH_REPLY), clipboard);
  }

  /** Launched in Spanish, the chat speaks Spanish, its script's words included. */
  @Test
  @Order(4)
  void aSpanishLaunchGetsTheChatInSpanish() {
    openChat("es-ES");
    assertEquals("es", js("return document.documentElement.lang;"));
    assertTrue(
        String.valueOf(js("return location.search;")).endsWith("&lang=es"), "carried in the URL");
    assertEquals("Enviar", driver.findElement(By.id("send")).getText());
    assertEquals(
        "Pregunta al asistente…", driver.findElement(By.id("message")).getAttribute("placeholder"));
    assertEquals(
        "es",
        driver
            .findElement(By.cssSelector("#my-data"))
            .findElement(By.xpath(".."))
            .findElement(By.name("lang"))
            .getDomAttribute("value"),
        "'Your data' in Spanish too");
    openConversation(RICH_QUESTION);
    WebElement copy = finishedReply(0).findElement(By.cssSelector("button.copy"));
    assertEquals("Copiar respuesta", copy.getAttribute("aria-label"));
    assertEquals(
        "\"Copiar\"", js("return getComputedStyle(arguments[0], '::before').content;", copy));
    assertNoConsoleErrors();
  }

  // ------------------------------------------------------------------ helpers

  /** Launches the student into the chat (in {@code locale}, if any), in the LMS's frame. */
  static void openChat(String locale) {
    Map<String, String> params = lms.params(STUDENT, placement);
    if (locale != null) {
      params.put("launch_presentation_locale", locale);
    }
    driver.switchTo().defaultContent();
    URI page =
        lmsPage.launchPage(PagesInIframeIT.app().resolve(Lms.UNIFIED), lms.signed(params), "Chat");
    lmsOrigin = page.getScheme() + "://" + page.getAuthority();
    driver.get(page.toString());
    until(
        d -> {
          d.switchTo().defaultContent();
          d.switchTo().frame(FakeLmsPage.FRAME);
          return "complete".equals(js("return document.readyState;"))
                  && !d.findElements(By.id("messages")).isEmpty()
              ? true
              : null;
        },
        "the chat in the frame");
  }

  static void ask(String question) {
    WebElement input = driver.findElement(By.id("message"));
    input.sendKeys(question);
    input.sendKeys(Keys.ENTER);
  }

  static void openConversation(String firstMessage) {
    driver
        .findElement(
            By.xpath(
                "//button[contains(@class,'conversation') and contains(normalize-space(), '"
                    + firstMessage
                    + "')]"))
        .click();
  }

  /** The {@code n}th answer once it is finished, Copy offered. */
  static WebElement finishedReply(int n) {
    return until(
        d -> {
          List<WebElement> all = d.findElements(By.cssSelector("#messages li.msg.assistant"));
          if (all.size() <= n) {
            return null;
          }
          WebElement r = all.get(n);
          return !r.getAttribute("class").contains("pending")
                  && !r.findElements(By.cssSelector("button.copy")).isEmpty()
              ? r
              : null;
        },
        "answer " + n + ", finished");
  }

  static ChromeDriver switchedOut() {
    driver.switchTo().defaultContent();
    js("window.scrollTo(0, 0);");
    return driver;
  }

  static <T> T until(Function<ChromeDriver, T> condition, String what) {
    return PageWait.until(driver, WAIT, condition, () -> "waiting for " + what);
  }

  static Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  static void assertNoConsoleErrors() {
    List<String> severe = new ArrayList<>();
    for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
      if (entry.getLevel().intValue() >= Level.SEVERE.intValue()
          && !entry.getMessage().contains("/favicon.ico")) {
        severe.add(entry.getMessage());
      }
    }
    assertEquals(List.of(), severe, "browser console errors");
  }
}
