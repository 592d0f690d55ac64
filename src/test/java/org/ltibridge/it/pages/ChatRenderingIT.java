package org.ltibridge.it.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ltibridge.it.Http;
import org.ltibridge.it.ItBase;
import org.ltibridge.it.Lms;
import org.ltibridge.it.Lms.Person;
import org.ltibridge.testsupport.FakeChatCompletionsServer;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A model's reply as the student sees it, in Chromium: Markdown rendered (headings, lists, tables,
 * links, code coloured), and a hostile reply (scripts, event attributes, javascript: and data:
 * links, frames, SVG) shown without anything of it running; a whole answer can be copied.
 */
class ChatRenderingIT extends ItBase {

  static final Duration WAIT = Duration.ofSeconds(30);

  static final String RICH =
      "## Forces\n\nNewton's second law:\n\n- **mass** in kg\n- *acceleration* in m/s²\n\n"
          + "| quantity | unit |\n|---|---|\n| force | N |\n| mass | kg |\n\n"
          + "```java\ndouble force(double m, double a) {\n  return m * a; // F = m a\n}\n```\n\n"
          + "Read [more](https://example.org/newton).";

  static final String HOSTILE =
      "<script>window.pwned = 'script'</script>\n\n<img src=\"x\" onerror=\"window.pwned = 'img'\">"
          + " <svg onload=\"window.pwned = 'svg'\"></svg>"
          + " <iframe src=\"javascript:window.pwned = 'iframe'\"></iframe>\n\n"
          + "[click me](javascript:window.pwned='link') and"
          + " <a href=\"data:text/html,<script>parent.pwned='data'</script>\">data link</a> and"
          + " <b onmouseover=\"window.pwned = 'hover'\">bold</b>"
          + " <a href=\"#x\" onclick=\"window.pwned = 'click'\">anchor</a>";

  static ChromeDriver driver;
  static Path profile;
  static FakeChatCompletionsServer model;
  static String before;
  static String chatUrl;

