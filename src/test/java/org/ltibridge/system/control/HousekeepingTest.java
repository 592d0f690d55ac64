package org.ltibridge.system.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HousekeepingTest {

  record Share(String what, int deletes, boolean fails, List<LocalDateTime> calls)
      implements Housework {
    @Override
    public int everyMinute(LocalDateTime now) {
      calls.add(now);
      if (fails) {
        throw new IllegalStateException("database gone");
      }
      return deletes;
    }
  }

  @Test
  void everyShareRunsAtTheSameMomentAndAFailureStopsNoOther() {
    List<LocalDateTime> calls = new ArrayList<>();
    LocalDateTime now = LocalDateTime.of(2026, 12, 2, 7, 30, 17);
    Map<String, Integer> purged =
        Housekeeping.run(
            List.of(
                new Share("nonces", 3, false, calls),
                new Share("logins", 0, true, calls),
                new Share("page tokens", 0, false, calls),
                new Share("sessions", 2, false, calls)),
            now);
    assertEquals(Map.of("nonces", 3, "sessions", 2), purged);
    assertEquals(List.of(now, now, now, now), calls);
  }
}
