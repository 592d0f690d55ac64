package org.ltibridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.ltibridge.it.Lms.Person;
import org.ltibridge.testsupport.Rfc5849Signer;

/**
 * The operations endpoints over HTTP, served by the application itself (Payara's own are off):
 * health in the MicroProfile Health format, readiness tied to the Liquibase changelog, one OpenAPI
 * document, and Prometheus metrics that count launches and refusals where they are decided.
 */
class OperationsIT extends ItBase {

  /** The last change set of liquibase/changelog-master.xml. */
  static final String LAST_CHANGE_SET = "011-instructor-lms-user";

  static JsonObject json(Http.Res res) {
    return Json.createReader(new StringReader(res.body())).readObject();
  }

  @Test
  void liveAndReadyAreUpWithTheSchemaMigrated() {
    Http.Res live = http().get("/health/live");
    assertEquals(200, live.status(), live.body());
    assertTrue(live.header("Content-Type").orElse("").startsWith("application/json"));
    assertEquals("UP", json(live).getString("status"));

    Http.Res ready = http().get("/health/ready");
    assertEquals(200, ready.status(), ready.body());
    JsonObject report = json(ready);
    assertEquals("UP", report.getString("status"));
    JsonObject schema = check(report, "schema");
    assertEquals("UP", schema.getString("status"));
    assertEquals(0, schema.getJsonObject("data").getInt("pending"));
    assertEquals("UP", check(report, "database").getString("status"));
  }

  @Test
  void readyIsDownWhileAChangeSetIsMissingFromTheDatabase() {
    // Liquibase's record of an applied change set, changed as if the database were restored from
    // before it: the change set counts as pending until the record is back.
    int changed =
        db().update(
                "UPDATE databasechangelog SET author = 'ops-it-pending' WHERE id = ?",
                LAST_CHANGE_SET);
    assertEquals(1, changed);
    try {
      Http.Res ready = http().get("/health/ready");
      assertEquals(503, ready.status(), ready.body());
      JsonObject report = json(ready);
      assertEquals("DOWN", report.getString("status"));
      JsonObject schema = check(report, "schema");
      assertEquals("DOWN", schema.getString("status"));
      assertEquals(
          LAST_CHANGE_SET + "::lti-bridge", schema.getJsonObject("data").getString("firstPending"));
      assertEquals(200, http().get("/health/live").status(), "alive all the same");
    } finally {
      db().update(
              "UPDATE databasechangelog SET author = 'lti-bridge' WHERE id = ? AND author = ?",
              LAST_CHANGE_SET,
              "ops-it-pending");
    }
    assertEquals(200, http().get("/health/ready").status());
  }

  @Test
  void openApiDescribesTheServicesAndTheAdminApi() {
    Http.Res res = http().get("/openapi");
    assertEquals(200, res.status(), res.body());
    JsonObject paths = json(res).getJsonObject("paths");
    for (String path :
        new String[] {
          "/lti/token",
          "/api/v1/lti/ags/contexts/{contextId}/lineitems",
          "/api/v1/lti/ags/lineitems/{id}/scores",
          "/api/v1/lti/nrps/contexts/{contextId}/memberships",
          "/api/v1/admin/organizations",
          "/api/v1/creator/assistants",
          "/lamb/v1/lti/dashboard/stats",
          "/health/ready",
        }) {
      assertTrue(paths.containsKey(path), path);
    }
    assertEquals(200, http().get("/api/v1/admin/openapi.json").status(), "the admin path too");
  }

