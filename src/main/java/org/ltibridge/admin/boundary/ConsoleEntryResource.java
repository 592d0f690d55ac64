package org.ltibridge.admin.boundary;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.ltibridge.identity.entity.AdminUser;
import org.ltibridge.system.control.PublicUrl;

/**
 * {@code GET /admin}: the address the documentation and {@code /lamb/v1/lti/info} give for the
 * console. JAX-RS owns {@code /*}, the console's views live under {@code /ui/admin/}; this sends
 * the browser there (and the container on to the sign-in page when nobody is signed in).
 */
@Path("admin")
public class ConsoleEntryResource {

  /** The console home, relative to the application's base URL. */
  public static final String HOME = "/ui/admin/index.xhtml";

  /** Where a creator lands after signing in. */
  public static final String CREATOR_HOME = "/ui/creator/index.xhtml";

  /** One organisation's page; its slug follows. */
  public static final String ORGANIZATION_PAGE = "/ui/admin/organization.xhtml?org=";

  /** Every organisation, for system admins. */
  public static final String ORGANIZATIONS_PAGE = "/ui/admin/organizations.xhtml";

  @Inject PublicUrl publicUrl;
  @Context HttpServletRequest request;

  @GET
  public Response enter() {
    // A creator has no console: their own page is where /admin leads them.
    String home = request.isUserInRole(AdminUser.CREATOR) ? CREATOR_HOME : HOME;
    return Response.seeOther(URI.create(publicUrl.base(request) + home))
        .header("Cache-Control", "no-store")
        .build();
  }
}
