package org.ltibridge.admin.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The admin API described as an OpenAPI 3.0 document, a static file beside these classes (no
 * annotation scanning, so that every server serves the same document). {@code AdminOpenApiTest}
 * keeps it and the resources' paths in step.
 */
@Path("api/v1/admin/openapi.json")
@ApplicationScoped
public class AdminOpenApiResource {

  static final String DOCUMENT = "openapi.json";

  @GET
  public Response document() {
    return Response.ok(read(), "application/json").header("Cache-Control", "no-cache").build();
  }

  static byte[] read() {
    try (InputStream in = AdminOpenApiResource.class.getResourceAsStream(DOCUMENT)) {
      if (in == null) {
        throw new IllegalStateException(DOCUMENT + " is missing from the build");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
