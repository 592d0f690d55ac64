package org.ltibridge.lti13.platform.control;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The platform's public values for one request: the issuer and every endpoint URL a tool needs
 * (built from {@code LTI_BRIDGE_PUBLIC_URL} or the request, see {@code system/control/PublicUrl}).
 */
public record PlatformUrls(String base, String issuer) implements java.io.Serializable {

  public String authorize() {
    return base + "/lti/authorize";
  }

  public String token() {
    return base + "/lti/token";
  }

  public String jwks() {
    return base + "/lti/jwks";
  }

  /** The audience of our access tokens: AGS and NRPS accept nothing else. */
  public String servicesAudience() {
    return base + "/api/v1/lti";
  }

  public String lineItems(String contextId) {
    return base + "/api/v1/lti/ags/contexts/" + encode(contextId) + "/lineitems";
  }

  public String lineItem(long id) {
    return base + "/api/v1/lti/ags/lineitems/" + id;
  }

  public String memberships(String contextId) {
    return base + "/api/v1/lti/nrps/contexts/" + encode(contextId) + "/memberships";
  }

  static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
