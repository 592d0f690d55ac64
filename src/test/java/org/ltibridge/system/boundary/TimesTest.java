package org.ltibridge.system.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class TimesTest {

  private final Times times = new Times();

  @Test
  void anInstantOrAUtcLocalTimeReadsAsTheMinuteInUtcSaidSo() {
    assertEquals("2026-12-03 17:10 UTC", times.utc("2026-12-03T17:10:59.123456Z"));
    assertEquals("2026-12-03T17:10:59Z", times.iso("2026-12-03T17:10:59.123456Z"));
    assertEquals("2026-12-03 16:10 UTC", times.utc("2026-12-03T17:10:00+01:00"));
    assertEquals("2026-12-03 17:10 UTC", times.utc(LocalDateTime.of(2026, 12, 3, 17, 10, 5)));
    assertEquals("2026-12-03T17:10:05Z", times.iso(LocalDateTime.of(2026, 12, 3, 17, 10, 5)));
  }

  @Test
  void noTimeIsEmptyAndAnUnreadableOneIsShownAsItIs() {
    assertEquals("", times.utc(null));
    assertEquals("", times.iso(null));
    assertEquals("never", times.utc("never"));
    assertEquals("", times.iso("never"));
  }
}
