package org.ltibridge.system.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * How the console's pages write a time: {@code <time datetime="#{times.iso(t)}" data-local="">
 * #{times.utc(t)}</time>}, the minute in UTC, said so, which {@code times.js} rewrites in the
 * reader's format and time zone where the browser tells it (ECMA-402 {@code Intl}). A time is an
 * ISO 8601 instant (as the views and the API write them) or a {@link LocalDateTime} in UTC.
 */
@Named
@ApplicationScoped
public class Times {

  private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  /** The instant, ISO 8601 in UTC ({@code 2026-12-03T17:10:00Z}); empty for none. */
  public String iso(Object time) {
    Instant at = instant(time);
    return at == null ? "" : at.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /**
   * The minute, in UTC and said so ({@code 2026-12-03 17:10 UTC}); the text itself if unreadable.
   */
  public String utc(Object time) {
    Instant at = instant(time);
    if (at == null) {
      return time == null ? "" : time.toString();
    }
    return MINUTE.format(at.atOffset(ZoneOffset.UTC)) + " UTC";
  }

  static Instant instant(Object time) {
    if (time instanceof Instant i) {
      return i;
    }
    if (time instanceof OffsetDateTime o) {
      return o.toInstant();
    }
    if (time instanceof LocalDateTime l) {
      return l.toInstant(ZoneOffset.UTC);
    }
    if (time instanceof String s && !s.isBlank()) {
      try {
        return OffsetDateTime.parse(s).toInstant();
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    return null;
  }
}
