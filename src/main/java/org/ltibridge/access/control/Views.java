package org.ltibridge.access.control;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * How administration shows times: ISO 8601 in UTC, to the microsecond the database keeps (so a time
 * just written reads the same as when read back), as the API answers them.
 */
public final class Views {

  private Views() {}

  public static String time(LocalDateTime utc) {
    return utc == null
        ? null
        : utc.truncatedTo(ChronoUnit.MICROS)
            .atOffset(ZoneOffset.UTC)
            .format(DateTimeFormatter.ISO_INSTANT);
  }
}
