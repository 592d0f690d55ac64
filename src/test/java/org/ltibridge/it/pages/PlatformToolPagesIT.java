package org.ltibridge.it.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ltibridge.it.ItBase;
import org.ltibridge.it.PlatformToolScenario;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * The platform console's tool page in a real browser (headless Chromium), driven from the keyboard
 * where a keyboard user would: from the list of registered tools to one tool's page, which shows
 * why a grade may not have arrived (its line item, the score received, the error answered to a
 * refused score); the tool deactivated, renamed, reactivated, and its removal refused because it
 * holds a result. Each step is checked in the database, and after each focus is on its answer;
 * every field has a label, every button a name and a place in the Tab order, text meets WCAG 2.1 AA
 * contrast, and the browser logs no error.
 *
 * <p>Screenshots ({@code target/screenshots/}, or {@code -Dscreenshots.dir=docs/screenshots}):
 * {@code 40-platform-tool.png} (deactivated, with its message) and {@code
 * 41-platform-tool-diagnostics.png} (line items, last scores, last errors).
 */
class PlatformToolPagesIT extends ItBase {

  static final String ADMIN = "it-admin";
  static final String ADMIN_PASSWORD = "it-admin-password-1";
  static final Duration WAIT = Duration.ofSeconds(30);

  private static Path profile;
  private static Path screenshots;
  private static ChromeDriver driver;

  @BeforeAll
  static void startBrowser() throws Exception {
    screenshots = PagesInIframeIT.screenshotDirectory();
    profile = Files.createTempDirectory("ltibridge-tools-");
    driver = PagesInIframeIT.chromium(profile, true);
  }

  @AfterAll
  static void stopBrowser() {
    if (driver != null) {
      driver.quit();
    }
    PagesInIframeIT.delete(profile);
  }

  @Test
  void aSystemAdminDiagnosesDeactivatesEditsAndReactivatesATool() {
    try (PlatformToolScenario tool = new PlatformToolScenario()) {
      driver.get(base() + "ui/login.xhtml");
      type(By.id("login:username"), ADMIN);
      type(By.id("login:password"), ADMIN_PASSWORD);
      click(By.id("login:signIn"));
      until(d -> !d.getCurrentUrl().contains("/ui/login.xhtml"), "the sign-in to lead on");

      // From the list of tools to this one's page, by keyboard.
      driver.get(base() + "ui/admin/platform.xhtml");
      WebElement manage =
          waitFor(By.xpath("//a[starts-with(normalize-space(), 'Manage " + tool.name() + ":')]"));
      pressWithKeyboard(manage);
      waitForText(By.id("tool-title"), tool.name());
      assertEquals("Active", text(By.id("tool-state")));

      // Why has a grade not arrived? The line item, the score received, the refused one's error.
      waitForText(By.id("line-items"), tool.lineItemLabel());
      waitForText(By.id("scores"), tool.learnerEmail());
      waitForText(By.id("errors"), "is not a learner of this course");
      assertTrue(text(By.id("errors")).contains("/scores"), text(By.id("errors")));
      assertAccessible();

      // Deactivated from the keyboard: the page says what it means, the database agrees.
      pressWithKeyboard(waitFor(By.id("state:deactivate")));
      answerHasFocus("has been deactivated");
      assertEquals("Deactivated", text(By.id("tool-state")));
      assertEquals("false", active(tool));
      assertAccessible();
      js("window.scrollTo(0, 0);");
      PagesInIframeIT.save(driver, screenshots, "40-platform-tool.png");

      // Renamed through the edit form.
      type(By.id("edit:name"), tool.name() + " (renamed)");
      pressWithKeyboard(waitFor(By.id("edit:save")));
      answerHasFocus("Saved " + tool.name() + " (renamed)");
      assertEquals(
          tool.name() + " (renamed)",
          db().string("SELECT name FROM lti_tools WHERE id = ?", tool.toolId()));
      waitForText(By.id("tool-title"), "(renamed)");

      js(
          "var s = document.getElementById('diagnostics'); s.scrollIntoView({block: 'start'});"
              + " window.scrollBy(0, -16);");
      PagesInIframeIT.save(driver, screenshots, "41-platform-tool-diagnostics.png");

      // Reactivated; removal refused with its reason, since the tool holds a learner's result.
      pressWithKeyboard(waitFor(By.id("state:activate")));
      answerHasFocus("has been reactivated");
      assertEquals("Active", text(By.id("tool-state")));
      assertEquals("true", active(tool));
      click(By.cssSelector("label[for='remove:confirm']"));
      pressWithKeyboard(waitFor(By.id("remove:save")));
      answerHasFocus("Deactivate it instead");
      assertEquals(1, db().count("SELECT COUNT(*) FROM lti_tools WHERE id = ?", tool.toolId()));
      assertNoConsoleErrors();
    }
  }

