package org.ltibridge.lti13.platform.boundary;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.ltibridge.learning.entity.Learner;
import org.ltibridge.lti13.platform.control.PlatformLaunches;
import org.ltibridge.system.control.Problem;

/**
 * {@code POST /lti/launch/{deployment_id}} (the start of the OpenID Connect launch flow, 1EdTech
 * Security Framework 1.0 §5.1.1): "Launch course" on the learner page. The learner is the signed-in
 * caller, never a form field; the answer sends the browser to the tool's OIDC login URL.
 */
@Path("lti/launch")
public class LaunchResource {

  static final Problem.Text ERROR_SIGN_IN = Problem.text("lti13.platform.LaunchResource.signIn");
  static final Problem.Text ERROR_CONTEXT = Problem.text("lti13.platform.LaunchResource.context");

  @Inject PlatformLaunches launches;
  @Inject Platform platform;
  @Context HttpServletRequest request;

  @POST
  @Path("{deploymentId}")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response launch(
      @PathParam("deploymentId") String deploymentId, @FormParam("context_id") String contextId) {
    if (request.getUserPrincipal() == null || !request.isUserInRole(Learner.ROLE)) {
      throw new Problem(401, Problem.text("title.notSignedIn"), ERROR_SIGN_IN);
    }
    if (contextId == null || contextId.isBlank()) {
      throw Problem.badRequest(ERROR_CONTEXT);
    }
    return Response.seeOther(
            launches.start(
                request.getUserPrincipal().getName(),
                deploymentId,
                contextId,
                platform.urls(request)))
        .header("Cache-Control", "no-store")
        .build();
  }
}
