package org.ltibridge.dashboard.control;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.ltibridge.chat.control.ChatStatistics;
import org.ltibridge.system.control.Problem;

/**
 * Reads the dashboard's chat filter from query parameters ({@code assistant}, {@code from}, {@code
 * to}): an assistant's id and ISO 8601 calendar dates (UTC, both days included). Bad values are
 * refused with 400, for the page and the API alike.
 */
public final class ChatFilters {

  static final Problem.Text ERROR_ASSISTANT = Problem.text("dashboard.ChatFilters.assistant");
  static final Problem.Text ERROR_DATE = Problem.text("dashboard.ChatFilters.date");
  static final Problem.Text ERROR_ORDER = Problem.text("dashboard.ChatFilters.order");

  private ChatFilters() {}

  public static ChatStatistics.Filter of(String assistant, String from, String to) {
    LocalDate first = date(from);
    LocalDate last = date(to);
    if (first != null && last != null && first.isAfter(last)) {
      throw Problem.badRequest(ERROR_ORDER);
    }
    return new ChatStatistics.Filter(assistant(assistant), first, last);
  }

  private static Long assistant(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      long id = Long.parseLong(value.strip());
      if (id < 1) {
        throw Problem.badRequest(ERROR_ASSISTANT);
      }
      return id;
    } catch (NumberFormatException e) {
      throw Problem.badRequest(ERROR_ASSISTANT);
    }
  }

  private static LocalDate date(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw Problem.badRequest(ERROR_DATE);
    }
  }
}
