package org.ltibridge.identity.control;

import java.util.Locale;
import org.ltibridge.launch.entity.Launch;
import org.ltibridge.launch.entity.LmsUser;

/**
 * LAMB lti_landscape.md §6: a student's identity is per activity, {@code
 * {username}_{resource_link_id}@lamb-lti.local}, so chats in one activity are invisible from
 * another. Characters that cannot appear in an address's local part are replaced.
 */
public final class SyntheticIdentity {

  public static final String DOMAIN = "lamb-lti.local";

  private SyntheticIdentity() {}

  public static String studentEmail(Launch launch) {
    return email(launch.user(), launch.resourceLink().value());
  }

  /** The identity of an LMS user in the placement {@code resourceLinkId}. */
  public static String email(LmsUser user, String resourceLinkId) {
    return localPart(user.usernameOrId()) + "_" + localPart(resourceLinkId) + "@" + DOMAIN;
  }

  static String localPart(String value) {
    StringBuilder out = new StringBuilder(value.length());
    for (char c : value.strip().toLowerCase(Locale.ROOT).toCharArray()) {
      boolean ok =
          (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
      out.append(ok ? c : '-');
    }
    return out.isEmpty() ? "user" : out.toString();
  }
}
