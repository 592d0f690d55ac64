package org.ltibridge.admin.control;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How administration shows times: ISO 8601 in UTC, as the API answers them. */
final class Views {

  private Views() {}

  static String time(LocalDateTime utc) {
    return utc == null ? null : utc.atOffset(ZoneOffset.UTC).format(DateTimeFormatter.ISO_INSTANT);
  }
}
