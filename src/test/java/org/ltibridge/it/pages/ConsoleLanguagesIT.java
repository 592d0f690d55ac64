package org.ltibridge.it.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ltibridge.it.Http;
import org.ltibridge.it.ItBase;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The console, the creator's and the learner's pages in English and in Spanish. The language is the
 * one chosen in the page's bar (kept in a cookie), else the browser's {@code Accept-Language}, else
 * English. In a real browser, a system admin chooses Spanish on the sign-in page, signs in (a
 * postback) and opens every console page: each says {@code lang="es"}, shows none of the console's
 * English texts and passes axe; choosing English brings every page back. Screenshot {@code
 * 39-console-spanish.png}.
 */
class ConsoleLanguagesIT extends ItBase {

  static final String ADMIN = "it-admin";
  static final String ADMIN_PASSWORD = "it-admin-password-1";
  static final String SLUG = "idiomas-" + UUID.randomUUID().toString().substring(0, 8);

  private static ChromeDriver driver;
  private static Path profile;

  @BeforeAll
  static void start() throws IOException {
    profile = Files.createTempDirectory("ltibridge-languages-");
    driver = PagesInIframeIT.chromium(profile, true);
  }

  @AfterAll
  static void stop() {
    if (driver != null) {
      driver.quit();
    }
    PagesInIframeIT.delete(profile);
  }

  @Test
  void theBrowsersLanguageThenTheChosenOneWhichACookieKeeps() {
    Http.Res spanish = http().get("/ui/login.xhtml", "Accept-Language", "es-ES,es;q=0.9,en;q=0.5");
    assertEquals(200, spanish.status());
    assertTrue(spanish.body().contains("lang=\"es\""), spanish.body());
    assertTrue(spanish.body().contains(es("login.heading")), spanish.body());
    assertFalse(spanish.header("Set-Cookie").orElse("").contains("lti_bridge_lang"));

    Http.Res english = http().get("/ui/login.xhtml", "Accept-Language", "de-DE");
    assertTrue(english.body().contains("lang=\"en\""), english.body());
    assertTrue(english.body().contains(en("login.heading")), english.body());

    Http.Res chosen = http().get("/ui/login.xhtml?lang=en", "Accept-Language", "es");
    assertTrue(chosen.body().contains(en("login.heading")), chosen.body());
    String cookie = chosen.header("Set-Cookie").orElse("");
    assertTrue(cookie.startsWith("lti_bridge_lang=en;"), cookie);
    assertTrue(cookie.contains("SameSite=Lax") && cookie.contains("HttpOnly"), cookie);

    Http.Res kept =
        http().get("/ui/login.xhtml", "Accept-Language", "es", "Cookie", "lti_bridge_lang=en");
    assertTrue(kept.body().contains(en("login.heading")), "the cookie over the browser");

    Http.Res unknown = http().get("/ui/login.xhtml?lang=fr", "Cookie", "lti_bridge_lang=es");
    assertTrue(unknown.body().contains(es("login.heading")), "an unknown language changes nothing");
    assertFalse(unknown.header("Set-Cookie").orElse("").contains("lti_bridge_lang"));

    Http.Res forged = http().get("/ui/login.xhtml", "Cookie", "lti_bridge_lang=<script>");
    assertTrue(forged.body().contains(en("login.heading")), "a forged cookie is ignored");
  }

