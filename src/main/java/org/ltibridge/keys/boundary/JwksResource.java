package org.ltibridge.keys.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.ltibridge.keys.control.SigningKeys;

/**
 * LTI Bridge's one public keyset, for LMSs (deep-linking responses, our tool role) and external
 * tools (id_tokens, access tokens of our platform role). Public halves only.
 */
@Path("lti/jwks")
@RequestScoped
public class JwksResource {

  @Inject SigningKeys keys;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Response keyset() {
    return Response.ok(keys.publishedKeys().toString(true))
        .header("Cache-Control", "public, max-age=" + keys.cacheFor().toSeconds())
        .build();
  }
}
