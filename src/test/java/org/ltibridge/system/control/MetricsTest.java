package org.ltibridge.system.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The scrape is Prometheus text with the application's meters under their documented names. */
class MetricsTest {

  static double sample(String scrape, String series) {
    for (String line : scrape.split("\n")) {
      if (line.startsWith(series + " ")) {
        return Double.parseDouble(line.substring(series.length() + 1));
      }
    }
    return 0;
  }

  @Test
  void refusalsAreCountedByReason() {
    String series = "ltibridge_refusals_total{reason=\"metrics_test\"}";
    double before = sample(Metrics.scrape(), series);
    Metrics.refused(Problem.unauthorized("x").because("metrics_test").reason());
    Metrics.refused("metrics_test");
    assertEquals(before + 2, sample(Metrics.scrape(), series));
  }

  @Test
  void aProblemsReasonDefaultsToItsStatus() {
    assertEquals("unauthorized", Problem.unauthorized("x").reason());
    assertEquals("not_found", Problem.notFound("x").reason());
    assertEquals("status_503", new Problem(503, "t", "d").reason());
  }

  @Test
  void openStreamsGoUpAndDown() {
    double before = sample(Metrics.scrape(), "ltibridge_chat_streams_open");
    Metrics.streamOpened();
    assertEquals(before + 1, sample(Metrics.scrape(), "ltibridge_chat_streams_open"));
    Metrics.streamClosed();
    assertEquals(before, sample(Metrics.scrape(), "ltibridge_chat_streams_open"));
  }

  @Test
  void theScrapeIsPrometheusText() {
    String scrape = Metrics.scrape();
    assertTrue(scrape.contains("# TYPE ltibridge_chat_streams_open gauge"), scrape);
    assertTrue(scrape.contains("# TYPE jvm_memory_used_bytes gauge"), scrape);
  }
}
