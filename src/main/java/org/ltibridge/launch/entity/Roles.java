package org.ltibridge.launch.entity;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The launching user's roles as LIS v2 role URIs (LTI 1.3 vocabulary). Both wire formats go through
 * {@link #normalised}, which translates short names and LIS URNs into these, so flows compare one
 * vocabulary only. Unknown roles are kept and ignored.
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

  private static final String CONTEXT_URN = "urn:lti:role:ims/lis/";
  private static final String INSTITUTION_URN = "urn:lti:instrole:ims/lis/";
  private static final String SYSTEM_URN = "urn:lti:sysrole:ims/lis/";

  public Roles {
    uris = Set.copyOf(uris);
  }

  /**
   * Roles as a launch sends them, in either wire format, as LIS v2 URIs: full URIs pass through;
   * LIS context URNs ({@code urn:lti:role:ims/lis/Instructor}), institution and system URNs (LTI
   * 1.1 Implementation Guide, Appendix A) and simple context role names ({@code Instructor}, {@code
   * Learner}) are translated. LTI 1.3 Core §5.3.7 and Appendix A.2 (role vocabularies) let
   * platforms send the simple names for context roles, and the 1EdTech certification suite does;
   * LTI 1.1 sends names and URNs. Blank entries are dropped; unknown names are kept (as context
   * roles, which no check knows).
   */
  public static Roles normalised(Iterable<String> sent) {
    Set<String> out = new LinkedHashSet<>();
    for (String raw : sent) {
      String role = raw == null ? "" : raw.strip();
      if (role.isEmpty()) {
        continue;
      }
      if (role.startsWith("http://") || role.startsWith("https://")) {
        out.add(role);
      } else if (role.startsWith(CONTEXT_URN)) {
        out.add(contextRole(role.substring(CONTEXT_URN.length())));
      } else if (role.startsWith(INSTITUTION_URN)) {
        out.add(LIS + "institution/person#" + role.substring(INSTITUTION_URN.length()));
      } else if (role.startsWith(SYSTEM_URN)) {
        out.add(LIS + "system/person#" + role.substring(SYSTEM_URN.length()));
      } else {
        out.add(contextRole(role));
      }
    }
    return new Roles(out);
  }

  private static String contextRole(String name) {
    switch (name.toLowerCase(Locale.ROOT)) {
      case "student":
      case "learner":
        return LEARNER;
      case "teachingassistant":
        return TEACHING_ASSISTANT;
      default:
        int slash = name.indexOf('/');
        return slash < 0
            ? LIS + "membership#" + name
            : LIS + "membership/" + name.substring(0, slash) + "#" + name.substring(slash + 1);
    }
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
