package org.ltibridge.keys.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code /.well-known/jwks.json}: the same keyset as {@code /lti/jwks}. */
@Path(".well-known")
@RequestScoped
public class WellKnownResource {

  @Inject JwksResource jwks;

  @GET
  @Path("jwks.json")
  @Produces(MediaType.APPLICATION_JSON)
  public Response keyset() {
    return jwks.keyset();
  }
}
