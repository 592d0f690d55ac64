package org.ltibridge.identity.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.ltibridge.launch.entity.Launch;
import org.ltibridge.launch.entity.LaunchServices;
import org.ltibridge.launch.entity.LmsUser;
import org.ltibridge.launch.entity.LtiVersion;
import org.ltibridge.launch.entity.PlatformKey;
import org.ltibridge.launch.entity.ResourceLinkId;
import org.ltibridge.launch.entity.Roles;

class SyntheticIdentityTest {

  static Launch launch(String username, String userId, String rlid) {
    return new Launch(
        LtiVersion.LTI_1_1,
        PlatformKey.lti11("k", null),
        "k",
        URI.create("https://b/lamb/v1/lti/launch"),
        new LmsUser(userId, Optional.empty(), Optional.empty(), Optional.ofNullable(username)),
        new Roles(Set.of(Roles.LEARNER)),
        Optional.empty(),
        new ResourceLinkId(rlid),
        Optional.empty(),
        Map.of(),
        LaunchServices.NONE,
        Optional.empty());
  }

  @Test
  void followsLambsFormula() {
    assertEquals(
        "mgarcia_abc123@lamb-lti.local",
        SyntheticIdentity.studentEmail(launch("mgarcia", "9", "abc123")));
  }

  @Test
  void fallsBackToTheUserIdAndSanitises() {
    assertEquals(
        "u-42_rl-1-x@lamb-lti.local",
        SyntheticIdentity.studentEmail(launch(null, "u 42", "rl/1@x")));
  }

  @Test
  void isIsolatedPerActivity() {
    assertNotEquals(
        SyntheticIdentity.studentEmail(launch("m", "1", "a")),
        SyntheticIdentity.studentEmail(launch("m", "1", "b")));
  }

  @Test
  void aLegacyLinksIdentityIsPerAssistantAndTheSameInEveryCourse() {
    LmsUser maria = new LmsUser("9", Optional.empty(), Optional.empty(), Optional.of("mgarcia"));
    assertEquals(
        "mgarcia-physics-tutor@lamb-project.org",
        SyntheticIdentity.legacyEmail(maria, "Physics Tutor"));
    assertNotEquals(
        SyntheticIdentity.legacyEmail(maria, "Physics Tutor"),
        SyntheticIdentity.legacyEmail(maria, "Essay Coach"));
    LmsUser withoutUsername =
        new LmsUser("u 42", Optional.empty(), Optional.empty(), Optional.empty());
    assertEquals(
        "u-42-7_history@lamb-project.org",
        SyntheticIdentity.legacyEmail(withoutUsername, "7_History"));
  }
}