  @Test
  void metricsCountALaunchAndARefusalBySignature() {
    String launches = "ltibridge_launches_total{version=\"1.1\"}";
    String signature = "ltibridge_refusals_total{reason=\"signature\"}";
    Map<String, Double> before = metrics();

    Http.Res launch = lms().launch(Person.student(), Lms.newPlacement());
    assertTrue(launch.status() < 400, launch.status() + " " + launch.body());
    Lms lms = lms();
    Http.Res refused =
        http()
            .postForm(
                Lms.UNIFIED,
                Lms.body(
                    lms.signed(
                        lms.params(Person.student(), Lms.newPlacement()),
                        KEY,
                        "wrong-secret",
                        Rfc5849Signer.Method.HMAC_SHA1)),
                "Accept",
                "text/html");
    assertEquals(401, refused.status());

    Map<String, Double> after = metrics();
    assertTrue(
        after.getOrDefault(launches, 0.0) >= before.getOrDefault(launches, 0.0) + 1,
        "launches counted: " + after.get(launches));
    assertTrue(
        after.getOrDefault(signature, 0.0) >= before.getOrDefault(signature, 0.0) + 1,
        "refusal counted: " + after.get(signature));
    assertTrue(after.containsKey("ltibridge_chat_streams_open"), after.keySet().toString());
  }

  @Test
  void metricsShowTheDatabasePoolAsTheServerReportsIt() throws InterruptedException {
    // A launch first, so that the pool has handed out connections since the start.
    Http.Res launch = lms().launch(Person.student(), Lms.newPlacement());
    assertTrue(launch.status() < 400, launch.status() + " " + launch.body());
    // The first scrape may come before the server has published its figures (Payara starts its
    // MBean tree on demand); a scraper sees them on a later scrape.
    Map<String, Double> m = metrics();
    for (int i = 0; i < 20 && m.get("ltibridge_db_pool_max").isNaN(); i++) {
      Thread.sleep(500);
      m = metrics();
    }

    // pom.xml and server-config give both servers a pool of at most 40 connections.
    assertEquals(40.0, m.get("ltibridge_db_pool_max"), m.toString());
    double active = m.get("ltibridge_db_pool_connections{state=\"active\"}");
    double idle = m.get("ltibridge_db_pool_connections{state=\"idle\"}");
    assertTrue(
        active >= 0 && idle >= 0 && active + idle >= 1, active + " active, " + idle + " idle");
    assertTrue(active + idle <= 40, active + " active, " + idle + " idle");
    assertTrue(m.get("ltibridge_db_pool_wait_max_seconds") >= 0, m.toString());
    assertTrue(m.get("ltibridge_db_kept_connections") >= 0, m.toString());
    double waiting = m.get("ltibridge_db_pool_waiting");
    if (WildFlyProcess.home() == null) {
      assertTrue(waiting >= 0, "Payara counts waiting requests: " + waiting);
    } else {
      assertTrue(Double.isNaN(waiting), "WildFly does not count waiting requests: " + waiting);
    }
  }

  @Test
  void theDataGridDoesNotStart() throws IOException {
    // Payara Micro logs its data grid's seed port when Hazelcast starts; the pre-boot commands
    // switch it off, so no such line (and no listener on port 6900) may appear.
    try (Stream<Path> logs = Files.list(Path.of("target"))) {
      for (Path log :
          logs.filter(p -> p.getFileName().toString().startsWith("it-server.log")).toList()) {
        assertFalse(Files.readString(log).contains("Config seed port"), log.toString());
      }
    }
  }

  private static JsonObject check(JsonObject report, String name) {
    return report.getJsonArray("checks").stream()
        .map(v -> v.asJsonObject())
        .filter(c -> c.getString("name").equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no check " + name + " in " + report));
  }

  private static final Pattern SAMPLE =
      Pattern.compile("^(ltibridge_\\S+) (\\S+)$", Pattern.MULTILINE);

  private Map<String, Double> metrics() {
    Http.Res res = http().get("/metrics");
    assertEquals(200, res.status(), res.body());
    assertTrue(res.header("Content-Type").orElse("").startsWith("text/plain"));
    Map<String, Double> samples = new java.util.HashMap<>();
    Matcher m = SAMPLE.matcher(res.body());
    while (m.find()) {
      samples.put(m.group(1), Double.parseDouble(m.group(2)));
    }
    return samples;
  }
}
