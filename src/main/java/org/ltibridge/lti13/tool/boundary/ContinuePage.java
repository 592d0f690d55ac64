package org.ltibridge.lti13.tool.boundary;

import java.util.List;

/**
 * Model of {@code lti/lti13-continue.xhtml}, the page that keeps an LTI 1.3 login bound to the
 * browser when cookies may not work:
 *
 * <ul>
 *   <li>{@code put}: at login, the browser binding is written to the platform's storage ({@code
 *       lti.put_data}), then the browser goes on to the platform ({@code next});
 *   <li>{@code get}: at launch, without the cookie, it is read back ({@code lti.get_data}) and the
 *       id_token posted again with it;
 *   <li>{@code window}: neither works: the login is offered again in a new window, where cookies
 *       are first-party.
 * </ul>
 */
public record ContinuePage(
    String mode,
    String target,
    String origin,
    String key,
    String value,
    String next,
    String idToken,
    String state,
    String loginUrl,
    List<Param> loginParams) {

  /** A hidden form field. */
  public record Param(String name, String value) {}

  public boolean put() {
    return mode.equals("put");
  }

  public boolean get() {
    return mode.equals("get");
  }

  public boolean window() {
    return mode.equals("window");
  }
}
