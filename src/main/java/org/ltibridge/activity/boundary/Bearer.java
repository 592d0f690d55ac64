package org.ltibridge.activity.boundary;

/** Reads a token from an {@code Authorization: Bearer ...} header; null if absent. */
public final class Bearer {

  private Bearer() {}

  public static String token(String authorization) {
    if (authorization == null) {
      return null;
    }
    String a = authorization.strip();
    return a.regionMatches(true, 0, "Bearer ", 0, 7) ? a.substring(7).strip() : null;
  }
}
