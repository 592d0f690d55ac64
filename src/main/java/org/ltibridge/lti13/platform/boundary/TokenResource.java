package org.ltibridge.lti13.platform.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.ltibridge.lti13.platform.control.AccessTokens;
import org.ltibridge.lti13.platform.control.AccessTokens.Issued;
import org.ltibridge.system.boundary.JsonValues;

/**
 * {@code POST /lti/token} (LTI Security Framework §4.1): client credentials with a JWT client
 * assertion; answers RFC 6749 §5.1 JSON with {@code Cache-Control: no-store}.
 */
@Path("lti/token")
@ApplicationScoped
public class TokenResource {

  @Inject AccessTokens tokens;
  @Inject Platform platform;
  @Context HttpServletRequest request;

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.APPLICATION_JSON)
  public Response token(
      @FormParam("grant_type") String grantType,
      @FormParam("client_assertion_type") String assertionType,
      @FormParam("client_assertion") String assertion,
      @FormParam("scope") String scope) {
    Issued issued =
        tokens.issue(grantType, assertionType, assertion, scope, platform.urls(request));
    return Response.ok(
            JsonValues.object()
                .add("access_token", issued.accessToken())
                .add("token_type", "Bearer")
                .add("expires_in", issued.expiresIn())
                .add("scope", issued.scope())
                .build()
                .toString())
        .header("Cache-Control", "no-store")
        .header("Pragma", "no-cache")
        .build();
  }
}
