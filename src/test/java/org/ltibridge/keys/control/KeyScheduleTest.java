package org.ltibridge.keys.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ltibridge.keys.control.KeySchedule.Times;

class KeyScheduleTest {

  static final LocalDateTime T0 = LocalDateTime.of(2026, 1, 1, 0, 0);
  final KeySchedule schedule =
      new KeySchedule(Duration.ofDays(90), Duration.ofHours(24), Duration.ofHours(2));

  static Times key(int generation, LocalDateTime signsFrom) {
    return new Times("k" + generation, generation, signsFrom);
  }

  @Test
  void theFirstKeySignsAtOnce() {
    assertEquals(Optional.of(T0), schedule.scheduledNext(List.of(), T0));
    assertEquals(Optional.of(T0), schedule.requestedNext(List.of(), T0));
  }

  @Test
  void noNewKeyUntilADayBeforeTheRotationIsDue() {
    List<Times> keys = List.of(key(1, T0));
    assertEquals(Optional.empty(), schedule.scheduledNext(keys, T0.plusDays(88)));
    LocalDateTime dayBefore = T0.plusDays(89);
    assertEquals(Optional.of(T0.plusDays(90)), schedule.scheduledNext(keys, dayBefore));
  }

  @Test
  void aLateRotationStillPublishesTheKeyADayAheadOfSigning() {
    // The server was down when the rotation was due: the new key must not sign before tools had a
    // chance to see it.
    LocalDateTime late = T0.plusDays(120);
    assertEquals(
        Optional.of(late.plusHours(24)), schedule.scheduledNext(List.of(key(1, T0)), late));
  }

  @Test
  void aWaitingKeyIsNotStackedOn() {
    List<Times> keys = List.of(key(1, T0), key(2, T0.plusDays(90)));
    assertEquals(Optional.empty(), schedule.scheduledNext(keys, T0.plusDays(89)));
    assertEquals(Optional.empty(), schedule.requestedNext(keys, T0.plusDays(89)));
  }

  @Test
  void anAdminRotationSignsAfterThePublishingTime() {
    LocalDateTime now = T0.plusDays(3);
    assertEquals(Optional.of(now.plusHours(24)), schedule.requestedNext(List.of(key(1, T0)), now));
  }

  @Test
  void theOldKeySignsUntilTheNewOnesMomentThenStaysPublishedForTheRetention() {
    LocalDateTime switchAt = T0.plusDays(90);
    List<Times> keys = List.of(key(1, T0), key(2, switchAt));

    assertEquals("k1", schedule.signing(keys, switchAt.minusSeconds(1)).orElseThrow().kid());
    assertEquals("k2", schedule.signing(keys, switchAt).orElseThrow().kid());

    assertEquals(keys, schedule.published(keys, switchAt.minusDays(1)), "new key published early");
    assertEquals(keys, schedule.published(keys, switchAt.plusMinutes(119)), "old key retained");
    assertEquals(List.of(keys.get(1)), schedule.published(keys, switchAt.plusHours(2)));
    assertEquals(List.of(keys.get(0)), schedule.expired(keys, switchAt.plusHours(2)));
    assertTrue(schedule.expired(keys, switchAt.plusMinutes(119)).isEmpty());
  }

  @Test
  void nothingSignsBeforeTheFirstKeysTime() {
    assertTrue(schedule.signing(List.of(key(1, T0)), T0.minusSeconds(1)).isEmpty());
  }

  @Test
  void rotatingMoreOftenThanPublishingAheadIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new KeySchedule(Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(2)));
  }
}
