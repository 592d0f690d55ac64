package org.ltibridge.activity.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReturningStudentsTest {

  static final ReturningStudents.Student ADA =
      new ReturningStudents.Student(1, 10, false, false, null);
  static final ReturningStudents.Student ALAN =
      new ReturningStudents.Student(1, 11, true, false, null);
  static final ReturningStudents.Student GRACE =
      new ReturningStudents.Student(2, 20, true, true, "2026-11");

  @Test
  void remembersPerPlacementAndIdentity() {
    ReturningStudents cache = ReturningStudents.create(Duration.ofMinutes(1));
    cache.remember("p", "rl", "ada@x", ADA);
    assertEquals(Optional.of(ADA), cache.find("p", "rl", "ada@x"));
    assertEquals(Optional.empty(), cache.find("p", "rl-2", "ada@x"));
    assertEquals(Optional.empty(), cache.find("other", "rl", "ada@x"));
  }

  @Test
  void forgetsAnActivityOrAStudentAtOnce() {
    ReturningStudents cache = ReturningStudents.create(Duration.ofMinutes(1));
    cache.remember("p", "rl", "ada@x", ADA);
    cache.remember("p", "rl", "alan@x", ALAN);
    cache.remember("p", "rl-2", "grace@x", GRACE);
    cache.forgetStudent(11);
    assertEquals(Optional.empty(), cache.find("p", "rl", "alan@x"));
    assertEquals(Optional.of(ADA), cache.find("p", "rl", "ada@x"));
    cache.forgetActivity(1);
    assertEquals(Optional.empty(), cache.find("p", "rl", "ada@x"));
    assertEquals(Optional.of(GRACE), cache.find("p", "rl-2", "grace@x"));
  }

  @Test
  void entriesExpireAfterTheTtl() throws Exception {
    ReturningStudents cache = ReturningStudents.create(Duration.ofMillis(30));
    cache.remember("p", "rl", "ada@x", ADA);
    Thread.sleep(60);
    assertEquals(Optional.empty(), cache.find("p", "rl", "ada@x"));
    assertEquals(0, cache.size(), "an expired entry is dropped when found");
  }

  @Test
  void aZeroTtlSwitchesTheCacheOff() {
    ReturningStudents cache = ReturningStudents.create(Duration.ZERO);
    cache.remember("p", "rl", "ada@x", ADA);
    assertTrue(cache.find("p", "rl", "ada@x").isEmpty());
  }

  @Test
  void staysBounded() {
    ReturningStudents cache = ReturningStudents.create(Duration.ofMinutes(1));
    for (int i = 0; i <= ReturningStudents.MAX_ENTRIES; i++) {
      cache.remember("p", "rl", "s" + i, ADA);
    }
    assertTrue(cache.size() <= ReturningStudents.MAX_ENTRIES, "size " + cache.size());
  }

  @Test
  void expiredEntriesLeaveRoomForLiveOnes() throws Exception {
    ReturningStudents cache = ReturningStudents.create(Duration.ofMillis(200));
    for (int i = 0; i < ReturningStudents.MAX_ENTRIES - 1; i++) {
      cache.remember("p", "rl", "old" + i, ADA);
    }
    Thread.sleep(250);
    assertEquals(0, cache.size(), "expired entries are dropped, however many");
    cache.remember("p", "rl", "fresh", ALAN);
    cache.remember("p", "rl", "fresher", GRACE);
    assertEquals(2, cache.size(), "only the live entries are left");
    assertEquals(Optional.of(ALAN), cache.find("p", "rl", "fresh"));
    assertEquals(Optional.of(GRACE), cache.find("p", "rl", "fresher"));
  }

  @Test
  void anEntryLivesTheTtlAfterItWasWrittenNotAfterItWasRead() throws Exception {
    ReturningStudents cache = ReturningStudents.create(Duration.ofMillis(150));
    cache.remember("p", "rl", "ada@x", ADA);
    for (int i = 0; i < 4; i++) {
      Thread.sleep(50);
      cache.find("p", "rl", "ada@x");
    }
    assertEquals(Optional.empty(), cache.find("p", "rl", "ada@x"));
  }
}
