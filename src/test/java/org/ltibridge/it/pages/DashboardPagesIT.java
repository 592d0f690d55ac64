package org.ltibridge.it.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ltibridge.it.BigActivity;
import org.ltibridge.it.ItBase;
import org.ltibridge.it.Lms;
import org.ltibridge.it.Lms.Person;
import org.ltibridge.it.NamedActivity;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;

/**
 * The instructor dashboard of a big activity in a real browser, inside a fake LMS's frame with
 * third-party cookies blocked ({@link PagesInIframeIT#chromium}): the usage charts with their
 * tables, the students paged with the keyboard alone (Enter and Space on Previous and Next, the
 * arrow keys on the page size), the focus kept when a button at the end of the list is disabled,
 * the chats filtered, a download saved by the browser, and the token in no URL the page requested.
 * Screenshots {@code 15-dashboard-trends.png} and {@code 16-dashboard-paging.png}, each checked by
 * axe-core.
 */
class DashboardPagesIT extends ItBase {

  static final Duration WAIT = Duration.ofSeconds(30);

  private static ChromeDriver driver;
  private static Path profile;
  private static Path downloads;
  private static FakeLmsPage lmsPage;

  @BeforeAll
  static void start() throws IOException {
    lmsPage = FakeLmsPage.start("Moodle");
    profile = Files.createTempDirectory("ltibridge-chromium-");
    downloads = Files.createTempDirectory("ltibridge-downloads-");
    driver = PagesInIframeIT.chromium(profile, true);
    driver.executeCdpCommand(
        "Browser.setDownloadBehavior",
        Map.of("behavior", "allow", "downloadPath", downloads.toString()));
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
    PagesInIframeIT.delete(downloads);
  }

  @Test
  void anInstructorPagesFiltersAndDownloadsWithTheKeyboard() throws Exception {
    URI app = URI.create("http://localhost:" + base().getPort() + "/");
    Lms lms = new Lms(app, KEY, SECRET);
    BigActivity big = new BigActivity(lms, true, 60, 45);
    Map<String, String> signed =
        lms.signed(lms.params(Person.instructor("demo-instructor@example.edu"), big.placement));
    driver.get(lmsPage.launchPage(app.resolve(Lms.UNIFIED), signed, "AI assistants").toString());
    tool(By.id("dash-title"));

    // Trends: five charts, each an image with a name, and the tables that hold their figures.
    List<WebElement> charts = driver.findElements(By.cssSelector("svg.chart[role=img]"));
    assertEquals(5, charts.size());
    for (WebElement chart : charts) {
      assertFalse(
          String.valueOf(js("return arguments[0].getAttribute('aria-labelledby');", chart))
              .isBlank());
    }
    assertEquals(
        "Usage per day",
        driver.findElement(By.cssSelector("#usage-days caption")).getText().strip());
    assertEquals(
        15,
        driver.findElements(By.cssSelector("#usage-days tbody tr")).size(),
        "one row per day with chats");
    assertTrue(driver.findElement(By.id("usage-assistants")).getText().contains(big.chemistryName));
    scrollTo("usage");
    screenshot("15-dashboard-trends.png");

    // Students, 20 a page: Next with Enter until the end, Previous with Space, then 50 a page.
    WebElement status = driver.findElement(By.id("students-status"));
    assertEquals("Students 1\u201320 of 61", status.getText().strip());
    String firstOnPageOne = firstCell("students-rows");
    js("document.getElementById('students-next').focus();");
    key(Keys.ENTER);
    until(() -> status.getText().strip().equals("Students 21\u201340 of 61"));
    assertNotEquals(firstOnPageOne, firstCell("students-rows"));
    key(Keys.ENTER);
    until(() -> status.getText().strip().equals("Students 41\u201360 of 61"));
    // Photographed here: page 3 of 4, the keyboard focus visible on Next.
    scrollTo("students-title");
    screenshot("16-dashboard-paging.png");
    key(Keys.ENTER);
    until(() -> status.getText().strip().equals("Students 61\u201361 of 61"));
    assertFalse(driver.findElement(By.id("students-next")).isEnabled(), "the last page");
    assertEquals(
        "students-prev",
        js("return document.activeElement.id;"),
        "the focus moves to Previous, not lost with the disabled button");
    key(Keys.SPACE);
    until(() -> status.getText().strip().equals("Students 41\u201360 of 61"));
    js("document.getElementById('students-size').focus();");
    key(Keys.ARROW_DOWN);
    until(() -> status.getText().strip().equals("Students 1\u201350 of 61"));
    assertEquals(50, driver.findElements(By.cssSelector("#students-rows tr")).size());
    assertEquals(firstOnPageOne, firstCell("students-rows"), "the same order");

    // Chats: only the consenting students' (every other one), filtered by assistant.
    long reviewable = big.chats.stream().filter(c -> c.student().consented()).count();
    WebElement chats = driver.findElement(By.id("chats-status"));
    assertEquals("Chats 1\u201320 of " + reviewable, chats.getText().strip());
    long chemistry =
        big.chats.stream()
            .filter(c -> c.student().consented() && c.assistant() == big.chemistry)
            .count();
    js(
        "document.getElementById('filter-assistant').value = arguments[0];",
        String.valueOf(big.chemistry));
    driver.findElement(By.id("filter-apply")).click();
    until(() -> chats.getText().strip().equals("Chats 1\u2013" + chemistry + " of " + chemistry));
    for (WebElement cell : driver.findElements(By.cssSelector("#chats-rows tr td:nth-child(2)"))) {
      assertEquals(big.chemistryName, cell.getText().strip());
    }
    js(
        "document.getElementById('filter-from').value = '2026-02-02';"
            + " document.getElementById('filter-to').value = '2026-02-01';");
    driver.findElement(By.id("filter-apply")).click();
    until(() -> driver.findElement(By.id("chats-error")).getText().contains("must not be after"));
    assertEquals(
        "Chats 1\u2013" + chemistry + " of " + chemistry,
        chats.getText().strip(),
        "a refused filter leaves the list as it was");

    // A download, saved by the browser from the answer fetched with the Bearer header.
    driver.findElement(By.id("download-access-csv")).click();
    Path file = downloads.resolve("access-log-activity-" + big.activity + ".csv");
    until(() -> Files.exists(file) && !Files.exists(Path.of(file + ".crdownload")));
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertEquals("pseudonym,first_access,last_access,visits,chats,messages", lines.get(0));
    assertEquals(62, lines.size(), "a header and 61 students");
    until(
        () ->
            driver
                .findElement(By.id("download-status"))
                .getText()
                .contains("Downloaded access-log-activity-" + big.activity + ".csv"));

    // The token was in the frame's first URL only: no request of the page carried it.
    Object requested =
        js(
            "var token = arguments[0];"
                + " return performance.getEntriesByType('resource').map(function (e) {"
                + " return e.name; }).filter(function (u) { return u.indexOf(token) >= 0; });",
            big.ownerToken);
    assertEquals(List.of(), requested);
    assertEquals(List.of(), PagesInIframeIT.toolCookies(driver), "no cookie");
  }

