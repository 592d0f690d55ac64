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
import java.util.UUID;
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
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;

/**
 * Running LTI Bridge from the console alone, in a real browser (headless Chromium, top-level pages:
 * the console is never framed). A system admin creates an organisation and its org admin; the org
 * admin signs in with the one-time password the page showed, chooses a password and lands on the
 * organisation's page, where they add a creator, generate the Creator LTI key (the secret shown
 * once), switch on self-service, and rename, disable, enable and hand over an activity that an
 * instructor set up by a real LTI 1.1 launch. Finally the creator signs in and lands on their own
 * page. Every step is checked in the database too, and every visible field of each page has a
 * label.
 *
 * <p>Screenshots go to {@code target/screenshots/} (or {@code -Dscreenshots.dir=docs/screenshots}):
 * {@code 20-organizations.png} to {@code 27-creator-editor-preview.png}, {@code
 * 30-student-lti-secret.png}, {@code 31-assistant-legacy-link.png}, {@code
 * 32-legacy-placements.png} and {@code 35-model-endpoint.png}. The steps build on each other, so
 * they run in the declared order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminConsolePagesIT extends ItBase {

  static final String ADMIN = "it-admin";
  static final String ADMIN_PASSWORD = "it-admin-password-1";
  static final Duration WAIT = Duration.ofSeconds(30);
  static final String ORG_PAGE = "ui/admin/organization.xhtml?org=";
  static final String CAP =
      "SELECT CAST(model_max_concurrent AS VARCHAR(10)) FROM organizations WHERE slug = ?";

  static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
  static final String SLUG = "pages-" + SUFFIX;
  static final String ORG_NAME = "Pages University " + SUFFIX;
  static final String ORG_ADMIN = "org-admin-" + SUFFIX + "@example.edu";
  static final String CREATOR = "creator-" + SUFFIX + "@example.edu";
  static final String INSTRUCTOR = "instructor-" + SUFFIX + "@example.edu";
  static final String DOMAIN = "pages-" + SUFFIX + ".example.edu";
  static final String ACTIVITY = "Mechanics helpers " + SUFFIX;

  private static final List<ChromeDriver> browsers = new ArrayList<>();
  private static final List<Path> profiles = new ArrayList<>();
  private static Path screenshots;
  private static ChromeDriver driver;
  private static String orgAdminOneTime;
  private static String creatorOneTime;
  private static String placement;

  /** The LMS of the activity of @Order(8) (its platform is its instance guid). */
  private static Lms lms;

  /** The organisation's Student LTI secret (step 6): it signs the assistants' legacy links. */
  private static String studentLtiSecret;

  @BeforeAll
  static void startBrowser() throws IOException {
    screenshots = PagesInIframeIT.screenshotDirectory();
    driver = newBrowser();
  }

  @AfterAll
  static void stopBrowsers() {
    browsers.forEach(ChromeDriver::quit);
    profiles.forEach(PagesInIframeIT::delete);
  }

  @Test
  @Order(1)
  void systemAdminCreatesAnOrganisation() {
    driver.get(base() + "ui/login.xhtml");
    waitFor(By.id("login:username"));
    Axe.assertAccessible(driver, "the sign-in page");
    signIn(ADMIN, ADMIN_PASSWORD);
    assertTrue(path().endsWith("/ui/admin/index.xhtml"), path());
    // The console's pages that no screenshot shows are checked here.
    Axe.assertAccessible(driver, "the console's start page");
    for (String page : List.of("keys", "lti13")) {
      driver.get(base() + "ui/admin/" + page + ".xhtml");
      waitFor(By.tagName("h1"));
      Axe.assertAccessible(driver, "admin/" + page + ".xhtml");
    }
    driver.get(base() + "ui/admin/index.xhtml");
    click(By.id("organizationsLink"));
    waitFor(By.id("newOrg:slug"));
    assertEquals("Organisations", driver.findElement(By.tagName("h1")).getText());
    assertEveryFieldLabelled();

    type(By.id("newOrg:slug"), SLUG);
    type(By.id("newOrg:name"), ORG_NAME);
    click(By.id("newOrg:create"));
    waitForText(By.id("newOrg"), "has been created");
    assertEquals(1, db().count("SELECT COUNT(*) FROM organizations WHERE slug = ?", SLUG));
    assertEquals(ORG_NAME, db().string("SELECT name FROM organizations WHERE slug = ?", SLUG));
    waitForText(By.id("orgs"), ORG_NAME);
    // A refusal is a message, and writes nothing.
    type(By.id("newOrg:slug"), SLUG);
    type(By.id("newOrg:name"), "Twice");
    click(By.id("newOrg:create"));
    waitForText(By.id("newOrg"), "already exists");
    assertEquals(1, db().count("SELECT COUNT(*) FROM organizations WHERE slug = ?", SLUG));
    // The system admin cannot disable their own account.
    WebElement own =
        driver.findElement(
            By.xpath("//form[@id='admins']//tr[td[normalize-space()='" + ADMIN + "']]"));
    own.findElement(By.xpath(".//button[normalize-space()='Disable']")).click();
    waitForText(By.id("admins"), "cannot disable your own account");
    assertEquals(
        "true",
        db().string(
                "SELECT CAST(enabled AS VARCHAR(5)) FROM admin_users WHERE username = ?", ADMIN));
    assertNoConsoleErrors();
    js("window.scrollTo(0, 0);");
    screenshot("20-organizations.png");
  }

  @Test
  @Order(2)
  void systemAdminCreatesTheOrgAdmin() {
    driver.get(base() + ORG_PAGE + SLUG);
    waitFor(By.id("newOrgAdmin:email"));
    assertEquals(ORG_NAME, driver.findElement(By.tagName("h1")).getText());
    assertEveryFieldLabelled();
    type(By.id("newOrgAdmin:email"), ORG_ADMIN);
    type(By.id("newOrgAdmin:name"), "Olga Orgadmin");
    click(By.id("newOrgAdmin:create"));
    orgAdminOneTime = waitFor(By.id("org-admin-otp")).getText().strip();
    assertTrue(orgAdminOneTime.length() >= 20, orgAdminOneTime);
    assertEquals(
        "org-admin|true|" + SLUG,
        db().string(
                "SELECT a.role || '|' || CAST(a.must_change_password AS VARCHAR(5)) || '|' ||"
                    + " o.slug FROM admin_users a JOIN organizations o ON o.id ="
                    + " a.organization_id WHERE a.username = ?",
                ORG_ADMIN));
    waitForText(By.id("creatorsForm"), ORG_ADMIN);
    scrollTo(By.id("org-admin-otp-box"));
    screenshot("22-one-time-password.png");
  }

  @Test
  @Order(3)
  void orgAdminChangesTheOneTimePasswordAndLandsOnTheOrganisationPage() throws IOException {
    driver = newBrowser();
    signIn(ORG_ADMIN, orgAdminOneTime);
    assertTrue(path().endsWith("/ui/admin/password.xhtml"), path());
    assertEveryFieldLabelled();
    Axe.assertAccessible(driver, "admin/password.xhtml");
    String chosen = "org-admin-password-" + SUFFIX;
    type(By.id("password:current"), orgAdminOneTime);
    type(By.id("password:fresh"), chosen);
    type(By.id("password:repeat"), chosen);
    click(By.id("password:change"));
    waitForText(By.tagName("h1"), ORG_NAME);
    assertTrue(driver.getCurrentUrl().endsWith(ORG_PAGE + SLUG), driver.getCurrentUrl());
    assertTrue(body().contains("Your password has been changed."), body());
    assertEquals(
        "false|true",
        db().string(
                "SELECT CAST(must_change_password AS VARCHAR(5)) || '|' || CAST(last_sign_in_at"
                    + " IS NOT NULL AS VARCHAR(5)) FROM admin_users WHERE username = ?",
                ORG_ADMIN));
    assertFalse(body().contains("Add an org admin"), "only system admins add org admins");
    assertEveryFieldLabelled();

    // Another organisation is not there for an org admin; its data never shows.
    driver.get(base() + ORG_PAGE + "demo");
    waitForText(By.id("refusal"), "There is no such organisation.");
    assertFalse(body().contains("Demo University"), body());
    driver.manage().logs().get(LogType.BROWSER); // the 404 of that page is expected
    // The console home links straight to the own organisation.
    driver.get(base() + "ui/admin/index.xhtml");
    click(By.id("organizationLink"));
    waitForText(By.tagName("h1"), ORG_NAME);
  }

  @Test
  @Order(4)
  void orgAdminAddsACreator() {
    type(By.id("newCreator:email"), CREATOR);
    type(By.id("newCreator:name"), "Cleo Creator");
    click(By.id("newCreator:create"));
    creatorOneTime = waitFor(By.id("creator-otp")).getText().strip();
    assertTrue(creatorOneTime.length() >= 20, creatorOneTime);
    assertEquals(
        "creator|true|console|" + ORG_ADMIN,
        db().string(
                "SELECT a.role || '|' || CAST(c.enabled AS VARCHAR(5)) || '|' || c.created_via"
                    + " || '|' || c.created_by FROM creator_users c JOIN admin_users a ON"
                    + " a.creator_user_id = c.id WHERE c.email = ?",
                CREATOR));
    waitForText(By.id("creatorsForm"), CREATOR);
    assertNoConsoleErrors();
  }

  @Test
  @Order(5)
  void orgAdminGeneratesTheCreatorLtiKeyAndSeesTheSecretOnce() {
    String launchUrl = driver.findElement(By.id("creator-launch-url")).getText();
    assertEquals(base() + "lamb/v1/lti_creator/launch", launchUrl);
    assertEquals(
        base() + "lamb/v1/lti_creator/info",
        driver.findElement(By.id("creator-info-url")).getText());
    click(By.id("creatorLti:generate"));
    String secret = waitFor(By.id("creator-lti-secret")).getText().strip();
    assertTrue(secret.length() >= 24, secret);
    assertEquals("creator-" + SLUG, driver.findElement(By.id("creator-key")).getText());
    String sealed =
        db().string(
                "SELECT k.consumer_key || '|' || k.consumer_secret_enc FROM org_creator_lti k"
                    + " JOIN organizations o ON o.id = k.organization_id WHERE o.slug = ?",
                SLUG);
    assertTrue(sealed.startsWith("creator-" + SLUG + "|"), sealed);
    assertFalse(sealed.contains(secret), "stored encrypted");
    scrollTo(By.id("creator-lti"));
    screenshot("23-creator-lti-secret.png");

    driver.navigate().refresh();
    waitFor(By.id("creator-key"));
    assertFalse(driver.getPageSource().contains(secret), "the secret is not shown again");
    assertTrue(driver.findElements(By.id("creator-lti-secret")).isEmpty());
  }

  /**
   * The organisation's Student LTI secret of legacy links, driven from the keyboard: generated
   * (shown once, stored encrypted), and the sentence saying which secret applies to assistants
   * without their own follows.
   */
  @Test
  @Order(6)
  void orgAdminGeneratesTheStudentLtiSecretFromTheKeyboard() {
    scrollTo(By.id("student-lti"));
    assertEquals(
        base() + "lamb/v1/lti_users/lti",
        driver.findElement(By.id("student-lti-launch-url")).getText());
    assertEquals("None", driver.findElement(By.id("student-lti-state")).getText().strip());
    String before = driver.findElement(By.id("student-lti-applies")).getText();
    assertTrue(
        before.contains("the instance-wide LTI_SECRET") || before.contains("none: their legacy"),
        before);
    pressWithKeyboard(By.id("studentLti:generate"));
    String secret = waitFor(By.id("student-lti-secret")).getText().strip();
    assertTrue(secret.length() >= 24, secret);
    studentLtiSecret = secret;
    waitForText(By.id("student-lti-applies"), "this organisation's Student LTI secret");
    assertTrue(
        driver.findElement(By.id("student-lti-state")).getText().startsWith("Set "),
        driver.findElement(By.id("student-lti-state")).getText());
    String stored =
        db().string("SELECT student_lti_secret_enc FROM organizations WHERE slug = ?", SLUG);
    assertTrue(stored != null && !stored.contains(secret), "stored encrypted");
    assertEquals(
        List.of(),
        js(
            "return Array.from(document.querySelectorAll('#student-lti button'))"
                + ".filter(function (b) { return b.tabIndex < 0 || !(b.textContent.trim()"
                + " || b.getAttribute('aria-label')); }).map(function (b) { return b.id; });"),
        "every button of the section is reachable by Tab and named");
    assertEveryFieldLabelled();
    assertNoConsoleErrors();
    scrollTo(By.id("student-lti"));
    screenshot("30-student-lti-secret.png");

    driver.navigate().refresh();
    waitFor(By.id("studentLti:rotate"));
    assertFalse(driver.getPageSource().contains(secret), "the secret is not shown again");
    assertTrue(driver.findElements(By.id("student-lti-secret")).isEmpty());
    assertTrue(driver.findElements(By.id("studentLti:remove")).size() == 1);
  }

  @Test
  @Order(7)
  void orgAdminSwitchesSelfServiceOn() {
    assertFalse(driver.findElement(By.id("selfService:enabled")).isSelected(), "off by default");
    driver.findElement(By.cssSelector("label[for='selfService:enabled']")).click();
    type(By.id("selfService:domains"), DOMAIN);
    click(By.id("selfService:save"));
    waitForText(By.id("selfService"), "Self-service is on");
    assertEquals(
        "true",
        db().string(
                "SELECT CAST(self_service_enabled AS VARCHAR(5)) FROM organizations WHERE slug"
                    + " = ?",
                SLUG));
    assertEquals(
        1,
        db().count(
                "SELECT COUNT(*) FROM org_email_domains d JOIN organizations o ON o.id ="
                    + " d.organization_id WHERE o.slug = ? AND d.domain = ?",
                SLUG,
                DOMAIN));
  }

  @Test
  @Order(8)
  void orgAdminRenamesDisablesEnablesAndHandsOverAnActivity() {
    // An instructor of the organisation sets an activity up by a real LTI 1.1 launch.
    long org = db().count("SELECT id FROM organizations WHERE slug = ?", SLUG);
    db().creatorIn(org, INSTRUCTOR);
    long assistant = db().publishedAssistant(org, "Pages Tutor " + SUFFIX, "gpt-4o-mini", "Help.");
    lms = new Lms(base(), KEY, SECRET);
    placement = Lms.newPlacement();
    Http.Res launch = lms.launch(Person.instructor(INSTRUCTOR), placement);
    assertEquals(303, launch.status(), launch.body());
    Http.Res configured =
        http()
            .postForm(
                "/lamb/v1/lti/configure",
                "token="
                    + launch.locationToken()
                    + "&assistant_ids="
                    + assistant
                    + "&activity_name=Set+up+by+the+instructor");
    assertEquals(303, configured.status(), configured.body());
    assertEquals(INSTRUCTOR, activityColumn("owner_email"));
    assertEquals(
        1,
        db().count(
                "SELECT COUNT(*) FROM lti_activity_assistants x JOIN lti_activities a ON a.id ="
                    + " x.activity_id WHERE a.resource_link_id = ? AND x.assistant_id = ?",
                placement,
                assistant));

    driver.navigate().refresh();
    WebElement row = activityRow();
    assertTrue(row.getText().contains("Physics 101"), row.getText());
    assertTrue(row.getText().contains("Pages Tutor " + SUFFIX), row.getText());

    WebElement name = row.findElement(By.xpath(".//input[contains(@id, ':name')]"));
    name.clear();
    name.sendKeys(ACTIVITY);
    row.findElement(By.xpath(".//button[normalize-space()='Rename']")).click();
    waitForText(By.id("activitiesForm"), "renamed to " + ACTIVITY);
    assertEquals(ACTIVITY, activityColumn("activity_name"));

    activityRow().findElement(By.xpath(".//button[normalize-space()='Disable']")).click();
    waitForText(By.id("activitiesForm"), "has been disabled");
    assertEquals("DISABLED", activityColumn("status"));
    activityRow().findElement(By.xpath(".//button[normalize-space()='Enable']")).click();
    waitForText(By.id("activitiesForm"), "is active again");
    assertEquals("ACTIVE", activityColumn("status"));

    new Select(activityRow().findElement(By.tagName("select"))).selectByVisibleText(CREATOR);
    activityRow().findElement(By.xpath(".//button[normalize-space()='Transfer']")).click();
    waitForText(By.id("activitiesForm"), "now belongs to " + CREATOR);
    assertEquals(CREATOR, activityColumn("owner_email"));
    assertEquals(
        CREATOR,
        db().string(
                "SELECT c.email FROM lti_activities a JOIN creator_users c ON c.id ="
                    + " a.owner_creator_user_id WHERE a.resource_link_id = ?",
                placement));
    assertEveryFieldLabelled();
    assertNoConsoleErrors();
    scrollTo(By.id("activities"));
    screenshot("24-activities.png");

    // Every change is in the organisation's recent changes.
    driver.navigate().refresh();
    String audit = waitFor(By.id("audit")).getText();
    for (String action :
        List.of(
            "activity.transfer",
            "activity.enable",
            "activity.disable",
            "activity.rename",
            "organization.self-service",
            "creator-lti.generate",
            "creator.create",
            "org-admin.create",
            "organization.create")) {
      assertTrue(audit.contains(action), action + " in " + audit);
    }
    js("window.scrollTo(0, 0);");
    screenshot("21-organization.png");
  }

  /**
   * The org admin caps the concurrent requests to the organisation's model on the console home,
   * from the keyboard alone: the field is labelled and its help text is its description, Tab leads
   * from it to the form's button, a refusal says why and writes nothing, the cap reads back.
   */
  @Test
  @Order(9)
  void orgAdminCapsTheConcurrentModelRequestsFromTheKeyboard() {
    driver.get(base() + "ui/admin/index.xhtml");
    By form = By.id("endpoints:0:endpoint");
    By cap = By.id("endpoints:0:endpoint:maxConcurrent");
    WebElement field = waitFor(cap);
    assertEveryFieldLabelled();
    assertEquals(
        "Concurrent requests to the model",
        js("return arguments[0].labels[0].textContent.trim();", field));
    assertEquals(
        "Students beyond this wait in a queue and see their place; leave empty for the default"
            + " (100).",
        driver.findElement(By.id(field.getAttribute("aria-describedby"))).getText());
    assertEquals("numeric", field.getAttribute("inputmode"));

    typeAndSaveWithKeyboard(cap, "10001");
    waitForText(form, "must be a whole number from 1 to 10000, or empty for the default");
    assertNull(db().string(CAP, SLUG));

    typeAndSaveWithKeyboard(cap, "40");
    waitForText(form, "has been saved");
    assertEquals("40", db().string(CAP, SLUG));
    assertTrue(
        audit(SLUG).contains("at most 40 concurrent requests"), "the change is in the audit trail");

    driver.navigate().refresh();
    assertEquals("40", waitFor(cap).getAttribute("value"));
    assertNoConsoleErrors();
    scrollTo(By.id("models"));
    screenshot("35-model-endpoint.png");
  }

  /**
   * The org admin sets how long transcripts are kept and erases a student's data from the
   * organisation page, from the keyboard alone: a refused period says why and writes nothing; the
   * erasure is reviewed, confirmed, reported in counts, and leaves no row of the student.
   */
  @Test
  @Order(10)
  void orgAdminSetsRetentionAndErasesAStudentFromTheKeyboard() {
    // A student of the activity of @Order(8) launches, and has a conversation.
    Person student = Person.student();
    Http.Res launch = lms.launch(student, placement);
    assertEquals(303, launch.status(), launch.body());
    long activity =
        db().count("SELECT id FROM lti_activities WHERE resource_link_id = ?", placement);
    long identity =
        db().count("SELECT id FROM lti_activity_users WHERE lms_user_id = ?", student.userId());
    long assistant =
        db().count(
                "SELECT MIN(assistant_id) FROM lti_activity_assistants WHERE activity_id = ?",
                activity);
    db().update(
            "INSERT INTO conversations (activity_id, activity_user_id, assistant_id, title,"
                + " created_at, updated_at) VALUES (?, ?, ?, 'Forces', CURRENT_TIMESTAMP,"
                + " CURRENT_TIMESTAMP)",
            activity,
            identity,
            assistant);
    long conversation =
        db().count("SELECT MAX(id) FROM conversations WHERE activity_user_id = ?", identity);
    for (String role : List.of("USER", "ASSISTANT")) {
      db().update(
              "INSERT INTO chat_messages (conversation_id, role, content, status, created_at)"
                  + " VALUES (?, ?, 'What is a force?', 'COMPLETE', CURRENT_TIMESTAMP)",
              conversation,
              role);
    }

    driver.get(base() + ORG_PAGE + SLUG);
    scrollTo(By.id("retention"));
    By days = By.id("retentionForm:days");
    String retention =
        "SELECT CAST(transcript_retention_days AS VARCHAR(10)) FROM organizations WHERE slug = ?";
    typeAndPressNext(days, "0", "Save retention");
    waitForText(By.id("retentionForm"), "Keep transcripts 1 to 3650 days");
    assertNull(db().string(retention, SLUG), "a refused period writes nothing");
    typeAndPressNext(days, "400", "Save retention");
    waitForText(By.id("retentionForm"), "kept 400 days after their last message");
    assertEquals("400", db().string(retention, SLUG));

    scrollTo(By.id("erasure"));
    assertEveryFieldLabelled();
    WebElement where = waitFor(By.id("erasureForm:where"));
    js("arguments[0].focus();", where);
    driver.switchTo().activeElement().sendKeys("All");
    assertEquals("all", where.getAttribute("value"), "chosen from the keyboard");
    driver.switchTo().activeElement().sendKeys(Keys.TAB);
    assertEquals("erasureForm:lmsUserId", driver.switchTo().activeElement().getAttribute("id"));
    driver.switchTo().activeElement().sendKeys(student.userId());
    for (int i = 0; i < 4; i++) {
      driver.switchTo().activeElement().sendKeys(Keys.TAB);
    }
    WebElement review = driver.switchTo().activeElement();
    assertEquals("Review erasure", review.getText(), "Tab leads from the fields to the button");
    review.sendKeys(Keys.ENTER);
    String summary = waitFor(By.id("confirm-summary")).getText();
    assertTrue(summary.contains(student.userId()), summary);
    assertTrue(summary.contains("in all activities of this organisation"), summary);
    assertEquals(
        1,
        db().count("SELECT COUNT(*) FROM conversations WHERE id = ?", conversation),
        "reviewing erases nothing");
    assertEveryFieldLabelled();
    assertNoConsoleErrors();
    scrollTo(By.id("erasure"));
    screenshot("36-erasure.png");

    pressWithKeyboard(By.id("erasureForm:confirm"));
    waitForText(
        By.id("erasureForm"), "Erased from 1 activity: 1 identity, 1 conversations, 2 messages");
    assertEquals(
        0,
        db().count(
                "SELECT (SELECT COUNT(*) FROM lti_activity_users WHERE lms_user_id = ?)"
                    + " + (SELECT COUNT(*) FROM conversations WHERE activity_user_id = ?)"
                    + " + (SELECT COUNT(*) FROM chat_messages WHERE conversation_id = ?)"
                    + " + (SELECT COUNT(*) FROM page_tokens WHERE activity_user_id = ?)",
                student.userId(),
                identity,
                conversation,
                identity));
    assertEquals(
        "all activities",
        db().string(
                "SELECT target FROM admin_audit WHERE action = 'student.erase' AND organization_id"
                    + " = (SELECT id FROM organizations WHERE slug = ?)",
                SLUG));
    assertNoConsoleErrors();
  }

  /** Types into the field with the keyboard, Tab to the next control, which is {@code next}. */
  static void typeAndPressNext(By field, String text, String next) {
    WebElement input = waitFor(field);
    js("arguments[0].focus();", input);
    WebElement focused = driver.switchTo().activeElement();
    assertEquals(input, focused, "focusable: " + field);
    focused.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
    focused.sendKeys(text, Keys.TAB);
    WebElement button = driver.switchTo().activeElement();
    assertEquals(next, button.getText(), "Tab leads from the field to its form's button");
    button.sendKeys(Keys.ENTER);
  }

  /** Types into the field with the keyboard, then Tab to the form's button and Enter. */
  static void typeAndSaveWithKeyboard(By field, String text) {
    WebElement input = waitFor(field);
    js("arguments[0].focus();", input);
    WebElement focused = driver.switchTo().activeElement();
    assertEquals(input, focused, "focusable: " + field);
    focused.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
    focused.sendKeys(text, Keys.TAB);
    WebElement next = driver.switchTo().activeElement();
    assertEquals("Save endpoint", next.getText(), "Tab leads from the field to its form's button");
    next.sendKeys(Keys.ENTER);
  }

  static String audit(String slug) {
    return db().string(
            "SELECT COALESCE(STRING_AGG(detail, ' / '), '') FROM admin_audit WHERE action ="
                + " 'organization.model-endpoint' AND target = ?",
            slug);
  }

  @Test
  @Order(11)
  void creatorChangesTheOneTimePasswordAndLandsOnTheCreatorPage() throws IOException {
    driver = newBrowser();
    signIn(CREATOR, creatorOneTime);
    assertTrue(path().endsWith("/ui/admin/password.xhtml"), path());
    // Nothing else until the one-time password is replaced.
    driver.get(base() + "ui/creator/index.xhtml");
    waitFor(By.id("password:current"));
    String chosen = "creator-password-" + SUFFIX;
    type(By.id("password:current"), creatorOneTime);
    type(By.id("password:fresh"), chosen);
    type(By.id("password:repeat"), chosen);
    click(By.id("password:change"));
    waitForText(By.tagName("h1"), "My activities");
    assertTrue(path().endsWith("/ui/creator/index.xhtml"), path());
    assertTrue(body().contains("Your password has been changed."), body());
    assertEquals(ORG_NAME, driver.findElement(By.id("creator-organization")).getText());
    assertTrue(body().contains("Cleo Creator"), body());
    assertEquals(base() + "lamb/v1/lti/launch", driver.findElement(By.id("launch-url")).getText());
    assertEquals(KEY, driver.findElement(By.id("consumer-key")).getText());
    String owned = driver.findElement(By.id("activities")).getText();
    assertTrue(owned.contains(ACTIVITY) && owned.contains("Physics 101"), owned);
    assertFalse(body().contains("Signing keys"), "no console links for a creator");
    assertEquals(
        "false",
        db().string(
                "SELECT CAST(must_change_password AS VARCHAR(5)) FROM admin_users WHERE"
                    + " username = ?",
                CREATOR));
    assertEveryFieldLabelled();
    assertNoConsoleErrors();
    screenshot("25-creator-home.png");

    // The console itself stays closed to a creator; its address leads them to their page.
    driver.get(base() + "ui/admin/index.xhtml");
    assertFalse(body().contains("LTI 1.1 (Unified LTI)"), body());
    driver.get(base() + "admin");
    waitForText(By.tagName("h1"), "My activities");
    assertTrue(path().endsWith("/ui/creator/index.xhtml"), path());
  }

  /**
   * The creator interface: create an assistant in the editor, change it (a second version, listed
   * with what changed), try it in the preview chat (a reply streamed from an OpenAI-compatible
   * model, nothing stored), and publish it (the Student LTI values shown with copy buttons).
   */
  @Test
  @Order(12)
  void creatorBuildsTriesAndPublishesAnAssistant() throws IOException {
    String name = "Mechanics Tutor " + SUFFIX;
    try (FakeChatCompletionsServer model = FakeChatCompletionsServer.start()) {
      model.replyWith("What ", "do you ", "already know?");
      setModelEndpoint(model.baseUrl());
      driver.get(base() + "ui/creator/index.xhtml");
      // Reading the log empties it: the console's 403 of the step before is not this page's.
      driver.manage().logs().get(LogType.BROWSER);
      click(By.id("assistantList:new"));
      type(By.id("assistantForm:name"), name);
      type(By.id("assistantForm:prompt"), "Guide with questions.");
      type(By.id("assistantForm:model"), "tutor-1");
      type(By.id("assistantForm:temperature"), "0.3");
      type(By.id("assistantForm:template"), "A student asks: {user_input}");
      assertEveryFieldLabelled();
      click(By.id("assistantForm:save"));
      waitForText(By.id("main"), name + " has been created, unpublished");
      long id =
          db().count(
                  "SELECT a.id FROM assistants a JOIN creator_users c ON c.id ="
                      + " a.owner_creator_user_id WHERE a.name = ? AND c.email = ?",
                  name,
                  CREATOR);
      assertEquals(
          0, db().count("SELECT COUNT(*) FROM assistant_publications WHERE assistant_id = ?", id));

      // A bad template is refused with a message, and nothing changes.
      type(By.id("assistantForm:template"), "no placeholder");
      click(By.id("assistantForm:save"));
      waitForText(By.id("main"), "{user_input}");
      assertEquals(
          1, db().count("SELECT COUNT(*) FROM assistant_versions WHERE assistant_id = ?", id));

      type(By.id("assistantForm:template"), "A student asks: {user_input}");
      type(By.id("assistantForm:prompt"), "Guide with questions; never give the final answer.");
      click(By.id("assistantForm:save"));
      waitForText(By.id("main"), "Saved as version 2");
      String versions = waitFor(By.id("versions")).getText();
      assertTrue(
          versions.contains("system_prompt") || versions.contains("system prompt"), versions);
      assertEquals(
          2, db().count("SELECT COUNT(*) FROM assistant_versions WHERE assistant_id = ?", id));

      long conversationsBefore = db().count("SELECT COUNT(*) FROM conversations");
      long messagesBefore = db().count("SELECT COUNT(*) FROM chat_messages");
      scrollTo(By.id("preview"));
      type(By.id("preview-message"), "How fast does a stone fall?");
      click(By.id("preview-send"));
      waitForText(By.id("preview-status"), "Reply complete");
      assertTrue(
          driver.findElement(By.id("preview-messages")).getText().contains("already know?"),
          driver.findElement(By.id("preview-messages")).getText());
      String sent = model.lastRequest().rawBody();
      assertTrue(sent.contains("never give the final answer"), sent);
      assertTrue(sent.contains("A student asks: How fast does a stone fall?"), sent);
      assertEquals(conversationsBefore, db().count("SELECT COUNT(*) FROM conversations"));
      assertEquals(messagesBefore, db().count("SELECT COUNT(*) FROM chat_messages"));
      screenshot("27-creator-editor-preview.png");

      click(By.id("publishForm:publish"));
      waitForText(By.id("main"), "is published");
      String key =
          db().string(
                  "SELECT consumer_name FROM assistant_publications WHERE assistant_id = ?", id);
      assertTrue(key != null && key.endsWith("_Mechanics_Tutor_" + SUFFIX), key);
      assertEquals(key, driver.findElement(By.id("student-consumer-key")).getText());
      assertEquals(
          base() + "lamb/v1/lti_users/lti",
          driver.findElement(By.id("student-launch-url")).getText());
      assertTrue(driver.findElement(By.id("assistantList")).getText().contains("Published"));
      assertEveryFieldLabelled();
      assertNoConsoleErrors();
      scrollTo(By.id("assistants"));
      screenshot("26-creator-assistants.png");

      // Its legacy LTI link: the organisation's secret applies until it has its own, generated
      // from the keyboard and shown once; removing it brings the organisation's back.
      assertEquals(key, driver.findElement(By.id("student-consumer-key")).getText());
      assertEquals(
          "the organisation's Student LTI secret",
          driver.findElement(By.id("legacy-secret-source")).getText().strip());
      assertTrue(driver.findElements(By.id("legacyForm:removeSecret")).isEmpty());
      pressWithKeyboard(By.id("legacyForm:rotateSecret"));
      String own = waitFor(By.id("legacy-secret")).getText().strip();
      assertTrue(own.length() >= 24, own);
      String today =
          db().string(
                  "SELECT CAST(CAST(lti_secret_set_at AS DATE) AS VARCHAR(10)) FROM assistants WHERE id = ?",
                  id);
      assertEquals(
          "its own secret (set " + today + ")",
          driver.findElement(By.id("legacy-secret-source")).getText().strip());
      String sealed = db().string("SELECT lti_secret_enc FROM assistants WHERE id = ?", id);
      assertTrue(sealed != null && !sealed.contains(own), "stored encrypted");
      assertEquals(
          "Rotate own secret",
          driver.findElement(By.id("legacyForm:rotateSecret")).getAttribute("value"));
      assertEveryFieldLabelled();
      assertNoConsoleErrors();
      scrollTo(By.id("legacy-link"));
      screenshot("31-assistant-legacy-link.png");
      driver.navigate().to(base() + "ui/creator/index.xhtml?assistant=" + id);
      waitFor(By.id("legacy-secret-source"));
      assertFalse(driver.getPageSource().contains(own), "the secret is not shown again");
      // The page asks for confirmation first (window.confirm); the test answers yes.
      js("window.confirm = function () { return true; };");
      pressWithKeyboard(By.id("legacyForm:removeSecret"));
      waitForText(By.id("legacy-secret-source"), "the organisation's Student LTI secret");
      assertEquals(
          "-",
          db().string("SELECT COALESCE(lti_secret_enc, '-') FROM assistants WHERE id = ?", id));

      // A colleague's published assistant: read-only here, and copied into one of one's own.
      String colleagues = "Pages Tutor " + SUFFIX;
      String row =
          "//form[@id='assistantList']//tr[.//strong[normalize-space()='" + colleagues + "']]";
      click(By.xpath(row + "//input[@value='Read']"));
      waitFor(By.id("read-only"));
      assertFalse(driver.findElement(By.id("assistantForm:name")).isEnabled(), "read-only");
      assertTrue(driver.findElements(By.id("assistantForm:save")).isEmpty(), "no save");
      assertTrue(driver.findElements(By.id("publishForm:publish")).isEmpty(), "no publish");
      click(By.xpath(row + "//input[@value='Copy']"));
      waitForText(By.id("main"), "has been created from a colleague's assistant");
      assertEquals(
          colleagues + " (copy)",
          driver.findElement(By.id("assistantForm:name")).getAttribute("value"));
      assertTrue(driver.findElement(By.id("assistantForm:name")).isEnabled());
      assertEquals(
          CREATOR,
          db().string(
                  "SELECT c.email FROM assistants a JOIN creator_users c ON c.id ="
                      + " a.owner_creator_user_id WHERE a.name = ?",
                  colleagues + " (copy)"));
    }
  }

  /**
   * The "Legacy LTI placements" panel, driven from the keyboard: a student's launch of the
   * assistant's legacy link (signed with the organisation's Student LTI secret, the one that
   * applies to it) records a placement; the preview says what migrating it would change and changes
   * nothing; migrating (confirmed) turns it into a Unified activity in place.
   */
  @Test
  @Order(13)
  void creatorPreviewsAndMigratesALegacyPlacementFromTheKeyboard() {
    String name = "Mechanics Tutor " + SUFFIX;
    long id =
        db().count(
                "SELECT a.id FROM assistants a JOIN creator_users c ON c.id ="
                    + " a.owner_creator_user_id WHERE a.name = ? AND c.email = ?",
                name,
                CREATOR);
    String key =
        db().string("SELECT consumer_name FROM assistant_publications WHERE assistant_id = ?", id);
    driver.get(base() + "ui/creator/index.xhtml?assistant=" + id);
    waitForText(
        By.id("placements-none"), "No LMS course has launched this assistant's legacy link yet.");
    assertTrue(driver.findElements(By.id("placementsForm:migrate")).isEmpty(), "nothing to do");

    String link = Lms.newPlacement();
    Http.Res launch = new Lms(base(), key, studentLtiSecret).launchLegacy(Person.student(), link);
    assertEquals(303, launch.status(), launch.body());
    String kind = "SELECT kind FROM lti_activities WHERE resource_link_id = ?";
    assertEquals("LEGACY", db().string(kind, link));
    long activity = db().count("SELECT id FROM lti_activities WHERE resource_link_id = ?", link);

    driver.navigate().refresh();
    WebElement row = waitFor(By.id("placement-row-" + activity));
    String cells = row.getText();
    assertTrue(cells.contains("Physics 101") && cells.contains(link), cells);
    assertTrue(cells.contains("Legacy link"), cells);
    assertEquals(
        8,
        ((Number)
                js(
                    "return document.querySelectorAll('#placements-table thead th[scope=col]')"
                        + ".length;"))
            .intValue());
    assertTrue(
        driver.findElement(By.cssSelector("#placements-table caption")).getText().contains(name));
    assertEquals(
        "Physics 101",
        driver
            .findElement(By.cssSelector("label[for='placement-" + activity + "']"))
            .getText()
            .strip());
    assertTrue(
        driver.findElement(By.id("placements-help")).getText().contains("all legacy placements"));
    assertEveryFieldLabelled();

    // A refusal of the control (here a placement the assistant does not have) is shown as the
    // page's other errors are, and takes the focus; nothing changes.
    js(
        "arguments[0].value = '999999999'; arguments[0].checked = true;",
        driver.findElement(By.id("placement-" + activity)));
    pressWithKeyboard(By.id("placementsForm:preview"));
    WebElement error = waitFor(By.cssSelector("#pageMessages .ui-messages-error"));
    assertTrue(
        error.getText().contains("The assistant has no legacy placement 999999999."),
        error.getText());
    assertEquals(error, driver.switchTo().activeElement(), "focus on the error");
    assertTrue(driver.findElements(By.id("placements-result")).isEmpty(), "no answer");
    assertEquals("LEGACY", db().string(kind, link));

    // Tick the placement and choose "Me" with the keyboard (Space), then preview with Enter.
    WebElement box = driver.findElement(By.id("placement-" + activity));
    js("arguments[0].focus();", box);
    driver.switchTo().activeElement().sendKeys(Keys.SPACE);
    assertTrue(box.isSelected());
    WebElement me = driver.findElement(By.id("new-owner-me"));
    js("arguments[0].focus();", me);
    driver.switchTo().activeElement().sendKeys(Keys.SPACE);
    assertTrue(me.isSelected());
    pressWithKeyboard(By.id("placementsForm:preview"));
    WebElement result = waitFor(By.id("placements-result"));
    String preview = result.getText();
    assertTrue(preview.contains("Preview: migrating would change 1 placement"), preview);
    assertTrue(
        preview.contains("Physics 101: would be owned by " + CREATOR + ", 1 student"), preview);
    assertEquals(
        "status",
        driver.findElement(By.id("placements-status")).getAttribute("role"),
        "a live region");
    assertEquals(result, driver.switchTo().activeElement(), "focus on the answer");
    assertTrue(driver.findElement(By.id("placement-" + activity)).isSelected(), "kept ticked");
    assertTrue(driver.findElement(By.id("new-owner-me")).isSelected(), "kept chosen");
    assertEquals("LEGACY", db().string(kind, link), "a preview changes nothing");
    assertEveryFieldLabelled();
    assertNoConsoleErrors();
    scrollTo(By.id("legacy-placements"));
    screenshot("32-legacy-placements.png");

    // Migrate, confirmed (window.confirm; the test answers yes), from the keyboard.
    js("window.confirm = function () { return true; };");
    pressWithKeyboard(By.id("placementsForm:migrate"));
    waitForText(By.id("placements-status"), "Migrated 1 placement");
    assertTrue(
        driver
            .findElement(By.id("placements-result"))
            .getText()
            .contains("Physics 101: now owned by " + CREATOR),
        driver.findElement(By.id("placements-result")).getText());
    String migrated = waitFor(By.id("placement-row-" + activity)).getText();
    assertTrue(migrated.contains("Migrated on "), migrated);
    assertTrue(driver.findElements(By.id("placement-" + activity)).isEmpty(), "no box any more");
    assertTrue(driver.findElements(By.id("placementsForm:migrate")).isEmpty(), "none left");
    assertEquals("UNIFIED", db().string(kind, link));
    assertEquals(
        CREATOR,
        db().string(
                "SELECT c.email FROM lti_activities a JOIN creator_users c ON c.id ="
                    + " a.owner_creator_user_id WHERE a.id = ?",
                activity));
    assertNoConsoleErrors();
  }

  /** The organisation's model endpoint, set by the system admin over the admin API. */
  static void setModelEndpoint(String baseUrl) {
    Http http = http();
    Http.Res token =
        http.postForm("/api/v1/admin/token", "username=" + ADMIN + "&password=" + ADMIN_PASSWORD);
    assertEquals(200, token.status(), token.body());
    String bearer =
        jakarta.json.Json.createReader(new java.io.StringReader(token.body()))
            .readObject()
            .getString("access_token");
    Http.Res res =
        http.send(
            "PUT",
            "/api/v1/admin/organizations/" + SLUG + "/model-endpoint",
            "application/json",
            "{\"base_url\": \"" + baseUrl + "\"}",
            "Authorization",
            "Bearer " + bearer);
    assertEquals(200, res.status(), res.body());
  }

  /**
   * Self-service as an instructor meets it: the first launch from the LMS, in its frame, lands on
   * the setup page with a creator account of the organisation that lists their email's domain.
   */
  @Test
  @Order(14)
  void anInstructorOfTheListedDomainGetsAnAccountAtTheirFirstLaunch() throws IOException {
    String email = "newcomer-" + SUFFIX + "@" + DOMAIN;
    assertEquals(0, db().count("SELECT COUNT(*) FROM creator_users WHERE email = ?", email));
    try (FakeLmsPage lmsPage = FakeLmsPage.start("Moodle")) {
      // The frame addresses the application as another site than the LMS page, and the launch is
      // signed for that address.
      URI app = URI.create("http://localhost:" + base().getPort() + "/");
      Lms lms = new Lms(app, KEY, SECRET);
      driver = newBrowser();
      driver.get(
          lmsPage
              .launchPage(
                  app.resolve(Lms.UNIFIED),
                  lms.signed(lms.params(Person.instructor(email), Lms.newPlacement())),
                  "Physics 101")
              .toString());
      until(
          d -> {
            try {
              d.switchTo().defaultContent();
              d.switchTo().frame(FakeLmsPage.FRAME);
              return d.findElements(By.name("assistant_ids")).isEmpty() ? null : Boolean.TRUE;
            } catch (org.openqa.selenium.NoSuchFrameException notYet) {
              return null;
            }
          },
          "the setup page in the LMS's frame");
      assertTrue(body().contains("Mechanics Tutor " + SUFFIX), body());
      assertEquals(
          "self_service|" + SLUG,
          db().string(
                  "SELECT c.created_via || '|' || o.slug FROM creator_users c JOIN organizations o"
                      + " ON o.id = c.organization_id WHERE c.email = ?",
                  email));
      driver.switchTo().defaultContent();
    }
  }

  // --- helpers -------------------------------------------------------------------------------

  static ChromeDriver newBrowser() throws IOException {
    Path profile = Files.createTempDirectory("ltibridge-console-");
    profiles.add(profile);
    ChromeDriver chrome = PagesInIframeIT.chromium(profile, true);
    browsers.add(chrome);
    return chrome;
  }

  static void signIn(String username, String password) {
    driver.get(base() + "ui/login.xhtml");
    type(By.id("login:username"), username);
    type(By.id("login:password"), password);
    click(By.id("login:signIn"));
    until(d -> !path().endsWith("/ui/login.xhtml"), "the sign-in to lead on");
  }

  static String path() {
    return java.net.URI.create(driver.getCurrentUrl()).getPath();
  }

  static String body() {
    return driver.findElement(By.tagName("body")).getText();
  }

  static void type(By by, String text) {
    WebElement e = waitFor(by);
    e.clear();
    e.sendKeys(text);
  }

  static void click(By by) {
    waitFor(by).click();
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
        () -> "waiting for " + what + " on " + driver.getCurrentUrl() + diagnosis());
  }

  /** What the page shows and the browser logged, for a failure message. */
  static String diagnosis() {
    StringBuilder d = new StringBuilder("\n--- page:\n");
    try {
      d.append(body());
      for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
        d.append("\n--- console: ").append(entry.getMessage());
      }
    } catch (RuntimeException e) {
      d.append(e);
    }
    return d.toString();
  }

  static Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /** Focuses the control as Tab would and activates it with Enter, as a keyboard user does. */
  static void pressWithKeyboard(By by) {
    WebElement control = waitFor(by);
    js("arguments[0].focus();", control);
    assertEquals(control, driver.switchTo().activeElement(), "focusable: " + by);
    driver.switchTo().activeElement().sendKeys(Keys.ENTER);
  }

  static void scrollTo(By by) {
    js("arguments[0].scrollIntoView({block: 'start'}); window.scrollBy(0, -16);", waitFor(by));
  }

  static WebElement activityRow() {
    return waitFor(
        By.xpath(
            "//form[@id='activitiesForm']//tr[.//td[contains(normalize-space(), 'Physics 101')]]"));
  }

  static String activityColumn(String column) {
    return db().string(
            "SELECT " + column + " FROM lti_activities WHERE resource_link_id = ?", placement);
  }

  /**
   * Every visible form field of the page has at least one label element (buttons name themselves).
   */
  static void assertEveryFieldLabelled() {
    assertEveryFieldLabelled(driver);
  }

  /** {@link #assertEveryFieldLabelled()} in another browser (or frame). */
  static void assertEveryFieldLabelled(ChromeDriver driver) {
    Object unlabelled =
        ((JavascriptExecutor) driver)
            .executeScript(
                "return Array.from(document.querySelectorAll("
                    + "'input:not([type=hidden]):not([type=submit]):not([type=button]),"
                    + " select, textarea'))"
                    + ".filter(function (e) { return e.offsetParent !== null || e.type === 'checkbox'; })"
                    + ".filter(function (e) { return !e.labels || e.labels.length === 0; })"
                    + ".map(function (e) { return e.id || e.name || e.outerHTML; });");
    assertEquals(List.of(), unlabelled, "fields without a label on " + driver.getCurrentUrl());
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

  static void screenshot(String name) {
    PagesInIframeIT.save(driver, screenshots, name);
  }
}
