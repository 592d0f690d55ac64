package org.ltibridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A real third-party client: the npm package ltijs (5.9.9, with ltijs-sequelize on its own
 * PostgreSQL database) plays the external tool. It is launched by our platform (its login route,
 * our authorize, its launch route validating our id_token against our JWKS, its state cookie), then
 * creates a line item, posts a score through its Grade service, reads the results and reads our
 * roster through its NamesAndRoles service, for two learners; between them the tool is deactivated
 * (the launch is refused) and reactivated (it works again, with the token ltijs kept). Node side:
 * {@code src/test/ltijs/} ({@code tool.js} answers each launch with a JSON report of what it did).
 */
class LtijsToolIT extends ItBase {

  static final File DIR = new File("src/test/ltijs");

  @Test
  void ltijsIsLaunchedPostsAScoreAndReadsTheRoster() throws Exception {
    installNodeModules();
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String toolBase = "http://127.0.0.1:" + port;
    PlatformFixture f = new PlatformFixture(PlatformFixture.signedInAdmin(), null);
    String database = "ltijs_it_" + f.suffix.replace('-', '_');
    f.register(
            PlatformIT.ALL_SCOPES,
            "ltijs-" + f.suffix,
            toolBase + "/login",
            toolBase + "/",
            toolBase + "/keys")
        .course(true)
        .place("{\"source\":\"ltijs-it\"}");
    String email = f.learner("Lina", true);
    String second = f.learner("Leo", false); // enrolled by launching the open course
    String userId = PlatformFixture.userId(email);

    db().update("CREATE DATABASE " + database);
    Process node = null;
    try {
      String platform = base().toString().replaceAll("/$", "");
      ProcessBuilder pb =
          new ProcessBuilder("node", "tool.js").directory(DIR).redirectErrorStream(true);
      Map<String, String> env = pb.environment();
      env.put("TOOL_PORT", String.valueOf(port));
      env.put("TOOL_DB_NAME", database);
      env.put("TOOL_DB_USER", System.getProperty("it.db.user", "postgres"));
      env.put("TOOL_DB_PASSWORD", System.getProperty("it.db.password", "postgres"));
      env.put("TOOL_ENCRYPTION_KEY", "ltijs-it-" + f.suffix);
      env.put("PLATFORM_ISSUER", platform);
      env.put("PLATFORM_CLIENT_ID", f.clientId);
      env.put("PLATFORM_AUTH_URL", platform + "/lti/authorize");
      env.put("PLATFORM_TOKEN_URL", platform + "/lti/token");
      env.put("PLATFORM_JWKS_URL", platform + "/lti/jwks");
      env.put("SCORES", "{\"" + email + "\": 92, \"" + second + "\": 41}");
      node = pb.start();
      StringBuilder output = new StringBuilder();
      CompletableFuture<Boolean> ready = new CompletableFuture<>();
      Process started = node;
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader r =
                    new BufferedReader(
                        new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8))) {
                  for (String line; (line = r.readLine()) != null; ) {
                    synchronized (output) {
                      output.append(line).append('\n');
                    }
                    if (line.startsWith("ltijs tool ready")) {
                      ready.complete(true);
                    }
                  }
                } catch (java.io.IOException e) {
                  // process ended
                }
                ready.complete(false);
              });
      reader.setDaemon(true);
      reader.start();
      assertTrue(ready.get(90, TimeUnit.SECONDS), () -> "ltijs did not start:\n" + output);

      JsonObject lina = launch(f, email, platform, toolBase, output);
      assertEquals(userId, lina.getString("user"));
      assertEquals(email, lina.getString("email"));
      assertEquals(f.contextId, lina.getJsonObject("context").getString("id"));
      assertEquals("ltijs-it", lina.getJsonObject("custom").getString("source"));
      assertTrue(
          lina.getJsonObject("lineItem")
              .getString("id")
              .startsWith(platform + "/api/v1/lti/ags/lineitems/"));
      assertTrue(lina.getJsonObject("results").toString().contains(userId), lina.toString());
      assertTrue(lina.getJsonObject("results").toString().contains("92"), lina.toString());
      assertTrue(lina.getJsonObject("members").toString().contains(userId), lina.toString());
      assertEquals("92.00|100|PASSED|COMPLETED", PlatformIT.enrolment(email, f.courseId));

      // Deactivated (admin API): the second learner's launch is refused, and so is the access
      // token ltijs holds, at once. Reactivated: the same launch works, and ltijs's cached token
      // is honoured again (ltijs keeps its token for the hour and never asks twice).
      String sys = AdminApi.token(PlatformFixture.ADMIN, PlatformFixture.ADMIN_PASSWORD);
      Http.Res off =
          AdminApi.call("POST", "/platform/tools/" + f.toolId + "/deactivate", sys, null);
      assertEquals(200, off.status(), off.body());
      Browser refusedBrowser = PlatformFixture.signedInLearner(second);
      Http.Res refused =
          refusedBrowser.post("/lti/launch/" + f.deploymentId, Map.of("context_id", f.contextId));
      assertEquals(403, refused.status(), refused.body());
      Http.Res on = AdminApi.call("POST", "/platform/tools/" + f.toolId + "/activate", sys, null);
      assertEquals(200, on.status(), on.body());

      // The second learner: ltijs finds the line item it created (resource_link_id filter).
      JsonObject leo = launch(f, second, platform, toolBase, output);
      assertEquals(
          lina.getJsonObject("lineItem").getString("id"),
          leo.getJsonObject("lineItem").getString("id"));
      String members = leo.getJsonObject("members").toString();
      assertTrue(
          members.contains(userId) && members.contains(PlatformFixture.userId(second)), members);
      assertEquals("41.00|100|FAILED|COMPLETED", PlatformIT.enrolment(second, f.courseId));
    } finally {
      if (node != null) {
        node.destroy();
        if (!node.waitFor(10, TimeUnit.SECONDS)) {
          node.destroyForcibly();
        }
      }
      db().update("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }
  }

  /** One learner's launch through ltijs, the browser keeping ltijs's state cookie; its report. */
  private static JsonObject launch(
      PlatformFixture f, String email, String platform, String toolBase, StringBuilder output) {
    Browser browser = PlatformFixture.signedInLearner(email);
    Http.Res start =
        browser.post("/lti/launch/" + f.deploymentId, Map.of("context_id", f.contextId));
    assertEquals(303, start.status(), start.body());
    Http.Res toAuthorize = browser.get(start.header("Location").orElseThrow());
    assertEquals(302, toAuthorize.status(), () -> toAuthorize.body() + "\n" + output);
    String authorize = toAuthorize.header("Location").orElseThrow();
    assertTrue(authorize.startsWith(platform + "/lti/authorize?"), authorize);
    Http.Res form = browser.get(authorize);
    assertEquals(200, form.status(), form.body());
    Http.Res launched =
        browser.post(
            toolBase + "/",
            Map.of(
                "id_token", PlatformFixture.hidden(form.body(), "id_token"),
                "state", PlatformFixture.hidden(form.body(), "state")));
    assertEquals(302, launched.status(), () -> launched.body() + "\n" + output);
    Http.Res app =
        browser.get(
            toolBase
                + launched.header("Location").orElseThrow().replaceFirst("^https?://[^/]+", ""));
    assertEquals(200, app.status(), () -> app.body() + "\n" + output);
    return PlatformIT.json(app.body());
  }

  /** {@code npm ci} once, when .ci/run has not done it already. */
  static void installNodeModules() throws Exception {
    if (new File(DIR, "node_modules/ltijs").isDirectory()) {
      return;
    }
    Process npm =
        new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
            .directory(DIR)
            .redirectErrorStream(true)
            .redirectOutput(new File("target/ltijs-npm.log"))
            .start();
    assertTrue(npm.waitFor(5, TimeUnit.MINUTES), "npm ci took too long");
    assertEquals(0, npm.exitValue(), "npm ci failed, see target/ltijs-npm.log");
  }
}