  /**
   * Identity policy (issue #19): a student of an activity that shows names is told so on the notice
   * before their first message; the instructor then sees the name beside the pseudonym, in the list
   * and the transcript, and the owner's form says what is shown; the organisation's admin finds the
   * read in the console. Screenshots {@code 17-consent-names.png}, {@code 18-dashboard-names.png}
   * and {@code 38-names-record.png}, each checked by axe-core.
   */
  @Test
  void aNamedActivityTellsTheStudentShowsTheNameAndRecordsTheRead() throws Exception {
    URI app = URI.create("http://localhost:" + base().getPort() + "/");
    Lms lms = new Lms(app, KEY, SECRET);
    try (NamedActivity named = new NamedActivity(lms)) {
      Person student = Person.student();
      driver.get(
          lmsPage
              .launchPage(
                  app.resolve(Lms.UNIFIED),
                  lms.signed(lms.params(student, named.placement)),
                  "AI assistants")
              .toString());
      WebElement told = tool(By.id("named"));
      assertTrue(told.getText().contains("see your name"), told.getText());
      screenshot("17-consent-names.png");
      driver.findElement(By.id("accept")).click();
      tool(By.id("composer"));
      named.chat(student);

      Map<String, String> owner = lms.signed(lms.params(named.owner(), named.placement));
      driver.get(lmsPage.launchPage(app.resolve(Lms.UNIFIED), owner, "AI assistants").toString());
      tool(By.id("dash-title"));
      String shown = firstCell("students-rows");
      assertTrue(shown.endsWith("(" + student.name() + ")"), shown);
      assertTrue(
          driver.findElement(By.id("m-named")).isSelected(),
          "the owner's form says names are shown");
      driver.findElement(By.cssSelector("#chats-rows button.transcript")).click();
      WebElement heading =
          PageWait.until(
              driver,
              WAIT,
              d -> {
                List<WebElement> h = d.findElements(By.cssSelector("#transcript h3"));
                return h.isEmpty() || h.get(0).getText().isBlank() ? null : h.get(0);
              },
              () -> "the transcript");
      assertTrue(heading.getText().contains(student.name()), heading.getText());
      scrollTo("chats-title");
      screenshot("18-dashboard-names.png");
      assertEquals(
          1,
          db().count(
                  "SELECT COUNT(*) FROM transcript_views WHERE activity_id = ?", named.activity));

      // The organisation's record, in the console (a page of its own, not in a frame).
      driver.switchTo().defaultContent();
      driver.get(base() + "ui/login.xhtml");
      driver.findElement(By.id("login:username")).sendKeys("it-admin");
      driver.findElement(By.id("login:password")).sendKeys("it-admin-password-1", Keys.ENTER);
      until(() -> !driver.getCurrentUrl().endsWith("/ui/login.xhtml"));
      driver.get(base() + "ui/admin/organization.xhtml?org=" + named.slug);
      PageWait.until(
          driver, WAIT, d -> d.findElements(By.id("names")).isEmpty() ? null : true, () -> "names");
      assertTrue(driver.findElement(By.id("namesForm:allowed")).isSelected());
      String record = driver.findElement(By.id("names")).getText();
      assertTrue(record.contains(student.name()), record);
      assertTrue(record.contains("Ines Instructor"), record);
      js("document.getElementById('names').scrollIntoView();");
      PagesInIframeIT.save(driver, PagesInIframeIT.screenshotDirectory(), "38-names-record.png");
    }
  }

  static String firstCell(String body) {
    return driver
        .findElement(By.cssSelector("#" + body + " tr:first-child td:first-child"))
        .getText()
        .strip();
  }

  static void key(CharSequence key) {
    new Actions(driver).sendKeys(key).perform();
  }

  static Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  static void scrollTo(String id) {
    js(
        "var t = document.getElementById(arguments[0]);"
            + " window.scrollTo(0, t.getBoundingClientRect().top + window.scrollY - 8);",
        id);
  }

  /** The whole fake LMS page (the frame scrolled as it is), checked by axe-core. */
  static void screenshot(String name) {
    driver.switchTo().defaultContent();
    PagesInIframeIT.save(driver, PagesInIframeIT.screenshotDirectory(), name);
    driver.switchTo().frame(FakeLmsPage.FRAME);
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
