package org.ltibridge.it.pages;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.NoSuchFrameException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Waiting for a page that the browser may replace at any moment: a JSF postback, a form the LMS
 * submits by script, a frame that navigates. Every page test waits through here, so what counts as
 * "not there yet" is decided once.
 */
final class PageWait {

  private static final Duration POLL = Duration.ofMillis(50);

  private PageWait() {}

  /**
   * Polls {@code condition} until it answers something other than null or false. An element or
   * frame that is missing, or was replaced between being found and being read, means "not yet".
   */
  static <T> T until(
      ChromeDriver driver,
      Duration timeout,
      Function<ChromeDriver, T> condition,
      Supplier<String> what) {
    return new WebDriverWait(driver, timeout, POLL)
        .ignoreAll(
            List.of(
                NoSuchElementException.class,
                NoSuchFrameException.class,
                StaleElementReferenceException.class))
        .withMessage(what)
        .until(d -> replacedMeansStale(() -> condition.apply((ChromeDriver) d)));
  }

  /**
   * ChromeDriver reports an element whose document was replaced while it was being read not as a
   * stale element but as "unhandled inspector error: Node with given id does not belong to the
   * document"; it means the same thing, so it is treated the same way.
   */
  private static <T> T replacedMeansStale(Supplier<T> read) {
    try {
      return read.get();
    } catch (WebDriverException e) {
      if (e instanceof StaleElementReferenceException
          || e.getMessage() == null
          || !e.getMessage().contains("does not belong to the document")) {
        throw e;
      }
      throw new StaleElementReferenceException("the page was replaced while it was read", e);
    }
  }
}
