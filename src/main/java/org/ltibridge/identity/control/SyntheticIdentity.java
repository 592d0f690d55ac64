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

  /** The domain of LAMB's per-assistant identities (LAMB lti_landscape.md §6). */
  public static final String LEGACY_DOMAIN = "lamb-project.org";

  private SyntheticIdentity() {}

  public static String studentEmail(Launch launch) {
    return email(launch.user(), launch.resourceLink().value());
  }

  /** The identity of an LMS user in the placement {@code resourceLinkId}. */
  public static String email(LmsUser user, String resourceLinkId) {
    return localPart(user.usernameOrId()) + "_" + localPart(resourceLinkId) + "@" + DOMAIN;
  }

  /**
   * LAMB lti_landscape.md §6: a student of a legacy single-assistant link is {@code
   * {username}-{consumer key}@lamb-project.org}, one identity per assistant, the same in every
   * course that links to it.
   */
  public static String legacyEmail(LmsUser user, String consumerKey) {
    return localPart(user.usernameOrId()) + "-" + localPart(consumerKey) + "@" + LEGACY_DOMAIN;
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
