package org.ltibridge.lti13.platform.boundary;

import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import java.io.StringReader;
import org.ltibridge.lti13.platform.control.ToolErrors;
import org.ltibridge.system.boundary.JsonValues;

/**
 * Keeps the errors that the token endpoint, AGS and NRPS answer to a known tool ({@link
 * ToolErrors}), whichever mapper wrote them: RFC 6749 §5.2 / RFC 6750 §3.1 bodies ({@code error},
 * {@code error_description}) and our problem bodies ({@code error}, {@code message}). The tool is
 * the one {@link ServiceAuth} or the token endpoint identified ({@link #TOOL}); an error answered
 * to nobody we know is not kept. Only the status and the message are kept, never the request.
 */
@Provider
public class ToolErrorLog implements ContainerResponseFilter {

  /** The request attribute naming the tool a request came from, once it is known. */
  public static final String TOOL = "org.ltibridge.lti13.platform.tool";

  @Inject ToolErrors errors;

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (response.getStatus() < 400 || !(request.getProperty(TOOL) instanceof Long toolId)) {
      return;
    }
    String path = request.getUriInfo().getPath();
    String relative = path.startsWith("/") ? path.substring(1) : path;
    if (!relative.startsWith("api/v1/lti/ags/")
        && !relative.startsWith("api/v1/lti/nrps/")
        && !relative.equals("lti/token")) {
      return;
    }
    String error = null;
    String message = null;
    if (response.getEntity() instanceof String body) {
      try {
        JsonObject o = JsonValues.reader(new StringReader(body)).readObject();
        error = o.getString("error", null);
        message = o.getString("error_description", o.getString("message", null));
      } catch (JsonException | IllegalStateException | ClassCastException notJson) {
        // An error page: the status alone says it.
      }
    }
    errors.record(
        toolId, request.getMethod() + " /" + relative, response.getStatus(), error, message);
  }
}
