package org.ltibridge.identity.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ltibridge.launch.entity.LmsUser;
import org.ltibridge.lti11.control.Lti11Launches;
import org.ltibridge.system.control.Problem;

/**
 * As LAMB's {@code lti_creator_router.py}: the synthetic email and the display name of a Creator
 * LTI creator.
 */
class LtiCreatorsTest {

  static LmsUser user(String id, String name, String username) {
    return new LmsUser(
        id, Optional.ofNullable(name), Optional.empty(), Optional.ofNullable(username));
  }

  @Test
  void emailFollowsLambsFormula() {
    assertEquals(
        "lti_creator_engineering_jsmith123@lamb-lti.local",
        LtiCreators.email("engineering", "jsmith123"));
  }

  @Test
  void emailKeepsLettersDigitsDotsUnderscoresAndHyphensAndReplacesTheRest() {
    assertEquals(
        "lti_creator_physics_a.b_c-D9____x@lamb-lti.local",
        LtiCreators.email("physics", "a.b_c-D9 @/+x"));
    // One character per replaced character, however many bytes it has in UTF-8.
    assertEquals("lti_creator_p_J_rg@lamb-lti.local", LtiCreators.email("p", "Jörg"));
  }

  @Test
  void emailCutsTheUserIdAt120Characters() {
    String longId = "x".repeat(119) + "yz";
    assertEquals(
        "lti_creator_p_" + "x".repeat(119) + "y@lamb-lti.local", LtiCreators.email("p", longId));
    assertEquals(
        "lti_creator_p_" + "_".repeat(120) + "@lamb-lti.local",
        LtiCreators.email("p", "€".repeat(130)));
  }

  @Test
  void displayNameFallsBackFromFullNameToUsernameToUserId() {
    assertEquals("Ada Lovelace", LtiCreators.displayName(user("u1", "Ada Lovelace", "ada")));
    assertEquals("ada", LtiCreators.displayName(user("u1", null, "ada")));
    assertEquals("u1", LtiCreators.displayName(user("u1", "  ", null)));
    assertEquals("LTI User", LtiCreators.displayName(user(" ", null, null)));
    assertEquals(200, LtiCreators.displayName(user("u1", "n".repeat(300), null)).length());
  }

  @Test
  void creatorLaunchNeedsAUserIdButNoResourceLink() {
    Lti11Launches.checkCreator(Map.of("user_id", "u1"));
    Lti11Launches.checkCreator(
        Map.of("user_id", "u1", "lti_message_type", "basic-lti-launch-request"));
    assertEquals(
        400, assertThrows(Problem.class, () -> Lti11Launches.checkCreator(Map.of())).status());
    assertEquals(
        400,
        assertThrows(
                Problem.class,
                () ->
                    Lti11Launches.checkCreator(
                        Map.of("user_id", "u1", "lti_message_type", "ContentItemSelectionRequest")))
            .status());
  }
}
