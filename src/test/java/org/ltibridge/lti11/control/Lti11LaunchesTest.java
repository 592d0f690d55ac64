package org.ltibridge.lti11.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ltibridge.launch.entity.Launch;
import org.ltibridge.launch.entity.LtiVersion;
import org.ltibridge.launch.entity.Roles;
import org.ltibridge.system.control.Problem;

class Lti11LaunchesTest {

  Map<String, String> params() {
    Map<String, String> p = new HashMap<>();
    p.put("lti_message_type", "basic-lti-launch-request");
    p.put("lti_version", "LTI-1p0");
    p.put("resource_link_id", "abc123");
    p.put("user_id", "42");
    return p;
  }

  @Test
  void moodleAndCanvasRoleSpellingsAreUnderstood() {
    assertTrue(Lti11Launches.roles("Instructor").isInstructor());
    assertTrue(Lti11Launches.roles("urn:lti:role:ims/lis/Instructor").isInstructor());
    assertTrue(Lti11Launches.roles("urn:lti:role:ims/lis/TeachingAssistant").isInstructor());
    assertTrue(Lti11Launches.roles("TeachingAssistant").isInstructor());
    assertTrue(Lti11Launches.roles("urn:lti:sysrole:ims/lis/Administrator").isInstructor());
    assertTrue(Lti11Launches.roles("ContentDeveloper").isInstructor());
    assertTrue(Lti11Launches.roles("Learner").isLearner());
    assertTrue(
        Lti11Launches.roles("urn:lti:role:ims/lis/Learner, urn:lti:instrole:ims/lis/Student")
            .isLearner());
    assertTrue(Lti11Launches.roles("").isLearner(), "no role at all is a student");
    assertTrue(Lti11Launches.roles("Mentor,SomethingNew").isLearner());
    assertTrue(
        Lti11Launches.roles("urn:lti:role:ims/lis/Learner,Instructor")
            .uris()
            .contains(Roles.INSTRUCTOR));
    assertTrue(Lti11Launches.roles(Roles.INSTRUCTOR).isInstructor(), "LTI 1.3 URIs pass through");
  }

  @Test
  void requiredParametersAreChecked() {
    Lti11Launches.check(params());
    for (String name : new String[] {"resource_link_id", "user_id", "lti_message_type"}) {
      Map<String, String> p = params();
      p.remove(name);
      Problem problem = assertThrows(Problem.class, () -> Lti11Launches.check(p));
      assertEquals(400, problem.status());
    }
    Map<String, String> p = params();
    p.put("lti_message_type", "ContentItemSelectionRequest");
    assertTrue(
        assertThrows(Problem.class, () -> Lti11Launches.check(p))
            .detail()
            .contains("ContentItemSelectionRequest"));
  }

  @Test
  void translatesIntoALaunch() {
    Map<String, String> p = params();
    p.put("roles", "Learner");
    p.put("lis_person_name_given", "Maria");
    p.put("lis_person_name_family", "Garcia");
    p.put("lis_person_contact_email_primary", "MGarcia@Example.EDU");
    p.put("ext_user_username", "mgarcia");
    p.put("context_id", "phy101");
    p.put("context_title", "Physics");
    p.put("tool_consumer_instance_guid", "moodle.example.edu");
    p.put("custom_section", "A");
    p.put("lis_outcome_service_url", "https://lms.example.edu/outcomes");
    p.put("lis_result_sourcedid", "src-1");
    Launch launch = Lti11Launches.toLaunch("key", URI.create("https://b/lamb/v1/lti/launch"), p);
    assertEquals(LtiVersion.LTI_1_1, launch.version());
    assertEquals("lti11|key|moodle.example.edu", launch.platform().value());
    assertEquals("Maria Garcia", launch.user().name().orElseThrow());
    assertEquals("mgarcia@example.edu", launch.user().email().orElseThrow());
    assertEquals("mgarcia", launch.user().usernameOrId());
    assertEquals("Physics", launch.context().orElseThrow().title().orElseThrow());
    assertEquals("A", launch.custom().get("section"));
    assertEquals("src-1", launch.services().basicOutcome().orElseThrow().resultSourcedId());
    assertFalse(launch.roles().isInstructor());
  }

  @Test
  void theSamePlacementInTwoLmsesIsTwoPlatforms() {
    Map<String, String> a = params();
    a.put("tool_consumer_instance_guid", "lms-a");
    Map<String, String> b = params();
    b.put("tool_consumer_instance_guid", "lms-b");
    URI target = URI.create("https://b/lamb/v1/lti/launch");
    assertFalse(
        Lti11Launches.toLaunch("k", target, a)
            .platform()
            .equals(Lti11Launches.toLaunch("k", target, b).platform()));
  }
}
