package org.ltibridge.identity.control;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;

/**
 * The browser's half of a sign-in ({@link SignInSessions}): an opaque token in a cookie that
 * scripts cannot read ({@code HttpOnly}), that no other site's POST or frame carries ({@code
 * SameSite=Lax}, RFC 6265bis §5.4.7), and that travels only over TLS when the public URL is https
 * ({@code Secure}). No {@code Max-Age}: it goes when the browser closes; the server ends it sooner.
 * Written as a header because Payara ignores a cookie's {@code SameSite} attribute.
 */
public final class SignInCookie {

  /** The cookie's name. */
  public static final String NAME = "ltibridge_signin";

  private SignInCookie() {}

  /** The token the request brings, if any. */
  public static Optional<String> read(HttpServletRequest request) {
    Cookie[] cookies = request.getCookies();
    if (cookies == null) {
      return Optional.empty();
    }
    for (Cookie cookie : cookies) {
      if (NAME.equals(cookie.getName()) && !cookie.getValue().isBlank()) {
        return Optional.of(cookie.getValue());
      }
    }
    return Optional.empty();
  }

  /** Gives the browser a sign-in's token (base64url: no character needs quoting). */
  public static void set(
      HttpServletRequest request, HttpServletResponse response, String token, boolean secure) {
    response.addHeader("Set-Cookie", header(request, token, secure, false));
  }

  /** Makes the browser forget its token. */
  public static void clear(
      HttpServletRequest request, HttpServletResponse response, boolean secure) {
    response.addHeader("Set-Cookie", header(request, "", secure, true));
  }

  static String header(HttpServletRequest request, String value, boolean secure, boolean expire) {
    String path = request.getContextPath().isEmpty() ? "/" : request.getContextPath();
    return NAME
        + "="
        + value
        + "; Path="
        + path
        + "; HttpOnly; SameSite=Lax"
        + (secure ? "; Secure" : "")
        + (expire ? "; Max-Age=0" : "");
  }
}
