package org.ltibridge.launch.entity;

import java.util.Set;

/**
 * The launching user's roles as LIS v2 role URIs (LTI 1.3 vocabulary). The LTI 1.1 verifier
 * translates its short and URN forms into these, so flows compare one vocabulary only. Unknown
 * roles are kept and ignored.
 */
public record Roles(Set<String> uris) {

  public static final String LIS = "http://purl.imsglobal.org/vocab/lis/v2/";
  public static final String INSTRUCTOR = LIS + "membership#Instructor";
  public static final String LEARNER = LIS + "membership#Learner";
  public static final String CONTENT_DEVELOPER = LIS + "membership#ContentDeveloper";
  public static final String CONTEXT_ADMIN = LIS + "membership#Administrator";
  public static final String MENTOR = LIS + "membership#Mentor";
  public static final String TEACHING_ASSISTANT = LIS + "membership/Instructor#TeachingAssistant";
  public static final String INSTITUTION_ADMIN = LIS + "institution/person#Administrator";
  public static final String SYSTEM_ADMIN = LIS + "system/person#Administrator";

  public Roles {
    uris = Set.copyOf(uris);
  }

  /**
   * Staff of the course: may configure the activity and see its dashboard. Teaching assistants and
   * content developers count, as do LMS administrators (who often test placements).
   */
  public boolean isInstructor() {
    return uris.contains(INSTRUCTOR)
        || uris.contains(TEACHING_ASSISTANT)
        || uris.contains(CONTENT_DEVELOPER)
        || uris.contains(CONTEXT_ADMIN)
        || uris.contains(INSTITUTION_ADMIN)
        || uris.contains(SYSTEM_ADMIN);
  }

  /** Everybody who is not staff is treated as a student, including a launch with no role at all. */
  public boolean isLearner() {
    return !isInstructor();
  }
}
