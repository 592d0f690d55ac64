package org.ltibridge.lti13.tool.control;

import org.ltibridge.activity.control.UnifiedActivityFlow;

/**
 * The URLs an LMS administrator gives the platform for LTI Bridge's LTI 1.3 tool role, relative to
 * the public base URL. The launch's {@code target_link_uri} is the Unified flow's URL: the router
 * picks the flow from it, whatever the wire format.
 */
public record ToolUrls(String base) implements java.io.Serializable {

  public static final String LOGIN = "/lti13/login";
  public static final String LAUNCH = "/lti13/launch";
  public static final String DEEP_LINKING = "/lti13/deep-linking";
  public static final String REGISTER = "/lti13/register";
  public static final String CONFIG = "/lti13/config.json";
  public static final String JWKS = "/lti/jwks";

  public String login() {
    return base + LOGIN;
  }

  /** The redirect URI of every flow (the id_token is posted here). */
  public String launch() {
    return base + LAUNCH;
  }

  /** {@code target_link_uri} of links to the Unified activity flow. */
  public String target() {
    return base + UnifiedActivityFlow.PATH;
  }

  /** {@code target_link_uri} of a deep linking placement; the launch still arrives at launch(). */
  public String deepLinking() {
    return base + DEEP_LINKING;
  }

  public String jwks() {
    return base + JWKS;
  }

  public String config() {
    return base + CONFIG;
  }

  public String register(String organizationRef) {
    return base + REGISTER + "?org=" + organizationRef;
  }
}
