package org.ltibridge.lti11.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

/**
 * {@code POST /lamb/v1/lti/launch}: the Unified LTI entry point over LTI 1.1, signed with the
 * global key and secret (LAMB lti_landscape.md §10.1). Verifies, translates into a Launch, routes.
 */
@Path("lamb/v1/lti/launch")
@ApplicationScoped
public class UnifiedLaunchResource {

  @Inject Lti11Entry entry;

  @Context HttpServletRequest request;
  @Context HttpServletResponse response;

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response launch(MultivaluedMap<String, String> form) {
    return entry.launch(request, response, form);
  }
}
