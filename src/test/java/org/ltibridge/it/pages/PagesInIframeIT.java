package org.ltibridge.it.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.ltibridge.it.ItBase;
import org.ltibridge.it.Lms;
import org.ltibridge.it.Lms.Person;
import org.ltibridge.testsupport.FakeChatCompletionsServer;
import org.ltibridge.testsupport.Rfc5849Signer;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoSuchFrameException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The LTI pages in a real browser, the way an LMS shows them: headless Chromium opens a course page
 * of a fake LMS at {@code http://127.0.0.1:<port>/}, which posts a signed LTI 1.1 launch into an
 * {@code <iframe>} addressed to the application as {@code http://localhost:<port>/}, another site,
 * with third-party cookies blocked in the browser profile.
 *
 * <p>It proves that:
 *
 * <ul>
 *   <li>third-party cookie blocking is in force in the tool frame (a cookie written there does not
 *       stick, and a first-party cookie of the tool's site is not visible there, while a control
 *       browser that allows third-party cookies sees both), so the rest of the run really happens
 *       without cookies, and at the end the browser holds no cookie of the tool;
 *   <li>every page of the Unified flow works in that frame without cookies, carrying its token in
 *       form bodies and {@code Authorization} headers: setup → dashboard, consent → chat (no model:
 *       the message is kept and the notice shown), a reply streamed from an OpenAI-compatible model
 *       and shown while it is written, the dashboard with pseudonymised students and a transcript
 *       fetched with the Bearer token, and the waiting, contact-admin and error pages;
 *   <li>the pages load their stylesheet and scripts in the frame without console errors, every
 *       visible form field has a label, the setup form can be used with the keyboard alone, and the
 *       keyboard focus is visible on each of its controls.
 * </ul>
 *
 * <p>Screenshots of the whole fake LMS page (so the framing is visible) are written to {@code
 * target/screenshots/} (or {@code -Dscreenshots.dir=docs/screenshots}). Needs {@code
 * /usr/bin/chromium} and {@code /usr/bin/chromedriver} (Debian packages {@code chromium} and {@code
 * chromium-driver}); Selenium Manager is never used.
 *
 * <p>The scenarios build on each other (one placement, configured first, then used by a student,
 * then reviewed), so they run in the declared order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PagesInIframeIT extends ItBase {

  static final String DEMO_INSTRUCTOR = "demo-instructor@example.edu";
  static final String FRAME = FakeLmsPage.FRAME;
  static final Duration WAIT = Duration.ofSeconds(30);
  static final String PSEUDONYM = "Student [A-Z2-9]{5}";
  static final String NO_MODEL_START = "No language model is configured";
  static final String ACTIVITY_NAME = "Mechanics helpers (iframe)";
  static final String NO_MODEL_QUESTION = "How do I start problem 3 about inclined planes?";
  static final String STREAMED_QUESTION = "What is momentum?";
  static final String STOPPED_QUESTION = "And what is impulse?";
  static final List<String> STREAMED_REPLY =
      List.of("Momentum ", "is ", "mass ", "times ", "velocity: ", "p = m·v.");

  private static ChromeDriver driver;
  private static Path profile;
  private static FakeLmsPage lmsPage;
  private static Path screenshots;

  // The placement shared by scenarios 1 to 4; one Lms object, so one tool_consumer_instance_guid.
  private static Lms lms;
  private static String placement;
  private static final Person INSTRUCTOR = Person.instructor(DEMO_INSTRUCTOR);
  private static final Person STUDENT = Person.student();

  @BeforeAll
  static void startBrowserAndFakeLms() throws IOException {
    lmsPage = FakeLmsPage.start("Moodle");
    lms = new Lms(app(), ItBase.KEY, ItBase.SECRET);
    placement = Lms.newPlacement();
    // target/screenshots by default; `mvn verify -Dscreenshots.dir=docs/screenshots` refreshes
    // the ones the README shows.
    screenshots = screenshotDirectory();
    profile = Files.createTempDirectory("ltibridge-chromium-");
    driver = chromium(profile, true);
  }

  @AfterAll
  static void stopBrowserAndFakeLms() {
    if (driver != null) {
      driver.quit();
    }
    if (lmsPage != null) {
      lmsPage.close();
    }
    delete(profile);
  }

  /**
   * Headless Chromium from the Debian packages, with a fresh profile. Third-party cookies are
   * blocked through the profile preferences (as Safari and Firefox do by default, and Chrome users
   * may), or explicitly allowed for the control browser of the cookie probe.
   */
  static ChromeDriver chromium(Path userDataDir, boolean blockThirdPartyCookies) {
    System.setProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-sync",
        "--user-data-dir=" + userDataDir,
        "--window-size=1280,900");
    options.setExperimentalOption(
        "prefs",
        Map.of(
            "profile.cookie_controls_mode",
            blockThirdPartyCookies ? 1 : 0,
            "profile.block_third_party_cookies",
            blockThirdPartyCookies));
    options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File("/usr/bin/chromedriver"))
            .usingAnyFreePort()
            .build();
    ChromeDriver chrome = new ChromeDriver(service, options);
    chrome.manage().timeouts().pageLoadTimeout(WAIT).scriptTimeout(WAIT);
    fullViewport(chrome);
    return chrome;
  }

  /**
   * The new headless mode subtracts window decorations from --window-size; the viewport of the tab
   * {@code chrome} is on is made exactly 1280x900 so that the fake LMS page, header and 800px-high
   * frame, fits a screenshot (a tab opened later needs it too).
   */
  static void fullViewport(ChromeDriver chrome) {
    chrome.executeCdpCommand(
        "Emulation.setDeviceMetricsOverride",
        Map.of("width", 1280, "height", 900, "deviceScaleFactor", 1, "mobile", false));
  }

  /**
   * The browser set-up the rest relies on. A cookie of the tool's site ({@code SameSite=None;
   * Secure}, which Chromium accepts from {@code http://localhost}) set at top level is not visible
   * in the tool frame, and a cookie written in the frame does not stick. The same probe in a
   * control browser that allows third-party cookies sees both, so the probe can tell.
   */
  @Test
  @Order(0)
  void thirdPartyCookiesAreBlockedInTheToolFrame() throws IOException {
    assertEquals(
        new CookieProbe("", "", List.of("first")),
        cookieProbe(driver),
        "third-party cookies blocked");
    drainConsole();

    Path controlProfile = Files.createTempDirectory("ltibridge-chromium-control-");
    ChromeDriver control = chromium(controlProfile, false);
    try {
      assertEquals(
          new CookieProbe("first=1", "first=1; framed=1", List.of("first", "framed")),
          cookieProbe(control),
          "control browser: third-party cookies allowed");
    } finally {
      control.quit();
      delete(controlProfile);
    }
  }

  /** What a cookie probe saw: in the frame before and after writing, and in the cookie jar. */
  record CookieProbe(String framedRead, String framedAfterWrite, List<String> jar) {}

  static CookieProbe cookieProbe(ChromeDriver browser) {
    JavascriptExecutor js = browser;
    browser.get(app().resolve("lamb/v1/lti/info").toString());
    Object firstParty =
        js.executeScript(
            "document.cookie = 'first=1; path=/; SameSite=None; Secure'; return document.cookie;");
    assertEquals("first=1", firstParty, "a top-level page of localhost keeps cookies");

    Map<String, String> signed = lms.signed(lms.params(Person.student(), Lms.newPlacement()));
    browser.get(lmsPage.launchPage(app().resolve(Lms.UNIFIED), signed, "Cookie probe").toString());
    new WebDriverWait(browser, WAIT)
        .ignoring(NoSuchFrameException.class)
        .until(
            d -> {
              d.switchTo().defaultContent();
              d.switchTo().frame(FRAME);
              return !d.findElements(By.id("w-title")).isEmpty();
            });
    String read = String.valueOf(js.executeScript("return document.cookie;"));
    String afterWrite =
        String.valueOf(
            js.executeScript(
                "document.cookie = 'framed=1; path=/; SameSite=None; Secure';"
                    + " return document.cookie;"));
    browser.switchTo().defaultContent();
    List<String> jar = toolCookies(browser);
    browser.executeCdpCommand("Storage.clearCookies", Map.of());
    assertEquals(List.of(), toolCookies(browser));
    return new CookieProbe(read, afterWrite, jar);
  }

  /** Names of the cookies the browser stores for localhost (the tool), sorted. */
  @SuppressWarnings("unchecked")
  static List<String> toolCookies(ChromeDriver browser) {
    List<Map<String, Object>> cookies =
        (List<Map<String, Object>>)
            browser.executeCdpCommand("Storage.getCookies", Map.of()).get("cookies");
    return cookies.stream()
        .filter(c -> "localhost".equals(c.get("domain")))
        .map(c -> String.valueOf(c.get("name")))
        .sorted()
        .toList();
  }

  /** Scenario 1: the first instructor sets the placement up inside the frame. */
  @Test
  @Order(1)
  void instructorSetsUpThePlacementAndSeesTheDashboard() {
    launch(lms, INSTRUCTOR, placement, "AI assistants");
    assertEquals(
        "Set up AI assistants for this course", tool(By.id("setup-title")).getText().strip());
    assertPageIsStyledAndCookieFree();
    assertEveryFieldLabelled();

    WebElement name = driver.findElement(By.id("activity_name"));
    name.clear();
    name.sendKeys(ACTIVITY_NAME);
    // Ticked through their labels, as a person clicks them.
    WebElement physicsLabel =
        driver.findElement(By.xpath("//label[strong[normalize-space()='Physics Tutor']]"));
    physicsLabel.click();
    WebElement physics = driver.findElement(By.id(physicsLabel.getAttribute("for")));
    assertTrue(physics.isSelected(), "the label ticks the Physics Tutor checkbox");
    driver.findElement(By.cssSelector("label[for=chat_visibility_enabled]")).click();
    assertTrue(driver.findElement(By.id("chat_visibility_enabled")).isSelected());
    screenshot("01-setup.png");
    driver.findElement(By.id("save")).click();

    assertEquals(ACTIVITY_NAME, tool(By.id("dash-title")).getText().strip());
    assertPageIsStyledAndCookieFree();
    assertTrue(
        driver.findElement(By.id("manage-link")).isDisplayed(), "the owner may manage assistants");
    assertTrue(
        driver.findElement(By.id("assistants")).getText().contains("Physics Tutor"),
        "the PrimeFaces table of assistants is rendered");
    assertEquals("0", driver.findElement(By.id("stat-students")).getText().strip());
    assertEveryFieldLabelled();
    screenshot("02-dashboard.png");

    assertEquals(
        DEMO_INSTRUCTOR,
        db().string(
                "SELECT owner_email FROM lti_activities WHERE resource_link_id = ?", placement));
    assertEquals(
        ACTIVITY_NAME,
        db().string(
                "SELECT activity_name FROM lti_activities WHERE resource_link_id = ?", placement));
    assertEquals(1, db().rowsOf("lti_activity_assistants", placement));
    assertEquals(
        "true",
        db().string(
                "SELECT CAST(chat_visibility_enabled AS VARCHAR(5)) FROM lti_activities"
                    + " WHERE resource_link_id = ?",
                placement));
  }

  /** Scenario 2: a student consents and chats; without a model the message is kept. */
  @Test
  @Order(2)
  void studentConsentsAndChatsWithoutAModel() {
    assertConfigured();
    assertNull(
        db().string("SELECT model_base_url FROM organizations WHERE slug = 'demo'"),
        "precondition: the demo organisation has no model");

    launch(lms, STUDENT, placement, "AI assistants");
    assertTrue(tool(By.id("consent-title")).getText().contains("your chats may be reviewed"));
    assertPageIsStyledAndCookieFree();
    screenshot("03-consent.png");

    driver.findElement(By.xpath("//button[normalize-space()='I agree and continue']")).click();
    tool(By.id("chat"));
    assertPageIsStyledAndCookieFree();
    assertEveryFieldLabelled();
    WebElement status = driver.findElement(By.id("model-status"));
    assertTrue(status.isDisplayed(), "the no-model notice is shown before anything is sent");
    assertTrue(status.getText().startsWith(NO_MODEL_START), status.getText());

    driver.findElement(By.id("message")).sendKeys(NO_MODEL_QUESTION);
    driver.findElement(By.id("send")).click();
    WebElement notice =
        until(d -> visible(By.cssSelector("#messages li.msg.notice")), "the no-model reply");
    assertTrue(notice.getText().startsWith(NO_MODEL_START), notice.getText());
    WebElement mine = driver.findElement(By.cssSelector("#messages li.msg.user"));
    assertEquals(NO_MODEL_QUESTION, mine.getText().strip(), "the message stays visible");
    assertEquals("", driver.findElement(By.id("message")).getAttribute("value"));
    assertNoConsoleErrors();
    screenshot("04-chat-no-model.png");

    assertEquals(1, messages("USER", NO_MODEL_QUESTION), "the message was stored");
    assertEquals(
        0,
        db().count(
                "SELECT COUNT(*) FROM chat_messages m JOIN conversations c ON c.id ="
                    + " m.conversation_id JOIN lti_activities a ON a.id = c.activity_id"
                    + " WHERE a.resource_link_id = ? AND m.role = 'ASSISTANT'",
                placement),
        "without a model no reply is stored");

    // "Your data" opens in a tab of its own, from the keyboard; consent withdrawn and given again.
    String chatWindow = driver.getWindowHandle();
    tool(By.id("my-data")).sendKeys(Keys.ENTER);
    String dataWindow =
        until(
            d ->
                d.getWindowHandles().stream()
                    .filter(h -> !h.equals(chatWindow))
                    .findFirst()
                    .orElse(null),
            "the tab of 'Your data'");
    driver.switchTo().window(dataWindow);
    fullViewport(driver);
    try {
      until(d -> visible(By.id("kept-title")), "the page 'Your data'");
      assertEquals("1", driver.findElement(By.id("conversations")).getText());
      // Times in the browser's zone, the UTC value kept as the title, the note naming the zone.
      String zone = (String) js("return Intl.DateTimeFormat().resolvedOptions().timeZone;");
      WebElement first = driver.findElement(By.cssSelector("#kept time"));
      assertTrue(first.getAttribute("title").endsWith(" UTC"), first.getAttribute("title"));
      assertFalse(first.getText().endsWith("UTC"), first.getText());
      assertTrue(
          driver.findElement(By.cssSelector("[data-zone-note]")).getText().contains(zone),
          "the note names " + zone);
      until(d -> visible(By.id("withdraw")), "the offer to withdraw").sendKeys(Keys.ENTER);
      WebElement done = until(d -> visible(By.id("done")), "the withdrawal's answer");
      assertTrue(done.getText().startsWith("Your consent is withdrawn"), done.getText());
      assertNull(
          db().string(
                  "SELECT CAST(u.consent_given_at AS VARCHAR(40)) FROM lti_activity_users u"
                      + " JOIN lti_activities a ON a.id = u.activity_id"
                      + " WHERE a.resource_link_id = ? AND u.role = 'STUDENT'",
                  placement));
      assertNoConsoleErrors();
      save(driver, screenshots, "14-my-data.png"); // a tab of its own, not in the LMS's frame
      until(d -> visible(By.id("agree")), "the offer to agree again").sendKeys(Keys.ENTER);
      until(d -> visible(By.id("withdraw")), "consent given again");
    } finally {
      driver.close();
      driver.switchTo().window(chatWindow);
    }
  }

  /** Scenario 3: with a model, the reply streams into the page while it is being written. */
  @Test
  @Order(3)
  void streamedReplyAppearsWhileItIsWritten() throws IOException {
    assertConfigured();
    String before = db().string("SELECT model_base_url FROM organizations WHERE slug = 'demo'");
    try (FakeChatCompletionsServer model = FakeChatCompletionsServer.start()) {
      model.replyWith(STREAMED_REPLY.toArray(String[]::new)).chunkDelay(Duration.ofMillis(400));
      db().update(
              "UPDATE organizations SET model_base_url = ? WHERE slug = 'demo'", model.baseUrl());
      try {
        // The same student again: consent was given, so the chat opens directly.
        launch(lms, STUDENT, placement, "AI assistants");
        tool(By.id("chat"));
        assertTrue(driver.findElements(By.id("consent-title")).isEmpty());
        assertFalse(
            driver.findElement(By.id("model-status")).isDisplayed(),
            "the assistant can answer now");
        assertEquals(
            1,
            driver.findElements(By.cssSelector("#conversations button.conversation")).size(),
            "the earlier conversation is listed");

        WebElement input = driver.findElement(By.id("message"));
        input.sendKeys(STREAMED_QUESTION);
        input.sendKeys(Keys.ENTER); // Enter sends, Shift+Enter would add a line

        String full = String.join("", STREAMED_REPLY);
        // Seen while still streaming: some text, not all, and the reply still pending.
        String partial =
            until(
                d -> {
                  Object seen =
                      js(
                          "var r = document.querySelector('#messages li.msg.assistant');"
                              + " return r && r.classList.contains('pending') ? r.textContent"
                              + " : null;");
                  String text = seen == null ? "" : seen.toString();
                  return text.isEmpty() || text.equals(full) ? null : text;
                },
                "a partly written reply");
        assertTrue(full.startsWith(partial), partial);
        // While it streams, Send waits and Stop is offered; nothing is announced piece by piece.
        assertFalse(driver.findElement(By.id("send")).isEnabled(), "Send waits for the reply");
        assertTrue(driver.findElement(By.id("stop")).isDisplayed(), "Stop is offered");
        assertEquals("", driver.findElement(By.id("announce")).getAttribute("textContent"));
        assertEquals(
            null,
            driver.findElement(By.id("messages")).getAttribute("aria-live"),
            "the streamed pieces are not a live region");
        WebElement reply =
            until(
                d -> {
                  WebElement r = visible(By.cssSelector("#messages li.msg.assistant"));
                  return r != null && !r.getAttribute("class").contains("pending") ? r : null;
                },
                "the finished reply");
        assertEquals(full, reply.findElement(By.cssSelector(".md")).getText().strip());
        assertEquals("msg assistant", reply.getAttribute("class"));
        assertEquals(1, reply.findElements(By.cssSelector("button.copy")).size(), "copy offered");
        assertEquals(
            full,
            driver.findElement(By.id("announce")).getAttribute("textContent"),
            "screen readers hear the whole reply once");
        until(
            d -> driver.findElement(By.id("send")).isEnabled() ? true : null,
            "Send back at the end");
        assertFalse(driver.findElement(By.id("stop")).isDisplayed());
        assertEquals(
            STREAMED_QUESTION,
            driver.findElement(By.cssSelector("#messages li.msg.user")).getText().strip());
        assertPageIsStyledAndCookieFree();
        screenshot("05-chat-streaming.png");

        FakeChatCompletionsServer.RecordedRequest asked = model.lastRequest();
        assertEquals("gpt-4o-mini", asked.body().getString("model"));
        assertTrue(asked.body().getBoolean("stream"));
        var turns = asked.body().getJsonArray("messages");
        assertEquals(STREAMED_QUESTION, turns.getJsonObject(turns.size() - 1).getString("content"));
        assertEquals(1, messages("USER", STREAMED_QUESTION));
        assertEquals(1, messages("ASSISTANT", full), "the finished reply was stored");

        // Stop, from the keyboard, while the next reply streams: the model's request ends (its
        // connection closes), what had arrived stays on the page marked, and is stored PARTIAL.
        input = driver.findElement(By.id("message"));
        input.sendKeys(STOPPED_QUESTION);
        input.sendKeys(Keys.ENTER);
        until(
            d ->
                js(
                    "var r = document.querySelectorAll('#messages li.msg.assistant')[1];"
                        + " return r && r.classList.contains('pending') && r.textContent"
                        + " ? r.textContent : null;"),
            "the second reply under way");
        driver.findElement(By.id("stop")).sendKeys(Keys.ENTER);
        WebElement stopped =
            until(
                d -> visible(By.cssSelector("#messages li.msg.assistant.partial")),
                "the stopped reply, marked");
        assertTrue(stopped.getText().endsWith("(stopped)"), stopped.getText());
        assertTrue(driver.findElement(By.id("send")).isEnabled(), "Send is back");
        assertEquals("message", js("return document.activeElement.id;"), "focus back to typing");
        screenshot("12-chat-stopped.png");
        until(d -> model.streamsLeftByClient() == 1 ? true : null, "the model's request closed");
        until(
            d ->
                "PARTIAL"
                        .equals(
                            db().string(
                                    "SELECT m.status FROM chat_messages m JOIN chat_messages q ON"
                                        + " q.conversation_id = m.conversation_id AND q.content = ?"
                                        + " WHERE m.role = 'ASSISTANT' AND m.id > q.id",
                                    STOPPED_QUESTION))
                    ? true
                    : null,
            "the partial reply stored, marked");
      } finally {
        db().update("UPDATE organizations SET model_base_url = ? WHERE slug = 'demo'", before);
      }
    }
  }

  /** Scenario 4: the instructor reviews the pseudonymised student and opens a transcript. */
  @Test
  @Order(4)
  void dashboardShowsThePseudonymisedStudentAndATranscript() {
    assertConfigured();
    String pseudonym =
        db().string(
                "SELECT u.pseudonym FROM lti_activity_users u JOIN lti_activities a ON a.id ="
                    + " u.activity_id WHERE a.resource_link_id = ? AND u.user_email = ?",
                placement,
                STUDENT.username() + "_" + placement + "@lamb-lti.local");
    assertNotNull(pseudonym, "scenario 2 must have run: the student is known");
    assertTrue(pseudonym.matches(PSEUDONYM), pseudonym);

    launch(lms, INSTRUCTOR, placement, "AI assistants");
    tool(By.id("dash-title"));
    assertPageIsStyledAndCookieFree();
    assertEquals("1", driver.findElement(By.id("stat-students")).getText().strip());
    String students = driver.findElement(By.id("students")).getText();
    assertTrue(students.contains(pseudonym), students);
    String page = driver.findElement(By.tagName("body")).getText();
    assertFalse(page.contains(STUDENT.name()), "the student's name is never shown");
    assertFalse(page.contains(STUDENT.email()), "the student's email is never shown");

    WebElement topic =
        driver.findElement(
            By.xpath(
                "//button[contains(@class,'transcript') and normalize-space()='"
                    + STREAMED_QUESTION
                    + "']"));
    topic.click();
    WebElement heading =
        until(d -> visible(By.cssSelector("#transcript h3")), "the transcript heading");
    // The frame's own document (not the LMS page) is scrolled to the transcript, which is
    // photographed as it is, before the assertions.
    js(
        "var t = document.getElementById('transcript');"
            + " window.scrollTo(0, t.getBoundingClientRect().top + window.scrollY - 380);");
    screenshot("06-dashboard-transcript.png");
    assertEquals(pseudonym + " with Physics Tutor", heading.getText().strip());
    String transcript = driver.findElement(By.id("transcript")).getText();
    assertTrue(transcript.contains(pseudonym + ":\n" + STREAMED_QUESTION), transcript);
    assertTrue(
        transcript.contains("Physics Tutor:\n" + String.join("", STREAMED_REPLY)), transcript);
    assertEquals(
        "transcript", js("return document.activeElement.id;"), "focus moves to the transcript");
    assertNoConsoleErrors();
  }

  /** Scenario 5: the pages that end a launch early also work in the frame. */
  @Test
  @Order(5)
  void waitingContactAdminAndErrorPagesWorkInTheFrame() {
    Lms other = new Lms(app(), KEY, SECRET);

    launch(other, Person.student(), Lms.newPlacement(), "Week 2 assistants");
    assertEquals("Not set up yet", tool(By.id("w-title")).getText().strip());
    assertPageIsStyledAndCookieFree();
    screenshot("07-waiting.png");

    String unknown = "nobody-" + UUID.randomUUID() + "@example.edu";
    String unconfigured = Lms.newPlacement();
    launch(other, Person.instructor(unknown), unconfigured, "Week 3 assistants");
    assertEquals("Contact your LTI Bridge administrator", tool(By.id("c-title")).getText().strip());
    assertTrue(driver.findElement(By.tagName("main")).getText().contains(unknown));
    assertPageIsStyledAndCookieFree();
    screenshot("08-contact-admin.png");
    assertEquals(
        0,
        db().count("SELECT COUNT(*) FROM lti_activities WHERE resource_link_id = ?", unconfigured));

    Map<String, String> forged =
        other.signed(
            other.params(Person.student(), Lms.newPlacement()),
            KEY,
            "not-the-secret",
            Rfc5849Signer.Method.HMAC_SHA1);
    open(lmsPage.launchPage(app().resolve(Lms.UNIFIED), forged, "Week 4 assistants"));
    WebElement title = tool(By.id("err-title"));
    assertFalse(title.getText().isBlank());
    WebElement card = driver.findElement(By.cssSelector("section.card.notice.error"));
    assertEquals("alert", card.getAttribute("role"));
    assertTrue(
        card.getText().matches("(?s).*Error 4\\d\\d.*"), "a 4xx error page: " + card.getText());
    assertPageIsStyledAndCookieFree();
    screenshot("09-error.png");
  }

  /**
   * Scenario 6: the setup form works with the keyboard alone. Tab goes from the activity name to
   * the first assistant's checkbox and on to the submit button; Space ticks, Enter submits.
   */
  @Test
  @Order(6)
  void setupPageWorksWithTheKeyboardAlone() {
    String keyboardPlacement = Lms.newPlacement();
    launch(lms, Person.instructor(DEMO_INSTRUCTOR), keyboardPlacement, "Keyboard check");
    tool(By.id("setup-title"));
    assertEveryFieldLabelled();
    String firstCheckbox = firstAssistantCheckbox();

    List<String> order = new ArrayList<>();
    focusFrameTop();
    for (int i = 0; i < 20 && !order.contains("save"); i++) {
      order.add(tab());
      if (firstCheckbox.equals(order.get(order.size() - 1))) {
        new Actions(driver).sendKeys(Keys.SPACE).perform();
        assertTrue(
            driver.findElement(By.id(firstCheckbox)).isSelected(), "Space ticks the checkbox");
      }
    }
    assertEquals("activity_name", order.get(0), "Tab order: " + order);
    assertTrue(order.contains(firstCheckbox), "Tab reaches the first checkbox: " + order);
    assertTrue(order.contains("save"), "Tab reaches the submit button: " + order);
    assertTrue(
        order.indexOf(firstCheckbox) < order.indexOf("save"), "checkbox before submit: " + order);

    new Actions(driver).sendKeys(Keys.ENTER).perform();
    tool(By.id("dash-title"));
    assertEquals(1, db().rowsOf("lti_activity_assistants", keyboardPlacement));
    assertNoConsoleErrors();
  }

  /**
   * Scenario 6, continued: the keyboard focus is visible on every kind of control of the setup form
   * (app.css promises a 3px outline on {@code :focus-visible}, WCAG 2.4.7).
   */
  @Test
  @Order(7)
  void keyboardFocusIsVisibleOnEveryControlOfTheSetupForm() {
    launch(lms, Person.instructor(DEMO_INSTRUCTOR), Lms.newPlacement(), "Focus check");
    tool(By.id("setup-title"));
    String firstCheckbox = firstAssistantCheckbox();
    Map<String, String> outlines = new LinkedHashMap<>();
    focusFrameTop();
    for (int i = 0; i < 20 && !outlines.containsKey("save"); i++) {
      String id = tab();
      if (List.of("activity_name", firstCheckbox, "save").contains(id)) {
        outlines.put(
            id,
            String.valueOf(
                js(
                    "var s = getComputedStyle(document.activeElement);"
                        + " return s.outlineStyle + ' ' + s.outlineWidth;")));
      }
    }
    assertEquals(
        Map.of("activity_name", "solid 3px", firstCheckbox, "solid 3px", "save", "solid 3px"),
        outlines,
        "focus outline of each control, as computed when reached with Tab");
  }

  /**
   * After the whole run, the browser holds no cookie of the tool: whatever the application may have
   * tried to set in the frame was dropped, and every page above worked without one.
   */
  @Test
  @Order(8)
  void browserHoldsNoCookieOfTheTool() {
    driver.switchTo().defaultContent();
    assertEquals(List.of(), toolCookies(driver), "cookies stored for localhost");
  }

  // ------------------------------------------------------------------ helpers

  /** The application as the browser addresses it in the frame: another site than 127.0.0.1. */
  static String firstAssistantCheckbox() {
    return driver
        .findElement(By.cssSelector("input[type=checkbox][name=assistant_ids]"))
        .getAttribute("id");
  }

  /**
   * Puts the keyboard focus into the frame's document, at its top: a click on the page heading,
   * which is not focusable, moves the starting point of sequential navigation there.
   */
  static void focusFrameTop() {
    driver.findElement(By.tagName("h1")).click();
  }

  /** Presses Tab; returns the id (or tag name) of the element that then has the focus. */
  static String tab() {
    new Actions(driver).sendKeys(Keys.TAB).perform();
    return String.valueOf(
        js("var e = document.activeElement; return e ? (e.id || e.tagName) : null;"));
  }

  static URI app() {
    return URI.create("http://localhost:" + base().getPort() + "/");
  }

  static void assertConfigured() {
    assertEquals(
        1,
        db().count("SELECT COUNT(*) FROM lti_activities WHERE resource_link_id = ?", placement),
        "scenario 1 must have configured the placement");
  }

  /** Opens a fake LMS course page that launches {@code who} into the tool frame. */
  static void launch(Lms from, Person who, String resourceLinkId, String caption) {
    Map<String, String> signed = from.signed(from.params(who, resourceLinkId));
    open(lmsPage.launchPage(app().resolve(Lms.UNIFIED), signed, caption));
  }

  static void open(URI lmsPageUrl) {
    driver.switchTo().defaultContent();
    driver.get(lmsPageUrl.toString());
    String header = driver.findElement(By.id("lms-header")).getText();
    assertTrue(header.startsWith(lmsPage.header()), header);
  }

  /**
   * Switches into the tool frame and waits until its page is loaded and shows {@code what}; the
   * frame is re-entered on each attempt, as its document is replaced by every navigation.
   */
  static WebElement tool(By what) {
    return until(
        d -> {
          d.switchTo().defaultContent();
          d.switchTo().frame(FRAME);
          if (!"complete".equals(js("return document.readyState;"))) {
            return null;
          }
          WebElement e = d.findElement(what);
          return e.isDisplayed() ? e : null;
        },
        "the tool frame to show " + what);
  }

  static <T> T until(java.util.function.Function<ChromeDriver, T> condition, String what) {
    return PageWait.until(driver, WAIT, condition, () -> "waiting for " + what);
  }

  static WebElement visible(By by) {
    List<WebElement> found = driver.findElements(by);
    return !found.isEmpty() && found.get(0).isDisplayed() ? found.get(0) : null;
  }

  static Object js(String script) {
    return ((JavascriptExecutor) driver).executeScript(script);
  }

  /** In the frame: app.css was applied and the page sees no cookie at all. */
  static void assertPageIsStyledAndCookieFree() {
    assertEquals(
        "rgb(16, 42, 67)",
        js("return getComputedStyle(document.querySelector('header.bar')).backgroundColor;"),
        "app.css is loaded in the frame");
    assertEquals("", js("return document.cookie;"), "the framed page sees no cookie");
    assertTrue(
        String.valueOf(js("return location.href;")).startsWith(app().toString()),
        "the frame shows the tool at localhost");
    assertNoConsoleErrors();
  }

  /** Every visible form field of the page in the frame has at least one label. */
  static void assertEveryFieldLabelled() {
    Object unlabelled =
        js(
            "return Array.from(document.querySelectorAll("
                + "'input:not([type=hidden]), select, textarea'))"
                + ".filter(function (e) { return !e.labels || e.labels.length === 0; })"
                + ".map(function (e) { return e.id || e.name || e.outerHTML; });");
    assertEquals(List.of(), unlabelled, "fields without a label");
  }

  /** No script error, failed resource or CSP violation was logged since the last check. */
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

  static void drainConsole() {
    driver.manage().logs().get(LogType.BROWSER);
  }

  static void delete(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory: left for the system to clean
    }
  }

  /** A PNG of the whole fake LMS page, so that the framing shows. */
  static void screenshot(String name) {
    driver.switchTo().defaultContent();
    js("window.scrollTo(0, 0);");
    save(driver, screenshots, name);
    driver.switchTo().frame(FRAME);
  }

  /** target/screenshots, or {@code -Dscreenshots.dir} (docs/screenshots for the README). */
  static Path screenshotDirectory() {
    return Path.of(System.getProperty("project.basedir", "."))
        .resolve(System.getProperty("screenshots.dir", "target/screenshots"))
        .toAbsolutePath();
  }

  /**
   * Saves the whole viewport of {@code browser} as {@code dir/name} (a 1280x900 PNG), after
   * checking the page with axe-core ({@link Axe}): every page the README shows is checked.
   */
  static void save(ChromeDriver browser, Path dir, String name) {
    Axe.assertAccessible(browser, name);
    byte[] png = browser.getScreenshotAs(OutputType.BYTES);
    try {
      var image = ImageIO.read(new ByteArrayInputStream(png));
      assertNotNull(image, name + " is a PNG");
      assertEquals(
          "1280x900", image.getWidth() + "x" + image.getHeight(), name + ": the whole viewport");
      Files.createDirectories(dir);
      Files.write(dir.resolve(name), png);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static long messages(String role, String content) {
    return db().count(
            "SELECT COUNT(*) FROM chat_messages m JOIN conversations c ON c.id = m.conversation_id"
                + " JOIN lti_activities a ON a.id = c.activity_id WHERE a.resource_link_id = ?"
                + " AND m.role = ? AND m.status = 'COMPLETE' AND CAST(m.content AS VARCHAR(8000))"
                + " = ?",
            placement,
            role,
            content);
  }
}
