package org.ltibridge.system.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import org.ltibridge.system.control.Metrics;

/**
 * {@code GET /metrics}: every meter of {@link Metrics} in the Prometheus text exposition format
 * 0.0.4 (https://prometheus.io/docs/instrumenting/exposition_formats/). Payara Micro's own {@code
 * /metrics} is switched off in {@code server-config/pre-boot-commands.asadmin} so that this one
 * answers; WildFly serves its own metrics on the management port only.
 */
@Path("metrics")
@ApplicationScoped
public class MetricsResource {

  static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";

  @GET
  @Produces(TEXT_FORMAT)
  public Response scrape() {
    return Response.ok(Metrics.scrape(), TEXT_FORMAT).header("Cache-Control", "no-store").build();
  }
}
