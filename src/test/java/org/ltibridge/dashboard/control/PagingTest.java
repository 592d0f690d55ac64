package org.ltibridge.dashboard.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ltibridge.chat.control.ChatStatistics;
import org.ltibridge.system.control.Problem;

/** The dashboard's paging and chat filter: what is accepted, and 400 for the rest. */
class PagingTest {

  @Test
  void pagingAcceptsPagesFromOneAndSizesUpToAHundred() {
    assertEquals(new Paging(1, 20), Paging.of(null, null));
    assertEquals(new Paging(3, 100), Paging.of("3", " 100 "));
    assertEquals(100, new Paging(3, 50).offset());
    for (String[] bad :
        List.of(
            new String[] {"0", "20"},
            new String[] {"-1", "20"},
            new String[] {"x", "20"},
            new String[] {"1.5", "20"},
            new String[] {"1", "0"},
            new String[] {"1", "-1"},
            new String[] {"1", "101"},
            new String[] {"1", "1000"},
            new String[] {"1", "ten"},
            new String[] {"99999999999", "20"})) {
      Problem p =
          assertThrows(Problem.class, () -> Paging.of(bad[0], bad[1]), bad[0] + "/" + bad[1]);
      assertEquals(400, p.status());
    }
  }

  @Test
  void theSummaryCountsAsAPersonReads() {
    var words =
        java.util.ResourceBundle.getBundle("org.ltibridge.i18n.messages", java.util.Locale.ENGLISH);
    var slice = new Dashboard.Slice<>(List.of("a", "b"), 2002, new Paging(51, 40));
    assertEquals("Students 2,001\u20132,002 of 2,002", slice.summary(words, "dashboard.students"));
    assertEquals(51, slice.pages());
    assertEquals(
        "No students",
        new Dashboard.Slice<>(List.of(), 0, Paging.FIRST).summary(words, "dashboard.students"));
    assertEquals(
        "Chats: none on page 9 of 1",
        new Dashboard.Slice<>(List.of(), 3, new Paging(9, 20)).summary(words, "dashboard.chats"));
  }

  @Test
  void theChatFilterTakesAnAssistantIdAndIsoDates() {
    assertEquals(
        new ChatStatistics.Filter(7L, LocalDate.of(2026, 1, 2), LocalDate.of(2026, 1, 2)),
        ChatFilters.of("7", "2026-01-02", "2026-01-02"));
    assertEquals(ChatStatistics.Filter.NONE, ChatFilters.of("", null, " "));
    for (String[] bad :
        List.of(
            new String[] {"x", null, null},
            new String[] {"0", null, null},
            new String[] {null, "02/01/2026", null},
            new String[] {null, null, "2026-13-01"},
            new String[] {null, "2026-02-02", "2026-02-01"})) {
      Problem p = assertThrows(Problem.class, () -> ChatFilters.of(bad[0], bad[1], bad[2]), bad[0]);
      assertEquals(400, p.status());
    }
  }
}
