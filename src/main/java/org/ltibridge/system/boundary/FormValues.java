package org.ltibridge.system.boundary;

import java.util.Arrays;
import java.util.List;
import org.ltibridge.system.control.Problem;

/**
 * Values of the plain HTML forms LTI pages post (LAMB's setup form and ours): checkboxes, ids,
 * repeated or comma-separated id lists. A malformed id is a 400 with the field's name.
 */
public final class FormValues {

  private FormValues() {}

  /** A checkbox: {@code 1}, {@code true} or {@code on} (any case) is ticked. */
  public static boolean isChecked(String value) {
    return value != null
        && (value.equals("1") || value.equalsIgnoreCase("true") || value.equalsIgnoreCase("on"));
  }

  /** An optional numeric id; null when absent. */
  public static Long parseId(String value, String name) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Long.valueOf(value.strip());
    } catch (NumberFormatException e) {
      throw Problem.badRequest(Problem.text("system.notANumber", name));
    }
  }

  /** {@code assistant_ids}, repeated and/or comma-separated. */
  public static List<Long> parseIds(List<String> values) {
    if (values == null) {
      return List.of();
    }
    return values.stream()
        .flatMap(v -> Arrays.stream(v.split(",")))
        .filter(v -> !v.isBlank())
        .map(v -> parseId(v, "assistant_ids"))
        .toList();
  }
}
