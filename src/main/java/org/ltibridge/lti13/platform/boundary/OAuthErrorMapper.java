package org.ltibridge.lti13.platform.boundary;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.ltibridge.lti13.platform.control.OAuthError;
import org.ltibridge.system.boundary.JsonValues;

/**
 * RFC 6749 §5.2 error bodies for the token endpoint, RFC 6750 §3 ({@code WWW-Authenticate: Bearer
 * error=...}) for the services.
 */
@Provider
public class OAuthErrorMapper implements ExceptionMapper<OAuthError> {

  @Context HttpServletRequest request;

  @Override
  public Response toResponse(OAuthError e) {
    if (e.toolId() != null) {
      request.setAttribute(ToolErrorLog.TOOL, e.toolId());
    }
    Response.ResponseBuilder r =
        Response.status(e.status())
            .type(MediaType.APPLICATION_JSON_TYPE)
            .header("Cache-Control", "no-store")
            .header("Pragma", "no-cache")
            .entity(
                JsonValues.object()
                    .add("error", e.error())
                    .add("error_description", e.description())
                    .build()
                    .toString());
    if ("invalid_token".equals(e.error()) || "insufficient_scope".equals(e.error())) {
      r.header(
          "WWW-Authenticate",
          "Bearer error=\"" + e.error() + "\", error_description=\"" + e.description() + "\"");
    }
    return r.build();
  }
}