  /** The page's answer says {@code text} and has the focus (console.js, data-focus). */
  private static void answerHasFocus(String text) {
    waitForText(By.id("answer"), text);
    until(
        d -> "answer".equals(d.switchTo().activeElement().getAttribute("id")),
        "focus on the answer");
  }

  /**
   * WCAG 2.1 §1.4.3: the visible text of the page's sections (cells, status labels, buttons,
   * labels) has a contrast ratio of at least 4.5:1 against the background it is drawn on.
   */
  private static void assertContrast() {
    Object low =
        js(
            "var lum = function (c) { var m = c.match(/[\\d.]+/g).map(Number);"
                + " var ch = m.slice(0, 3).map(function (v) { v /= 255;"
                + " return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });"
                + " return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2]; };"
                + " var bg = function (e) { for (; e; e = e.parentElement) {"
                + " var c = getComputedStyle(e).backgroundColor;"
                + " var a = c.match(/[\\d.]+/g).map(Number);"
                + " if (a.length < 4 || a[3] > 0) { return c; } } return 'rgb(255, 255, 255)'; };"
                + " var out = [];"
                + " document.querySelectorAll('main td, main th, main .status, main"
                + " input[type=submit], main label, main legend, main p').forEach(function (e) {"
                + " if (!e.offsetParent || !(e.value || e.textContent).trim()) { return; }"
                + " var l1 = lum(getComputedStyle(e).color), l2 = lum(bg(e));"
                + " var r = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);"
                + " if (r < 4.5) { out.push((e.id || e.className || e.tagName) + ' '"
                + " + (e.value || e.textContent).trim().substring(0, 30) + ': ' + r.toFixed(2)); } });"
                + " return out;");
    assertEquals(List.of(), low, "text below 4.5:1");
  }

  private static String active(PlatformToolScenario tool) {
    // Lower case: H2 writes a boolean as TRUE, PostgreSQL as true.
    return db().string(
            "SELECT CAST(active AS VARCHAR(5)) FROM lti_tools WHERE id = ?", tool.toolId())
        .toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * Every visible field has a label, every button a name and a place in the Tab order, every data
   * table a caption, and text its contrast.
   */
  private static void assertAccessible() {
    AdminConsolePagesIT.assertEveryFieldLabelled(driver);
    assertContrast();
    assertEquals(
        List.of(),
        js(
            "return Array.from(document.querySelectorAll('main button, main input[type=submit]'))"
                + ".filter(function (b) { return b.tabIndex < 0 || !((b.value || b.textContent)"
                + ".trim() || b.getAttribute('aria-label')); }).map(function (b) { return b.id;"
                + " });"),
        "every button is reachable by Tab and named");
    assertEquals(
        List.of(),
        js(
            "return Array.from(document.querySelectorAll('table.data-table')).filter(function (t) {"
                + " return !t.querySelector('caption'); }).map(function (t) { return t.id; });"),
        "every data table has a caption");
  }

  private static void assertNoConsoleErrors() {
    List<String> severe = new ArrayList<>();
    for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
      if (entry.getLevel().intValue() >= Level.SEVERE.intValue()
          && !entry.getMessage().contains("/favicon.ico")) {
        severe.add(entry.getMessage());
      }
    }
    assertEquals(List.of(), severe, "browser console errors");
  }

  /** Focuses the control as Tab would and activates it with Enter, as a keyboard user does. */
  private static void pressWithKeyboard(WebElement control) {
    js("arguments[0].focus();", control);
    assertEquals(control, driver.switchTo().activeElement(), "focusable");
    driver.switchTo().activeElement().sendKeys(Keys.ENTER);
  }

  private static String text(By by) {
    return waitFor(by).getText().strip();
  }

  private static void type(By by, String text) {
    WebElement e = waitFor(by);
    e.clear();
    e.sendKeys(text);
  }

  private static void click(By by) {
    waitFor(by).click();
  }

  private static WebElement waitFor(By by) {
    return until(
        d -> {
          WebElement e = d.findElement(by);
          return e.isDisplayed() ? e : null;
        },
        by.toString());
  }

  private static void waitForText(By by, String text) {
    until(d -> d.findElement(by).getText().contains(text), "\"" + text + "\" in " + by);
  }

  private static <T> T until(Function<ChromeDriver, T> condition, String what) {
    return PageWait.until(
        driver,
        WAIT,
        condition,
        () ->
            "waiting for "
                + what
                + " on "
                + driver.getCurrentUrl()
                + "\n"
                + driver.findElement(By.tagName("body")).getText());
  }

  private static Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }
}
