package org.ltibridge.it.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.ltibridge.it.ItBase;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The platform console's change sections in a real browser (headless Chromium), driven from the
 * keyboard: a placement deactivated, edited and reactivated, a course edited, a learner disabled
 * and enabled, an enrolment withdrawn and restored. After each action focus is on its answer (or on
 * the first field of the form it opened), every field has a label, every button is reachable by Tab
 * and named, and the sections' text, status labels and buttons meet WCAG 2.1 AA contrast (4.5:1).
 * Every step is checked in the database too.
 *
 * <p>Screenshots: {@code 50-platform-placements.png}, {@code 51-platform-course-edit.png}, {@code
 * 52-platform-learners-enrolments.png} (in {@code target/screenshots/}, or {@code
 * -Dscreenshots.dir=docs/screenshots}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlatformConsolePagesIT extends ItBase {

  static final String ADMIN = "it-admin";
  static final String ADMIN_PASSWORD = "it-admin-password-1";
  static final Duration WAIT = Duration.ofSeconds(30);
  static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
  static final String EMAIL = "grace-" + SUFFIX + "@example.edu";
  static final String CODE = "PHYS-" + SUFFIX;

  private static ChromeDriver driver;
  private static Path profile;
  private static Path screenshots;
  private static long placement;
  private static long course;

  @BeforeAll
  static void rowsAndBrowser() throws IOException {
    LocalDateTime now = LocalDateTime.now();
    db().update(
            "INSERT INTO lti_tools (name, client_id, login_url, launch_url, redirect_uris, jwks_url,"
                + " scopes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            "Quiz Tool " + SUFFIX,
            "pages-" + SUFFIX,
            "https://quiz.example/login",
            "https://quiz.example/launch",
            "https://quiz.example/launch",
            "https://quiz.example/jwks",
            "https://purl.imsglobal.org/spec/lti-ags/scope/score",
            now,
            now);
    long tool = db().count("SELECT id FROM lti_tools WHERE client_id = ?", "pages-" + SUFFIX);
    db().update(
            "INSERT INTO lti_deployments (tool_id, deployment_id, name, created_at) VALUES (?, ?,"
                + " 'Default', ?)",
            tool,
            "dep-" + SUFFIX,
            now);
    long deployment =
        db().count("SELECT id FROM lti_deployments WHERE deployment_id = ?", "dep-" + SUFFIX);
    db().update(
            "INSERT INTO courses (code, title, passing_marks, self_enrol, created_at) VALUES (?, ?,"
                + " ?, FALSE, ?)",
            CODE,
            "Physics " + SUFFIX,
            new BigDecimal("50"),
            now);
    course = db().count("SELECT id FROM courses WHERE code = ?", CODE);
    db().update(
            "INSERT INTO lti_course_configs (course_id, tool_id, deployment_ref, context_id,"
                + " resource_link_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            course,
            tool,
            deployment,
            CODE,
            CODE,
            now,
            now);
    placement = db().count("SELECT id FROM lti_course_configs WHERE course_id = ?", course);
    db().update(
            "INSERT INTO learners (public_id, email, given_name, family_name, created_at) VALUES"
                + " (?, ?, 'Grace', 'Hopper', ?)",
            "user-" + UUID.randomUUID(),
            EMAIL,
            now);
    long learner = db().count("SELECT id FROM learners WHERE email = ?", EMAIL);
    db().update(
            "INSERT INTO enrolments (course_id, learner_id, role, status, progress, enrolled_at,"
                + " updated_at) VALUES (?, ?, ?, 'ENROLLED', 0, ?, ?)",
            course,
            learner,
            "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner",
            now,
            now);

    screenshots = PagesInIframeIT.screenshotDirectory();
    profile = Files.createTempDirectory("ltibridge-platform-");
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
  @Order(1)
  void aPlacementIsDeactivatedEditedAndReactivatedFromTheKeyboard() {
    driver.get(base() + "ui/login.xhtml");
    type(By.id("login:username"), ADMIN);
    type(By.id("login:password"), ADMIN_PASSWORD);
    waitFor(By.id("login:signIn")).click();
    until(d -> !d.getCurrentUrl().contains("/ui/login.xhtml"), "the sign-in");
    driver.get(base() + "ui/admin/platform.xhtml");
    waitFor(By.id("placements-title"));
    assertEveryFieldLabelled();
    assertEveryButtonReachableAndNamed();

    press(placementButton("Deactivate"));
    answerHasFocus("Deactivated the placement of Physics " + SUFFIX);
    assertEquals("false", activeColumn());
    waitForText(placementRow(), "Inactive");

    press(placementButton("Edit"));
    WebElement first = waitFor(By.id("editPlacement:externalCourseId"));
    until(d -> first.equals(d.switchTo().activeElement()), "focus on the form it opened");
    assertEveryFieldLabelled();
    first.sendKeys("unit-7");
    type(By.id("editPlacement:externalCourseUrl"), "not a url");
    press(By.id("editPlacement:save"));
    answerHasFocus("must be an absolute http:// or https:// URL");
    assertEquals(null, column("external_course_url"), "a refusal writes nothing");
    type(By.id("editPlacement:externalCourseUrl"), "https://quiz.example/course/7");
    press(By.id("editPlacement:save"));
    answerHasFocus("Saved the placement of Physics " + SUFFIX);
    assertEquals("https://quiz.example/course/7", column("external_course_url"));
    assertEquals("unit-7", column("external_course_id"));
    assertContrast("#placements");
    scrollTo(By.id("placements"));
    screenshot("50-platform-placements.png");

    press(placementButton("Reactivate"));
    answerHasFocus("Reactivated the placement");
    assertEquals("true", activeColumn());
  }

  @Test
  @Order(2)
  void aCourseIsEditedFromTheKeyboard() {
    press(By.xpath("//tr[@data-course='" + CODE + "']//input[@value='Edit']"));
    WebElement title = waitFor(By.id("editCourse:title"));
    until(d -> title.equals(d.switchTo().activeElement()), "focus on the form it opened");
    assertEveryFieldLabelled();
    title.clear();
    title.sendKeys("Physics for everyone " + SUFFIX);
    type(By.id("editCourse:passing"), "150");
    press(By.id("editCourse:save"));
    answerHasFocus("The passing mark is a percentage from 0 to 100");
    assertEquals(
        "Physics " + SUFFIX, db().string("SELECT title FROM courses WHERE id = ?", course));
    type(By.id("editCourse:passing"), "65");
    assertContrast("#courses");
    scrollTo(By.id("courses"));
    screenshot("51-platform-course-edit.png");
    press(By.id("editCourse:save"));
    answerHasFocus("Saved the course " + CODE);
    assertEquals(
        "Physics for everyone " + SUFFIX,
        db().string("SELECT title FROM courses WHERE id = ?", course));
    waitForText(By.xpath("//tr[@data-course='" + CODE + "']"), "65 %");
  }

  @Test
  @Order(3)
  void aLearnerIsDisabledAndAnEnrolmentWithdrawnThenBothUndone() {
    By learnerRow = By.xpath("//form[@id='learnerRows']//tr[@data-learner='" + EMAIL + "']");
    By enrolmentRow = By.xpath("//form[@id='enrolmentRows']//tr[@data-learner='" + EMAIL + "']");
    press(
        By.xpath(
            "//form[@id='learnerRows']//tr[@data-learner='"
                + EMAIL
                + "']//input[@value='Disable']"));
    answerHasFocus("Disabled " + EMAIL);
    waitForText(learnerRow, "Disabled");
    assertEquals(
        "false",
        db().string("SELECT CAST(enabled AS VARCHAR(5)) FROM learners WHERE email = ?", EMAIL));

    press(
        By.xpath(
            "//form[@id='enrolmentRows']//tr[@data-learner='"
                + EMAIL
                + "']//input[@value='Withdraw']"));
    answerHasFocus("Withdrew " + EMAIL);
    waitForText(enrolmentRow, "Withdrawn");
    assertEquals(1, withdrawn());
    assertEveryButtonReachableAndNamed();
    assertContrast("#learners");
    assertContrast("#enrolments");
    scrollTo(By.id("learners"));
    screenshot("52-platform-learners-enrolments.png");

    press(
        By.xpath(
            "//form[@id='learnerRows']//tr[@data-learner='"
                + EMAIL
                + "']//input[@value='Enable']"));
    answerHasFocus("Enabled " + EMAIL);
    press(
        By.xpath(
            "//form[@id='enrolmentRows']//tr[@data-learner='"
                + EMAIL
                + "']//input[@value='Restore']"));
    answerHasFocus("Restored the enrolment of " + EMAIL);
    assertEquals(0, withdrawn());
    assertEquals(
        "true",
        db().string("SELECT CAST(enabled AS VARCHAR(5)) FROM learners WHERE email = ?", EMAIL));
  }

  // --- helpers ---------------------------------------------------------------------------------

  static long withdrawn() {
    return db().count(
            "SELECT COUNT(*) FROM enrolments e JOIN learners l ON l.id = e.learner_id"
                + " WHERE l.email = ? AND e.withdrawn_at IS NOT NULL",
            EMAIL);
  }

  static String activeColumn() {
    return column("CAST(active AS VARCHAR(5))");
  }

  static String column(String expression) {
    return db().string("SELECT " + expression + " FROM lti_course_configs WHERE id = ?", placement);
  }

  static By placementRow() {
    return By.xpath("//tr[@data-placement-id='" + placement + "']");
  }

  static By placementButton(String label) {
    return By.xpath("//tr[@data-placement-id='" + placement + "']//input[@value='" + label + "']");
  }

  /** Focuses the control as Tab would and activates it with Enter, as a keyboard user does. */
  static void press(By by) {
    WebElement control = waitFor(by);
    js("arguments[0].focus();", control);
    assertEquals(control, driver.switchTo().activeElement(), "focusable: " + by);
    driver.switchTo().activeElement().sendKeys(Keys.ENTER);
  }

  /** The page's answer says {@code text} and has the focus (console.js, data-focus). */
  static void answerHasFocus(String text) {
    waitForText(By.id("answer"), text);
    until(
        d -> "answer".equals(d.switchTo().activeElement().getAttribute("id")),
        "focus on the answer");
  }

  static void type(By by, String text) {
    WebElement e = waitFor(by);
    e.clear();
    e.sendKeys(text);
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

  static Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  static void scrollTo(By by) {
    js("arguments[0].scrollIntoView({block: 'start'}); window.scrollBy(0, -16);", waitFor(by));
  }

  static void screenshot(String name) {
    PagesInIframeIT.save(driver, screenshots, name);
  }

  static void assertEveryFieldLabelled() {
    AdminConsolePagesIT.assertEveryFieldLabelled(driver);
  }

  static void assertEveryButtonReachableAndNamed() {
    assertEquals(
        List.of(),
        js(
            "return Array.from(document.querySelectorAll('main input[type=submit], main button'))"
                + ".filter(function (b) { return b.tabIndex < 0 || !((b.value || b.textContent)"
                + ".trim() || b.getAttribute('aria-label')); }).map(function (b) {"
                + " return b.id || b.name; });"),
        "every button is reachable by Tab and named");
  }

  /**
   * WCAG 2.1 §1.4.3: the visible text of the section (cells, status labels, buttons) has a contrast
   * ratio of at least 4.5:1 against the background it is drawn on.
   */
  static void assertContrast(String section) {
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
                + " document.querySelectorAll(arguments[0] + ' td, ' + arguments[0] + ' th, '"
                + " + arguments[0] + ' .status, ' + arguments[0] + ' input[type=submit], '"
                + " + arguments[0] + ' label, ' + arguments[0] + ' legend').forEach(function (e) {"
                + " if (!e.offsetParent || !(e.value || e.textContent).trim()) { return; }"
                + " var l1 = lum(getComputedStyle(e).color), l2 = lum(bg(e));"
                + " var r = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);"
                + " if (r < 4.5) { out.push((e.id || e.className || e.tagName) + ' '"
                + " + (e.value || e.textContent).trim().substring(0, 30) + ': ' + r.toFixed(2)); } });"
                + " return out;",
            section);
    assertEquals(List.of(), low, "text below 4.5:1 in " + section);
  }
}
