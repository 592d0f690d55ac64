package org.ltibridge.lti13.platform.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import org.ltibridge.lti13.platform.control.AccessTokens;
import org.ltibridge.lti13.platform.control.OAuthError;
import org.ltibridge.lti13.platform.control.ServiceCaller;

/** The bearer check of every AGS and NRPS request (RFC 6750 §2.1, LTI Security Framework §4.1). */
@ApplicationScoped
public class ServiceAuth {

  @Inject AccessTokens tokens;
  @Inject Platform platform;

  /** The caller, who must hold at least one of {@code scopes}. */
  public ServiceCaller require(HttpServletRequest request, String... scopes) {
    String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw OAuthError.invalidToken("An access token from /lti/token is required.");
    }
    ServiceCaller caller = tokens.verify(header.substring(7).strip(), platform.urls(request));
    // Whatever is answered from here on is answered to this tool (ToolErrorLog keeps refusals).
    request.setAttribute(ToolErrorLog.TOOL, caller.toolId());
    if (!caller.mayAny(scopes)) {
      throw new OAuthError(
              403,
              "insufficient_scope",
              "The access token does not grant " + String.join(" or ", scopes) + ".")
          .forTool(caller.toolId());
    }
    return caller;
  }
}
