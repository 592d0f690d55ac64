package org.ltibridge.lti13.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.ltibridge.access.control.Actor;
import org.ltibridge.learning.entity.Course;
import org.ltibridge.lti13.platform.control.Placements.PlacementChange;
import org.ltibridge.lti13.platform.entity.CourseConfig;
import org.ltibridge.lti13.platform.entity.Deployment;
import org.ltibridge.lti13.platform.entity.Tool;
import org.ltibridge.system.control.Problem;

/** Issue #20: the change of a placement, and what it derives. */
class PlacementsTest {

  @Test
  void onlySystemAdminsMayAndTheyAreAskedFirst() {
    Placements placements = new Placements(); // no EntityManager
    for (Actor who :
        List.of(
            new Actor(2L, "org", Actor.Role.ORG_ADMIN, 7L),
            new Actor(3L, "c", Actor.Role.CREATOR, 7L, 9L),
            Actor.ANONYMOUS)) {
      Problem refused =
          assertThrows(
              Problem.class, () -> placements.change(who, 1, PlacementChange.activation(false)));
      assertEquals(who == Actor.ANONYMOUS ? 401 : 403, refused.status());
      assertThrows(Problem.class, () -> placements.list(who));
      assertThrows(Problem.class, () -> placements.get(who, 1));
    }
  }

  @Test
  void aChangedPlacementDerivesItsIdsAgain() {
    LocalDateTime now = LocalDateTime.of(2026, 1, 1, 8, 0);
    Course course = new Course("PHYS", "Physics", new BigDecimal("50"), false, now);
    Tool tool =
        new Tool(
            "T",
            "client",
            "https://t.example/login",
            "https://t.example/launch",
            List.of("https://t.example/launch"),
            "https://t.example/jwks",
            null,
            Set.of(),
            now);
    CourseConfig c =
        new CourseConfig(
            course,
            new Deployment(tool, "d", "Default", now),
            "7",
            null,
            "ctx",
            null,
            null,
            true,
            now);
    assertEquals("ctx", c.contextId());
    assertEquals("PHYS-7", c.resourceLinkId());
    c.change("8", null, null, "rl", null, false, now);
    assertEquals("PHYS", c.contextId(), "the override cleared: the course code again");
    assertEquals("rl", c.resourceLinkId());
    assertEquals(false, c.autoSyncGrades());
    c.activate(false, now);
    assertEquals(false, c.active());
  }
}
