package org.ltibridge.system.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ltibridge.system.control.Health;
import org.ltibridge.system.control.Health.Report;

/**
 * MicroProfile Health 4.0 endpoints served by the application itself, so that they answer the same
 * on every server, with or without a MicroProfile Health implementation: {@code
 * {"status":"UP"|"DOWN","checks":[{"name","status","data"}]}}, 200 when up and 503 when down
 * (https://github.com/eclipse/microprofile-health, spec § "Protocol and wire format"). Payara
 * Micro's own {@code /health} is switched off in {@code server-config/pre-boot-commands.asadmin}:
 * it would answer "UP" even for a deployment that failed.
 */
@Path("health")
@ApplicationScoped
public class HealthResource {

  @Inject Health health;

  /** Every check (readiness, liveness and startup together). */
  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Response all() {
    List<Health.Check> checks = new ArrayList<>(health.startup().checks());
    checks.addAll(health.liveness().checks());
    checks.addAll(health.readiness().checks());
    return answer(new Report(checks.stream().allMatch(Health.Check::up), checks));
  }

  @GET
  @Path("live")
  @Produces(MediaType.APPLICATION_JSON)
  public Response live() {
    return answer(health.liveness());
  }

  @GET
  @Path("ready")
  @Produces(MediaType.APPLICATION_JSON)
  public Response ready() {
    return answer(health.readiness());
  }

  @GET
  @Path("started")
  @Produces(MediaType.APPLICATION_JSON)
  public Response started() {
    return answer(health.startup());
  }

  static Response answer(Report report) {
    return Response.status(report.up() ? 200 : 503)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .header("Cache-Control", "no-store")
        .entity(json(report))
        .build();
  }

  static String json(Report report) {
    JsonArrayBuilder checks = JsonValues.array();
    for (Health.Check check : report.checks()) {
      JsonObjectBuilder data = JsonValues.object();
      for (Map.Entry<String, Object> e : check.data().entrySet()) {
        if (e.getValue() instanceof Number n) {
          data.add(e.getKey(), n.longValue());
        } else {
          data.add(e.getKey(), String.valueOf(e.getValue()));
        }
      }
      JsonObjectBuilder c =
          JsonValues.object().add("name", check.name()).add("status", status(check.up()));
      if (!check.data().isEmpty()) {
        c.add("data", data);
      }
      checks.add(c);
    }
    return JsonValues.object()
        .add("status", status(report.up()))
        .add("checks", checks)
        .build()
        .toString();
  }

  private static String status(boolean up) {
    return up ? "UP" : "DOWN";
  }
}