  @BeforeAll
  static void aStudentInAChatWithAModel() throws IOException {
    model = FakeChatCompletionsServer.start();
    before = db().string("SELECT model_base_url FROM organizations WHERE slug = 'demo'");
    db().update("UPDATE organizations SET model_base_url = ? WHERE slug = 'demo'", model.baseUrl());
    Lms lms = new Lms(base(), ItBase.KEY, ItBase.SECRET);
    String placement = Lms.newPlacement();
    Http.Res setup = lms.launch(Person.instructor(PagesInIframeIT.DEMO_INSTRUCTOR), placement);
    Http.Res configured =
        http()
            .postForm(
                "/lamb/v1/lti/configure",
                "token="
                    + setup.locationToken()
                    + "&assistant_ids="
                    + db().demoAssistant("Physics Tutor"));
    assertEquals(303, configured.status(), configured.body());
    Http.Res student = lms.launch(Person.student(), placement);
    assertTrue(student.location().startsWith("/lamb/v1/lti/chat?token="), student.location());
    chatUrl = base().resolve(student.location().substring(1)).toString();
    profile = Files.createTempDirectory("ltibridge-chromium-render-");
    driver = PagesInIframeIT.chromium(profile, true);
    driver.executeCdpCommand(
        "Browser.grantPermissions",
        java.util.Map.of(
            "origin",
            base().toString().replaceAll("/$", ""),
            "permissions",
            List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
    driver.get(chatUrl);
    until(d -> d.findElement(By.id("message")), "the chat page");
  }

  @AfterAll
  static void stop() {
    if (driver != null) {
      driver.quit();
    }
    db().update("UPDATE organizations SET model_base_url = ? WHERE slug = 'demo'", before);
    if (model != null) {
      model.close();
    }
    PagesInIframeIT.delete(profile);
  }

  @Test
  void aReplyRendersItsMarkdownAndCodeAndCanBeCopied() {
    WebElement reply = ask("What is Newton's second law?", RICH, 1);
    WebElement md = reply.findElement(By.cssSelector(".md"));
    assertEquals("Forces", md.findElement(By.tagName("h2")).getText());
    assertEquals(2, md.findElements(By.cssSelector("ul > li")).size());
    assertEquals("mass", md.findElement(By.cssSelector("li strong")).getText());
    assertEquals(3, md.findElements(By.cssSelector("table tr")).size());
    WebElement code = md.findElement(By.cssSelector("pre code"));
    assertTrue(
        code.getAttribute("class").contains("hljs"), "coloured: " + code.getAttribute("class"));
    assertTrue(code.getText().contains("return m * a;"), code.getText());
    WebElement link = md.findElement(By.linkText("more"));
    assertEquals("https://example.org/newton", link.getAttribute("href"));
    assertEquals("_blank", link.getAttribute("target"));
    assertEquals("noopener noreferrer", link.getAttribute("rel"));

    WebElement copy = reply.findElement(By.cssSelector("button.copy"));
    assertEquals("Copy this answer", copy.getAccessibleName());
    copy.sendKeys(Keys.ENTER);
    until(
        d -> "Copied.".equals(d.findElement(By.id("announce")).getAttribute("textContent")),
        "the copy announced");
    Object copied =
        driver.executeAsyncScript(
            "var done = arguments[arguments.length - 1];"
                + " navigator.clipboard.readText().then(done, function (e) { done('failed: ' + e); });");
    assertEquals(RICH, copied, "the answer's Markdown, as the model wrote it");
    PagesInIframeIT.save(driver, PagesInIframeIT.screenshotDirectory(), "13-chat-rendered.png");
  }

  @Test
  void aHostileReplyRunsNothing() {
    WebElement reply = ask("Show me something", HOSTILE, 2);
    WebElement md = reply.findElement(By.cssSelector(".md"));
    // What could run was removed; what is text stays.
    assertTrue(md.getText().contains("bold"), md.getText());
    for (String tag : List.of("script", "img", "svg", "iframe")) {
      assertEquals(List.of(), md.findElements(By.tagName(tag)), tag + " left in the reply");
    }
    // Every link that is left is clicked, the bold text hovered: nothing runs.
    for (WebElement a : md.findElements(By.tagName("a"))) {
      String href = a.getAttribute("href");
      assertTrue(
          href == null || href.startsWith("http") || href.contains("#"), "a link left: " + href);
      driver.executeScript("arguments[0].click();", a);
    }
    new org.openqa.selenium.interactions.Actions(driver)
        .moveToElement(md.findElement(By.tagName("b")))
        .perform();
    Object found =
        driver.executeScript(
            "var bad = [];"
                + " document.querySelectorAll('#messages *').forEach(function (e) {"
                + "  for (var i = 0; i < e.attributes.length; i++) {"
                + "   var n = e.attributes[i].name, v = e.attributes[i].value;"
                + "   if (n.indexOf('on') === 0 || /^\\s*(javascript|data):/i.test(v)) {"
                + "    bad.push(e.tagName + ' ' + n + '=' + v); } } });"
                + " return bad.concat(window.pwned === undefined ? [] : ['ran: ' + window.pwned]);");
    assertEquals(List.of(), found);
  }

  /** Sends {@code question} from the page; the model answers {@code answer}; the whole reply. */
  static WebElement ask(String question, String answer, int nth) {
    model.replyWith(answer);
    WebElement input = driver.findElement(By.id("message"));
    input.sendKeys(question);
    input.sendKeys(Keys.ENTER);
    return until(
        d -> {
          List<WebElement> done = d.findElements(By.cssSelector("#messages li.msg.assistant"));
          WebElement last = done.isEmpty() ? null : done.get(done.size() - 1);
          return last != null
                  && !last.getAttribute("class").contains("pending")
                  && !last.findElements(By.cssSelector("button.copy")).isEmpty()
              ? last
              : null;
        },
        "reply " + nth + " complete");
  }

  static <T> T until(java.util.function.Function<ChromeDriver, T> condition, String what) {
    return PageWait.until(driver, WAIT, condition, () -> "waiting for " + what);
  }
}
