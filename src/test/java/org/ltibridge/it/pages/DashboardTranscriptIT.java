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
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ltibridge.it.BigActivity;
import org.ltibridge.it.ItBase;
import org.ltibridge.it.Lms;
import org.ltibridge.it.Lms.Person;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The instructor dashboard launched in Spanish, in headless Chromium inside a fake LMS's frame
 * ({@link PagesInIframeIT#chromium}): its words, charts, pager and script in Spanish, the language
 * carried by its forms; and a transcript whose replies are Markdown rendered as in the chat
 * (render.js: a table, highlighted code, formulas) while a hostile reply ({@link
 * ChatRenderingIT#HOSTILE_REPLY}) and a student's HTML run nothing. Screenshot {@code
 * 37-dashboard-transcript-es.png}, checked by axe-core.
 */
class DashboardTranscriptIT extends ItBase {

  static final Duration WAIT = Duration.ofSeconds(30);
  static final String QUESTION = "Explain <b>energy</b> <script>window.pwned=1</script> please";

  private static ChromeDriver driver;
  private static Path profile;
  private static FakeLmsPage lmsPage;

  @BeforeAll
  static void start() throws IOException {
    lmsPage = FakeLmsPage.start("Moodle");
    profile = Files.createTempDirectory("ltibridge-chromium-transcript-");
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
  void aSpanishDashboardRendersATranscriptsMarkdownAndRunsNothingOfIt() {
    URI app = URI.create("http://localhost:" + base().getPort() + "/");
    Lms lms = new Lms(app, KEY, SECRET);
    BigActivity big = new BigActivity(lms, true, 4, 0);
    BigActivity.Student student = big.students.get(0); // consented
    long chat = conversation(big, student);

    Map<String, String> params =
        lms.params(Person.instructor("demo-instructor@example.edu"), big.placement);
    params.put("launch_presentation_locale", "es-ES");
    driver.get(lmsPage.launchPage(app.resolve(Lms.UNIFIED), lms.signed(params), "IA").toString());
    tool(By.id("dash-title"));

    // The page, in Spanish from the launch, and its forms carry it on.
    assertEquals("es", js("return document.documentElement.lang;"));
    assertTrue(String.valueOf(js("return location.search;")).endsWith("&lang=es"));
    assertEquals("Abrir el chat", driver.findElement(By.id("open-chat")).getText().strip());
    assertEquals(
        "Uso a lo largo del tiempo", driver.findElement(By.id("usage-title")).getText().strip());
    assertEquals(
        "Estudiantes 1\u20135 de 5",
        driver.findElement(By.id("students-status")).getText().strip());
    assertEquals(
        "Chats 1\u20131 de 1", driver.findElement(By.id("chats-status")).getText().strip());
    assertEquals(
        "Estudiantes activos por día",
        js("return document.querySelector('#chart-students-title').textContent;"));
    assertTrue(
        String.valueOf(js("return document.querySelector('#chart-students-desc').textContent;"))
            .contains("Las cifras están en la tabla «Uso por día»."));
    for (WebElement lang : driver.findElements(By.cssSelector("form input[name=lang]"))) {
      assertEquals("es", lang.getDomAttribute("value"), "a form of the dashboard carries it");
    }
    assertFalse(driver.findElements(By.cssSelector("form input[name=lang]")).isEmpty());
    String page = driver.findElement(By.tagName("body")).getText();
    for (String english : List.of("Open chat", "Usage over time", "Chat transcripts", "Per page")) {
      assertFalse(page.contains(english), english + " left in English");
    }

    // A refused filter is told in Spanish too (the script's requests carry the language).
    js(
        "document.getElementById('filter-from').value = '2026-02-02';"
            + " document.getElementById('filter-to').value = '2026-02-01';");
    driver.findElement(By.id("filter-apply")).click();
    until(
        () ->
            driver
                .findElement(By.id("chats-error"))
                .getText()
                .contains("no puede ser posterior al último"));

    // The transcript: the reply's Markdown rendered, the student's words as plain text.
    driver.findElement(By.cssSelector("button.transcript[data-chat='" + chat + "']")).click();
    until(() -> !driver.findElements(By.cssSelector("#transcript .line.assistant .md")).isEmpty());
    WebElement view = driver.findElement(By.id("transcript"));
    assertEquals(
        student.pseudonym() + " con Physics Tutor",
        view.findElement(By.tagName("h3")).getText().strip());
    WebElement rich = view.findElements(By.cssSelector(".line.assistant .md")).get(0);
    assertEquals("Energy", rich.findElement(By.tagName("h2")).getText());
    assertEquals(2, rich.findElements(By.cssSelector("table tbody tr")).size(), "the table");
    assertFalse(
        rich.findElements(By.cssSelector("pre code.hljs.language-java span.hljs-keyword"))
            .isEmpty(),
        "the code coloured");
    assertEquals(3, rich.findElements(By.cssSelector(".katex")).size(), "three formulas");
    assertFalse(rich.getText().contains("$"), rich.getText());
    WebElement asked = view.findElement(By.cssSelector(".line.user .text"));
    assertEquals(QUESTION, asked.getText().strip(), "a student's HTML is shown as text");

    // The hostile reply: every link that stays in the page clicked, nothing ran.
    WebElement hostile = view.findElements(By.cssSelector(".line.assistant .md")).get(1);
    assertTrue(hostile.getText().contains("Formula:"), hostile.getText());
    WebElement x = hostile.findElement(By.xpath(".//a[normalize-space()='x']"));
    assertNull(x.getDomAttribute("href"), "a javascript: address is dropped");
    for (WebElement a : hostile.findElements(By.tagName("a"))) {
      String href = a.getDomAttribute("href");
      if (href == null || href.startsWith("#")) {
        js("arguments[0].click();", a);
      }
    }
    WebElement safe = hostile.findElement(By.xpath(".//a[normalize-space()='z']"));
    assertEquals("noopener noreferrer", safe.getDomAttribute("rel"));
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
            "return document.querySelectorAll('#transcript script, #transcript iframe,"
                + " #transcript svg:not(.katex svg), #transcript img').length;"));
    assertEquals("undefined", js("return typeof window.pwned + '';"), "nothing ran in the frame");
    driver.switchTo().defaultContent();
    assertEquals("undefined", js("return typeof window.pwned + '';"), "nor in the LMS page");
    driver.switchTo().frame(FakeLmsPage.FRAME);
    assertEquals(1, driver.getWindowHandles().size(), "no tab was opened");

    js(
        "var t = document.getElementById('transcript');"
            + " window.scrollTo(0, t.getBoundingClientRect().top + window.scrollY - 120);");
    driver.switchTo().defaultContent();
    PagesInIframeIT.save(
        driver, PagesInIframeIT.screenshotDirectory(), "37-dashboard-transcript-es.png");
    driver.switchTo().frame(FakeLmsPage.FRAME);
  }

  /** A reviewable chat of {@code student}: a question in HTML, a rich reply, a hostile one. */
  static long conversation(BigActivity big, BigActivity.Student student) {
    LocalDateTime begun = LocalDateTime.now(ZoneOffset.UTC).withNano(0).minusMinutes(10);
    db().update(
            "INSERT INTO conversations (activity_id, activity_user_id, assistant_id, title,"
                + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
            big.activity,
            student.id(),
            big.physics,
            "Energy",
            begun,
            begun.plusMinutes(4));
    long id =
        db().count("SELECT MAX(id) FROM conversations WHERE activity_user_id = ?", student.id());
    List<String[]> lines =
        List.of(
            new String[] {"USER", QUESTION},
            new String[] {"ASSISTANT", String.join("", ChatRenderingIT.RICH_REPLY)},
            new String[] {"USER", "And something else?"},
            new String[] {"ASSISTANT", String.join("", ChatRenderingIT.HOSTILE_REPLY)});
    for (int k = 0; k < lines.size(); k++) {
      db().update(
              "INSERT INTO chat_messages (conversation_id, role, content, status, created_at)"
                  + " VALUES (?, ?, ?, 'COMPLETE', ?)",
              id,
              lines.get(k)[0],
              lines.get(k)[1],
              begun.plusMinutes(k + 1));
    }
    return id;
  }

  static Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  static void until(java.util.function.BooleanSupplier condition) {
    PageWait.until(
        driver, WAIT, d -> condition.getAsBoolean() ? Boolean.TRUE : null, () -> "waiting");
  }

  static WebElement tool(By what) {
    return PageWait.until(
        driver,
        WAIT,
        d -> {
          d.switchTo().defaultContent();
          d.switchTo().frame(FakeLmsPage.FRAME);
          if (!"complete".equals(js("return document.readyState;"))) {
            return null;
          }
          WebElement e = d.findElement(what);
          return e.isDisplayed() ? e : null;
        },
        () -> "the tool frame to show " + what);
  }
}