  @Test
  void aSystemAdminChoosesSpanishAndEveryConsolePageSpeaksIt() throws IOException {
    organization();
    driver.get(base() + "ui/login.xhtml");
    assertEquals("en", lang());
    driver.findElement(By.cssSelector("a.lang-link[data-lang='es']")).click();
    until(d -> "es".equals(lang()), "the sign-in page in Spanish");
    Cookie kept = driver.manage().getCookieNamed("lti_bridge_lang");
    assertEquals("es", kept.getValue());
    assertTrue(kept.isHttpOnly());

    // A refused sign-in is told in Spanish too (a postback: the cookie, not the URL, carries it).
    driver.findElement(By.id("login:username")).sendKeys(ADMIN);
    driver.findElement(By.id("login:password")).sendKeys("not-the-password");
    driver.findElement(By.id("login:signIn")).click();
    until(
        d -> d.getPageSource().contains(text("problems_es.properties", "admin.ApiTokens.wrong")),
        "the refusal in Spanish");

    driver.findElement(By.id("login:username")).clear();
    driver.findElement(By.id("login:username")).sendKeys(ADMIN);
    driver.findElement(By.id("login:password")).sendKeys(ADMIN_PASSWORD);
    driver.findElement(By.id("login:signIn")).click();
    until(d -> d.getCurrentUrl().contains("/ui/admin/"), "the console after signing in");

    List<String> pages =
        List.of(
            "ui/admin/index.xhtml",
            "ui/admin/organizations.xhtml",
            "ui/admin/organization.xhtml?org=" + SLUG,
            "ui/admin/keys.xhtml",
            "ui/admin/lti13.xhtml",
            "ui/admin/platform.xhtml",
            "ui/admin/password.xhtml");
    List<String> englishLeft = new ArrayList<>();
    for (String page : pages) {
      driver.get(base() + page);
      until(d -> !d.findElements(By.tagName("h1")).isEmpty(), page);
      assertEquals("es", lang(), page);
      String text = driver.findElement(By.tagName("body")).getText();
      for (String english : distinctTexts()) {
        if (text.contains(english)) {
          englishLeft.add(page + ": " + english);
        }
      }
      Axe.assertAccessible(driver, page + " in Spanish");
      if (page.equals("ui/admin/organizations.xhtml")) {
        // A time is written in UTC and said so; the browser rewrites it in its own zone and in
        // the page's language, keeping the UTC value as its title.
        var time = driver.findElement(By.cssSelector("time[data-local]"));
        assertTrue(time.getAttribute("title").endsWith(" UTC"), time.getAttribute("title"));
        assertFalse(time.getText().endsWith("UTC"), time.getText());
        assertTrue(
            time.getText().contains(time.getAttribute("title").substring(0, 4)), time.getText());
      }
      if (page.startsWith("ui/admin/organization.xhtml")) {
        Path dir = PagesInIframeIT.screenshotDirectory();
        Files.write(
            dir.resolve("39-console-spanish.png"), driver.getScreenshotAs(OutputType.BYTES));
      }
    }
    assertEquals(List.of(), englishLeft, "English texts of the console on Spanish pages");

    // The organisation's page again, in English from its bar: the query (?org=) is kept.
    driver.get(base() + "ui/admin/organization.xhtml?org=" + SLUG);
    driver.findElement(By.cssSelector("a.lang-link[data-lang='en']")).click();
    until(d -> "en".equals(lang()), "the page in English");
    assertTrue(driver.getCurrentUrl().contains("org=" + SLUG), driver.getCurrentUrl());
    assertEquals("en", driver.manage().getCookieNamed("lti_bridge_lang").getValue());
    driver.get(base() + "ui/admin/index.xhtml");
    assertEquals("en", lang());
    assertTrue(driver.getPageSource().contains(en("home.lti11.title")));
  }

  private static <T> T until(java.util.function.Function<ChromeDriver, T> condition, String what) {
    return PageWait.until(driver, WAIT, condition, () -> "waited for " + what);
  }

  private static String lang() {
    return driver.findElement(By.tagName("html")).getAttribute("lang");
  }

  private static void organization() {
    Http.Res token =
        http()
            .postForm(
                "/api/v1/admin/token",
                "username="
                    + URLEncoder.encode(ADMIN, StandardCharsets.UTF_8)
                    + "&password="
                    + URLEncoder.encode(ADMIN_PASSWORD, StandardCharsets.UTF_8));
    assertEquals(200, token.status(), token.body());
    String bearer =
        Json.createReader(new StringReader(token.body())).readObject().getString("access_token");
    Http.Res created =
        http()
            .send(
                "POST",
                "/api/v1/admin/organizations",
                "application/json",
                "{\"slug\": \"" + SLUG + "\", \"name\": \"Universidad " + SLUG + "\"}",
                "Accept",
                "application/json",
                "Authorization",
                "Bearer " + bearer);
    assertEquals(201, created.status(), created.body());
  }

  /**
   * The console's English texts that read differently in Spanish, long enough not to be a name or a
   * word both languages share (a placeholder's text is cut at its first argument).
   */
  private static List<String> distinctTexts() throws IOException {
    Properties english = bundle("console.properties");
    Properties spanish = bundle("console_es.properties");
    List<String> out = new ArrayList<>();
    for (String key : english.stringPropertyNames()) {
      String e = english.getProperty(key).replace("''", "'");
      int argument = e.indexOf('{');
      String head = (argument < 0 ? e : e.substring(0, argument)).strip();
      boolean quotedInSpanish =
          spanish.values().stream().anyMatch(v -> v.toString().contains(head));
      if (head.length() >= 14 && !quotedInSpanish) {
        out.add(head);
      }
    }
    return out;
  }

  private static String en(String key) {
    return text("console.properties", key);
  }

  private static String es(String key) {
    return text("console_es.properties", key);
  }

  private static String text(String file, String key) {
    try {
      return bundle(file).getProperty(key).replace("''", "'");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Properties bundle(String file) throws IOException {
    Properties p = new Properties();
    try (var in =
        new InputStreamReader(
            Files.newInputStream(Path.of("src/main/resources/org/ltibridge/i18n", file)),
            StandardCharsets.UTF_8)) {
      p.load(in);
    }
    return p;
  }

  static final Duration WAIT = Duration.ofSeconds(30);
}
