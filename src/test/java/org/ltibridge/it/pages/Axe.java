package org.ltibridge.it.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * axe-core (Deque's accessibility engine, the npm package installed in src/test/axe by {@code npm
 * ci}) run on a page Chromium shows: every page a page test saves as a screenshot is checked, so
 * each page of the README is. A serious or critical violation (WCAG 2.x A and AA rules, as axe
 * rates them) fails the test with the rule, its help text and the elements concerned.
 */
final class Axe {

  private static final Path SCRIPT = Path.of("src/test/axe/node_modules/axe-core/axe.min.js");

  /** The rule sets checked: WCAG 2.0, 2.1 and 2.2 at levels A and AA, and axe's best practices. */
  private static final String TAGS =
      "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']";

  /**
   * A promise that the page's CSS transitions and animations have ended (at most 2 s): a button
   * just clicked fades into its hover colours (PrimeFaces' themes take 0.2 s), and the contrast of
   * a colour half-way is not the page's. Axe then reads the colours the page settles on.
   */
  private static final String SETTLED =
      "Promise.race([Promise.all(document.getAnimations().map(function (a) {"
          + " return a.finished.catch(function () {}); })),"
          + " new Promise(function (resolve) { setTimeout(resolve, 2000); })])";

  private static String source;

  private Axe() {}

  /**
   * Checks the page {@code browser} shows; for a page of the fake LMS, the LTI Bridge page in its
   * tool frame (the LMS's page is not ours). Leaves the browser in the context it found it in.
   */
  static void assertAccessible(ChromeDriver browser, String page) {
    boolean framed = !browser.findElements(By.name(FakeLmsPage.FRAME)).isEmpty();
    if (framed) {
      browser.switchTo().frame(FakeLmsPage.FRAME);
    }
    try {
      Object found =
          browser.executeAsyncScript(
              script()
                  + "\nvar done = arguments[arguments.length - 1];"
                  + SETTLED
                  + ".then(function () { return axe.run(document, {runOnly: {type: 'tag', values: "
                  + TAGS
                  + "}, resultTypes: ['violations']}); }).then(function (r) {"
                  + " done(r.violations.filter(function (v) {"
                  + "  return v.impact === 'serious' || v.impact === 'critical'; })"
                  + " .map(function (v) { return v.impact + ' ' + v.id + ': ' + v.help + ' ['"
                  + "  + v.nodes.slice(0, 5).map(function (n) { return n.target.join(' ') + ' ' + n.html.slice(0, 160); })"
                  + "  .join(', ') + ']'; })); },"
                  + " function (e) { done(['axe failed: ' + e]); });");
      assertEquals(List.of(), found, page + ": serious or critical accessibility violations");
    } finally {
      if (framed) {
        browser.switchTo().parentFrame();
      }
    }
  }

  private static synchronized String script() {
    if (source == null) {
      Path file = Path.of(System.getProperty("project.basedir", ".")).resolve(SCRIPT);
      if (!Files.isRegularFile(file)) {
        throw new IllegalStateException(
            file + " is missing: run `npm ci` in src/test/axe (.ci/run does) before the page ITs");
      }
      try {
        source = Files.readString(file);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return source;
  }
}
