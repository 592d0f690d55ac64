package org.ltibridge.launch.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** One normalisation for LTI 1.1 parameters and the LTI 1.3 roles claim (issue #15). */
class RolesTest {

  static Set<String> uris(String... sent) {
    return Roles.normalised(Arrays.asList(sent)).uris();
  }

  @Test
  void simpleContextNamesBecomeLisUris() {
    // LTI 1.3 Core Appendix A.2: simple names for context roles may be used interchangeably.
    assertEquals(Set.of(Roles.INSTRUCTOR), uris("Instructor"));
    assertEquals(Set.of(Roles.LEARNER), uris("Learner"));
    assertEquals(Set.of(Roles.LEARNER), uris("Student"));
    assertEquals(Set.of(Roles.TEACHING_ASSISTANT), uris("TeachingAssistant"));
    assertEquals(Set.of(Roles.CONTENT_DEVELOPER), uris("ContentDeveloper"));
    assertEquals(Set.of(Roles.TEACHING_ASSISTANT), uris("Instructor/TeachingAssistant"));
  }

  @Test
  void lisUrnsBecomeLisUris() {
    assertEquals(Set.of(Roles.INSTRUCTOR), uris("urn:lti:role:ims/lis/Instructor"));
    assertEquals(Set.of(Roles.LEARNER), uris("urn:lti:role:ims/lis/Learner"));
    assertEquals(
        Set.of(Roles.TEACHING_ASSISTANT),
        uris("urn:lti:role:ims/lis/Instructor/TeachingAssistant"));
    assertEquals(Set.of(Roles.INSTITUTION_ADMIN), uris("urn:lti:instrole:ims/lis/Administrator"));
    assertEquals(Set.of(Roles.SYSTEM_ADMIN), uris("urn:lti:sysrole:ims/lis/Administrator"));
  }

  @Test
  void fullUrisPassThroughUnknownRolesAreKeptAndBlanksDropped() {
    assertEquals(Set.of(Roles.INSTRUCTOR), uris(Roles.INSTRUCTOR, " ", ""));
    String custom = "https://lms.example.edu/roles#Guest";
    assertEquals(Set.of(custom), uris(custom));
    assertEquals(Set.of(Roles.LIS + "membership#SomethingNew"), uris("SomethingNew"));
    assertEquals(Set.of(), Roles.normalised(Arrays.asList((String) null)).uris());
  }

  @Test
  void staffAndStudentsAreToldApartWhateverTheForm() {
    for (String instructor :
        List.of("Instructor", "urn:lti:role:ims/lis/Instructor", Roles.INSTRUCTOR)) {
      assertTrue(Roles.normalised(List.of(instructor)).isInstructor(), instructor);
    }
    for (String learner : List.of("Learner", "urn:lti:role:ims/lis/Learner", Roles.LEARNER)) {
      assertFalse(Roles.normalised(List.of(learner)).isInstructor(), learner);
    }
    assertTrue(Roles.normalised(List.of("Mentor", "SomethingNew")).isLearner());
    assertTrue(Roles.normalised(List.of()).isLearner(), "no role at all is a student");
  }
}
