package org.ltibridge.learning.boundary;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.ltibridge.system.control.PublicUrl;

/** {@code GET /learn}: the learner's address; sends the browser to their courses page. */
@Path("learn")
public class LearnerEntryResource {

  /** The learner page, relative to the application's base URL. */
  public static final String HOME = "/ui/learn/index.xhtml";

  @Inject PublicUrl publicUrl;
  @Context HttpServletRequest request;

  @GET
  public Response enter() {
    return Response.seeOther(URI.create(publicUrl.base(request) + HOME))
        .header("Cache-Control", "no-store")
        .build();
  }
}
