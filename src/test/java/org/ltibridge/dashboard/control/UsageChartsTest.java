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
    UsageCharts charts =
        UsageCharts.of(
            usage,
            java.util.ResourceBundle.getBundle(
                "org.ltibridge.i18n.messages", java.util.Locale.ENGLISH));
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

    UsageCharts spanish =
        UsageCharts.of(
            usage,
            java.util.ResourceBundle.getBundle(
                "org.ltibridge.i18n.messages", java.util.Locale.forLanguageTag("es")));
    assertTrue(spanish.messages().contains(">Mensajes por día</title>"), spanish.messages());
    assertTrue(
        spanish
            .messages()
            .contains(
                "Del 2026-11-30 al 2026-12-02, 14 en total, la mayoría el 2026-11-30 (10). Las"
                    + " cifras están en la tabla «Uso por día»."),
        spanish.messages());
    assertTrue(spanish.assistantChats().contains("&lt;b&gt;Tutor&lt;/b&gt; &amp; co: 4."));
  }

  @Test
  void aPageOfAListIsSummedUpInThePagesLanguage() {
    var slice = new Dashboard.Slice<>(java.util.Collections.nCopies(50, "x"), 2000, 2, 50, 40);
    var english =
        java.util.ResourceBundle.getBundle("org.ltibridge.i18n.messages", java.util.Locale.ENGLISH);
    var spanish =
        java.util.ResourceBundle.getBundle(
            "org.ltibridge.i18n.messages", java.util.Locale.forLanguageTag("es"));
    assertEquals("Students 51\u2013100 of 2,000", slice.summary(english, "dashboard.students"));
    assertEquals("Chats 51\u2013100 de 2.000", slice.summary(spanish, "dashboard.chats"));
    var none = new Dashboard.Slice<String>(List.of(), 0, 1, 20, 0);
    assertEquals("No hay estudiantes", none.summary(spanish, "dashboard.students"));
  }
}
