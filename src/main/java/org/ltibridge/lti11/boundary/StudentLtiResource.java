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
 * {@code POST /lamb/v1/lti_users/lti}: a legacy single-assistant link (LAMB's Student LTI, LAMB
 * lti_landscape.md §11), signed with the key of the assistant it names. The same verifier, launch
 * value and router as the Unified link; only the secrets differ ({@link Lti11Entry}).
 */
@Path("lamb/v1/lti_users/lti")
@ApplicationScoped
public class StudentLtiResource {

  @Inject Lti11Entry entry;

  @Context HttpServletRequest request;
  @Context HttpServletResponse response;

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response launch(MultivaluedMap<String, String> form) {
    return entry.launch(request, response, form);
  }
}
