package org.ltibridge.admin.boundary;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/**
 * Headers every answer of the admin and creator APIs carries, refusals included (an exception
 * mapper's response passes through here too): {@code Cache-Control: no-store}, since answers hold
 * one-time passwords, secrets and personal data (RFC 9111 §5.2.2.5); and on a 401 the challenge RFC
 * 6750 §3 asks for, with {@code error="invalid_token"} when a bearer token was sent but is not (or
 * no longer) valid.
 */
@Provider
public class AdminApiHeaders implements ContainerResponseFilter {

  static final String PREFIX = "api/v1/admin/";
  static final String CREATOR_PREFIX = "api/v1/creator/";
  static final String REALM = "Bearer realm=\"LTI Bridge admin API\"";

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    String path = request.getUriInfo().getPath();
    String relative = path.startsWith("/") ? path.substring(1) : path;
    if (!relative.startsWith(PREFIX) && !relative.startsWith(CREATOR_PREFIX)) {
      return;
    }
    if (!response.getHeaders().containsKey(HttpHeaders.CACHE_CONTROL)) {
      response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, "no-store");
    }
    if (response.getStatus() == 401) {
      String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
      boolean sentToken =
          authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
      response
          .getHeaders()
          .putSingle(
              HttpHeaders.WWW_AUTHENTICATE,
              sentToken ? REALM + ", error=\"invalid_token\"" : REALM);
    }
  }
}
