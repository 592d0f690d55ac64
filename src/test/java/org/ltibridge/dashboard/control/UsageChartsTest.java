package org.ltibridge.dashboard.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ltibridge.chat.control.ChatStatistics;

/** The usage charts: one bar per day with use, a name and a description, names escaped. */
class UsageChartsTest {

  static final LocalDate DAY = LocalDate.of(2026, 11, 30);

  @Test
  void aBarForEachDayWithUseAndATextAlternative() {
    var usage =
        new Dashboard.Usage(
            DAY,
            DAY.plusDays(2),
            List.of(
                new ChatStatistics.Day(DAY, 2, 3, 10),
                new ChatStatistics.Day(DAY.plusDays(1), 0, 0, 0),
                new ChatStatistics.Day(DAY.plusDays(2), 1, 1, 4)),
            List.of(new Dashboard.AssistantUsage(7, "<b>Tutor</b> & co", 4, 14, List.of())));
    UsageCharts charts = UsageCharts.of(usage);
    assertEquals(2, charts.messages().split("<rect ", -1).length - 1, "no bar for a day at zero");
    assertTrue(charts.messages().contains("role=\"img\""));
    assertTrue(
        charts
            .messages()
            .contains(
                "From 2026-11-30 to 2026-12-02, 14 in all, most on 2026-11-30 (10). The figures"
                    + " are in the table \u201cUsage per day\u201d."),
        charts.messages());
    assertTrue(charts.assistantChats().contains("&lt;b&gt;Tutor&lt;/b&gt; &amp; co"));
    assertFalse(charts.assistantChats().contains("<b>"), "an assistant's name is text");
    assertEquals(2, charts.usedDays().size());
  }
}
