package org.ltibridge.admin.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.ltibridge.admin.control.ApiTokens;
import org.ltibridge.system.boundary.JsonValues;

/**
 * Trades a console account's username and password for a bearer token of the admin API, answered as
 * RFC 6749 §5.1 answers an access token ({@code access_token}, {@code token_type}, {@code
 * expires_in}, never cached). Refusals (401 wrong or one-time password, 429 throttled) come from
 * {@link ApiTokens} as Problems.
 */
@Path("api/v1/admin/token")
@ApplicationScoped
public class AdminTokenResource {

  @Inject ApiTokens tokens;

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response token(
      @FormParam("username") String username, @FormParam("password") String password) {
    ApiTokens.Issued issued = tokens.issue(username, password);
    return Response.ok(
            JsonValues.object()
                .add("access_token", issued.accessToken())
                .add("token_type", "Bearer")
                .add("expires_in", issued.expiresIn())
                .build()
                .toString(),
            MediaType.APPLICATION_JSON_TYPE)
        .header("Cache-Control", "no-store")
        .header("Pragma", "no-cache")
        .build();
  }
}
