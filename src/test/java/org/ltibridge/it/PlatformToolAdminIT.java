package org.ltibridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ltibridge.it.AdminApi.call;
import static org.ltibridge.it.AdminApi.object;
import static org.ltibridge.it.AdminApi.unique;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Registered tools of the platform role change over time, from the console and from the admin API
 * (one control method behind both): an edit's new key and scopes hold from the next token request,
 * and scopes taken away are refused on existing tokens at once; a deactivated tool cannot be
 * launched nor obtain a token, and its existing access token is refused at once on this instance
 * AND on a second instance sharing the database (no data grid between them); reactivating restores
 * launches, tokens and the token it held. Removal is refused where it would lose results. The
 * diagnostics show a refused score's error. Every role × action of the API, and bad inputs, write
 * nothing when refused.
 */
class PlatformToolAdminIT extends ItBase {

  static final String SCORE_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/score";
  static final String LINEITEM_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem";
  static final String READONLY_SCOPE =
      "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly";

  static String sys() {
    return AdminApi.token(PlatformFixture.ADMIN, PlatformFixture.ADMIN_PASSWORD);
  }

  @Test
  void anEditsKeyAndScopesHoldFromTheNextTokenAndRemovedScopesAtOnce() throws Exception {
    try (FakeTool tool = new FakeTool();
        FakeTool rotated = new FakeTool()) {
      PlatformFixture f = placed(tool);
      String email = f.learner("Ada", true);
      String before = PlatformIT.token(tool, f.clientId, PlatformIT.ALL_SCOPES);
      String lineItem = lineItem(f, before);
      assertEquals(200, score(lineItem, before, email, "70").status());

      // The console edits the tool: the other key (JWKS URL), and no score scope any more.
      Http.Res saved =
          consoleEdit(
              f,
              Map.of("name", "Renamed " + f.suffix, "jwksUrl", rotated.jwksUrl()),
              List.of(LINEITEM_SCOPE, READONLY_SCOPE));
      assertTrue(saved.body().contains("Saved Renamed " + f.suffix), saved.body());
      assertEquals(
          "Renamed " + f.suffix, db().string("SELECT name FROM lti_tools WHERE id = ?", f.toolId));

      // The key changed: the token issued before is revoked, the old key no longer gets one ...
      Http.Res revoked = http().get(lineItem, "Authorization", "Bearer " + before);
      assertEquals(401, revoked.status(), revoked.body());
      assertTrue(revoked.body().contains("revoked"), revoked.body());
      Http.Res oldKey =
          PlatformIT.tokenRequest(
              tool.assertion(f.clientId, base() + "lti/token", UUID.randomUUID().toString()),
              PlatformIT.ALL_SCOPES);
      assertEquals(401, oldKey.status(), oldKey.body());
      assertTrue(oldKey.body().contains("invalid_client"), oldKey.body());
      // ... the new key does, for the scopes the tool has now.
      Http.Res fresh =
          PlatformIT.tokenRequest(
              rotated.assertion(f.clientId, base() + "lti/token", UUID.randomUUID().toString()),
              PlatformIT.ALL_SCOPES);
      assertEquals(200, fresh.status(), fresh.body());
      JsonObject issued = PlatformIT.json(fresh.body());
      assertFalse(issued.getString("scope").contains(SCORE_SCOPE), fresh.body());
      String after = issued.getString("access_token");
      Http.Res noScore = score(lineItem, after, email, "80");
      assertEquals(403, noScore.status(), noScore.body());
      assertTrue(noScore.body().contains("insufficient_scope"), noScore.body());
      assertEquals(200, http().get(lineItem, "Authorization", "Bearer " + after).status());

      // The API gives the score scope back; a token with it loses it at once when taken away,
      // without being revoked (the key did not change).
      String sys = sys();
      Http.Res put = call("PUT", "/platform/tools/" + f.toolId, sys, edit(f, rotated, true));
      assertEquals(200, put.status(), put.body());
      JsonObject t = object(put);
      assertTrue(t.getJsonArray("scopes").toString().contains(SCORE_SCOPE), put.body());
      assertEquals(rotated.jwksUrl(), t.getString("jwks_url"));
      String withScore = PlatformIT.token(rotated, f.clientId, PlatformIT.ALL_SCOPES);
      assertEquals(200, score(lineItem, withScore, email, "85").status());
      long revision = t.getJsonNumber("revision").longValue();
      put = call("PUT", "/platform/tools/" + f.toolId, sys, edit(f, rotated, false));
      assertEquals(200, put.status(), put.body());
      assertEquals(revision + 1, object(put).getJsonNumber("revision").longValue());
      Http.Res taken = score(lineItem, withScore, email, "90");
      assertEquals(403, taken.status(), taken.body());
      assertEquals(200, http().get(lineItem, "Authorization", "Bearer " + withScore).status());
      assertEquals("85.00|100|PASSED|COMPLETED", PlatformIT.enrolment(email, f.courseId));
    }
  }

  @Test
  void aDeactivatedToolIsRefusedEverywhereAtOnceAndReactivatingRestoresIt() throws Exception {
    try (FakeTool tool = new FakeTool()) {
      PlatformFixture f = placed(tool);
      String email = f.learner("Ada", true);
      PlatformIT.launch(f, email);
      String token = PlatformIT.token(tool, f.clientId, PlatformIT.ALL_SCOPES);
      String lineItem = lineItem(f, token);
      String path = URI.create(lineItem).getPath();
      String sys = sys();

      try (PayaraProcess second =
          new PayaraProcess(base()).log("target/it-second-instance-tools.log").start()) {
        Http other = new Http(second.base());
        // Both instances have verified (and remembered) the token.
        assertEquals(200, http().get(path, "Authorization", "Bearer " + token).status());
        assertEquals(200, other.get(path, "Authorization", "Bearer " + token).status());

        Http.Res off = call("POST", "/platform/tools/" + f.toolId + "/deactivate", sys, null);
        assertEquals(200, off.status(), off.body());
        assertFalse(object(off).getBoolean("active"));

        for (Http instance : List.of(http(), other)) {
          Http.Res refused = instance.get(path, "Authorization", "Bearer " + token);
          assertEquals(401, refused.status(), refused.body());
          assertTrue(refused.body().contains("deactivated"), refused.body());
          Http.Res scored =
              instance.send(
                  "POST",
                  path + "/scores",
                  PlatformIT.SCORE,
                  PlatformIT.score(PlatformFixture.userId(email), "50", "2026-01-20T10:30:00Z"),
                  "Authorization",
                  "Bearer " + token);
          assertEquals(401, scored.status(), scored.body());
        }
        Http.Res noToken =
            PlatformIT.tokenRequest(
                tool.assertion(f.clientId, base() + "lti/token", UUID.randomUUID().toString()),
                PlatformIT.ALL_SCOPES);
        assertEquals(401, noToken.status(), noToken.body());
        assertTrue(noToken.body().contains("invalid_client"), noToken.body());
        Browser learner = PlatformFixture.signedInLearner(email);
        Http.Res launch =
            learner.post("/lti/launch/" + f.deploymentId, Map.of("context_id", f.contextId));
        assertEquals(403, launch.status(), launch.body());
        assertTrue(launch.body().contains("has been deactivated"), launch.body());

        // Reactivated from the console: launches, new tokens and the token it holds work again,
        // on both instances.
        Http.Res on =
            f.admin.settle(
                f.admin.submit(Browser.Form.in(toolPage(f).body(), "state"), "state:activate"));
        assertTrue(on.body().contains("has been reactivated"), on.body());
        assertEquals(
            1,
            db().count("SELECT COUNT(*) FROM lti_tools WHERE id = ? AND active = TRUE", f.toolId));
        PlatformIT.launch(f, email);
        String fresh = PlatformIT.token(tool, f.clientId, PlatformIT.ALL_SCOPES);
        for (Http instance : List.of(http(), other)) {
          assertEquals(200, instance.get(path, "Authorization", "Bearer " + fresh).status());
          assertEquals(200, instance.get(path, "Authorization", "Bearer " + token).status());
        }
      }
      // What the tool was told while deactivated is kept for its admin, never the token.
      JsonObject d = object(call("GET", "/platform/tools/" + f.toolId + "/diagnostics", sys, null));
      String errors = d.getJsonArray("errors").toString();
      assertTrue(errors.contains("The tool of this access token is deactivated."), errors);
      assertTrue(errors.contains("POST /lti/token"), errors);
      assertFalse(errors.contains(token), "no token kept");
    }
  }

  @Test
  void removalIsRefusedWhereItWouldLoseResultsAndAllowedWithout() throws Exception {
    String sys = sys();
    try (FakeTool tool = new FakeTool();
        FakeTool empty = new FakeTool()) {
      PlatformFixture graded = placed(tool);
      String email = graded.learner("Ada", true);
      String token = PlatformIT.token(tool, graded.clientId, PlatformIT.ALL_SCOPES);
      String lineItem = lineItem(graded, token);
      assertEquals(200, score(lineItem, token, email, "75").status());
      String before = snapshot(graded.toolId);
      Http.Res refused = call("DELETE", "/platform/tools/" + graded.toolId, sys, null);
      assertEquals(409, refused.status(), refused.body());
      assertTrue(object(refused).getString("message").contains("Deactivate it instead"));
      assertEquals(before, snapshot(graded.toolId), "nothing written");
      // The console says the same.
      Http.Res page = toolPage(graded);
      Http.Res consoleRefused =
          graded.admin.settle(
              graded.admin.submit(
                  Browser.Form.in(page.body(), "remove").withExtra("remove:confirm", "on"),
                  "remove:save"));
      assertTrue(consoleRefused.body().contains("Deactivate it instead"), consoleRefused.body());
      assertEquals(before, snapshot(graded.toolId), "nothing written");

      // A tool with a line item but no result goes, with its deployment and placement.
      PlatformFixture unused = placed(empty);
      lineItem(unused, PlatformIT.token(empty, unused.clientId, PlatformIT.ALL_SCOPES));
      Http.Res removed = call("DELETE", "/platform/tools/" + unused.toolId, sys, null);
      assertEquals(204, removed.status(), removed.body());
      for (String table : List.of("lti_tools WHERE id", "lti_deployments WHERE tool_id")) {
        assertEquals(0, db().count("SELECT COUNT(*) FROM " + table + " = ?", unused.toolId));
      }
      assertEquals(
          0,
          db().count("SELECT COUNT(*) FROM lti_course_configs WHERE tool_id = ?", unused.toolId));
      assertEquals(
          0, db().count("SELECT COUNT(*) FROM lti_line_items WHERE tool_id = ?", unused.toolId));
      assertEquals(
          1,
          db().count(
                  "SELECT COUNT(*) FROM admin_audit WHERE action = 'platform-tool.remove' AND"
                      + " target = ?",
                  unused.clientId));
      assertEquals(404, call("GET", "/platform/tools/" + unused.toolId, sys, null).status());
    }
  }

  @Test
  void theDiagnosticsShowARefusedScoresErrorTheLineItemsAndTheLastScores() throws Exception {
    String sys = sys();
    try (FakeTool tool = new FakeTool()) {
      PlatformFixture f = placed(tool);
      String email = f.learner("Ada", true);
      String token = PlatformIT.token(tool, f.clientId, PlatformIT.ALL_SCOPES);
      String lineItem = lineItem(f, token);
      assertEquals(200, score(lineItem, token, email, "64").status());
      Http.Res refused =
          http()
              .send(
                  "POST",
                  lineItem + "/scores",
                  PlatformIT.SCORE,
                  PlatformIT.score("nobody-" + f.suffix, "10", "2026-01-20T10:30:00Z"),
                  "Authorization",
                  "Bearer " + token);
      assertTrue(refused.status() >= 400, refused.body());
      String told = PlatformIT.json(refused.body()).getString("message");

      Http.Res res = call("GET", "/platform/tools/" + f.toolId + "/diagnostics", sys, null);
      assertEquals(200, res.status(), res.body());
      JsonObject d = object(res);
      assertEquals(f.clientId, d.getJsonObject("tool").getString("client_id"));
      JsonArray items = d.getJsonArray("line_items");
      assertEquals(1, items.size(), res.body());
      assertEquals(1, items.getJsonObject(0).getInt("results"));
      JsonObject lastScore = d.getJsonArray("scores").getJsonObject(0);
      assertEquals(email, lastScore.getString("email"));
      assertEquals(64, lastScore.getJsonNumber("score_given").intValue());
      JsonObject error = d.getJsonArray("errors").getJsonObject(0);
      assertEquals(
          "POST " + URI.create(lineItem).getPath() + "/scores", error.getString("endpoint"));
      assertEquals(refused.status(), error.getInt("status"));
      assertEquals(told, error.getString("message"));
      assertFalse(res.body().contains(token), "no token in the diagnostics");

      // The console's page shows the same.
      String page = toolPage(f).body();
      assertTrue(page.contains("is not a learner of this course"), page);
      assertTrue(page.contains(email), page);
    }
  }

  /** The errors kept per tool are bounded: the minutely housekeeping keeps the newest 50. */
  @Test
  void theHousekeepingKeepsTheNewestFiftyErrorsOfATool() throws Exception {
    try (FakeTool tool = new FakeTool()) {
      PlatformFixture f =
          new PlatformFixture(PlatformFixture.signedInAdmin(), tool)
              .register(PlatformIT.ALL_SCOPES);
      for (int i = 1; i <= 60; i++) {
        db().update(
                "INSERT INTO lti_tool_errors (tool_id, at, endpoint, status, error, message) VALUES"
                    + " (?, CURRENT_TIMESTAMP, 'POST /lti/token', 401, 'invalid_client', ?)",
                f.toolId,
                "error " + i);
      }
      long deadline = System.nanoTime() + java.time.Duration.ofSeconds(75).toNanos();
      while (db().count("SELECT COUNT(*) FROM lti_tool_errors WHERE tool_id = ?", f.toolId) > 50
          && System.nanoTime() < deadline) {
        Thread.sleep(1000);
      }
      assertEquals(
          50, db().count("SELECT COUNT(*) FROM lti_tool_errors WHERE tool_id = ?", f.toolId));
      assertEquals(
          0,
          db().count(
                  "SELECT COUNT(*) FROM lti_tool_errors WHERE tool_id = ? AND message IN ('error"
                      + " 1', 'error 10')",
                  f.toolId),
          "the oldest went");
    }
  }

  @Test
  void onlyASystemAdminManagesToolsAndARefusalWritesNothing() throws Exception {
    String sys = sys();
    String slug = unique("it-tools");
    AdminApiIT.createOrganization(sys, slug);
    String orgAdminEmail =
        AdminApiIT.createPerson(sys, slug, "admins", unique("admin") + "@t.example.edu")
            .getString("email");
    String orgAdmin = AdminApi.token(orgAdminEmail, AdminApi.activate(orgAdminEmail));
    String creatorEmail =
        AdminApiIT.createPerson(sys, slug, "creators", unique("creator") + "@t.example.edu")
            .getString("email");
    String creator = AdminApi.token(creatorEmail, AdminApi.activate(creatorEmail));
    try (FakeTool tool = new FakeTool()) {
      PlatformFixture f =
          new PlatformFixture(PlatformFixture.signedInAdmin(), tool)
              .register(PlatformIT.ALL_SCOPES);
      String id = "/platform/tools/" + f.toolId;
      Map<String, String> callers = new LinkedHashMap<>();
      callers.put("org admin", orgAdmin);
      callers.put("creator", creator);
      callers.put("anonymous", null);
      callers.put("garbage token", "not-a-token");
      String[][] actions = {
        {"GET", "/platform/tools", null},
        {"GET", id, null},
        {"PUT", id, edit(f, tool, false)},
        {"POST", id + "/deactivate", null},
        {"POST", id + "/activate", null},
        {"DELETE", id, null},
        {"GET", id + "/diagnostics", null},
        {"GET", "/platform/tools/999999999", null},
      };
      for (Map.Entry<String, String> c : callers.entrySet()) {
        int expected = c.getValue() == null || c.getKey().startsWith("garbage") ? 401 : 403;
        for (String[] a : actions) {
          String before = snapshot(f.toolId);
          Http.Res res = call(a[0], a[1], c.getValue(), a[2]);
          String what = c.getKey() + " " + a[0] + " " + a[1];
          assertEquals(expected, res.status(), what + ": " + res.body());
          assertEquals("no-store", res.header("Cache-Control").orElse(""), what);
          assertTrue(object(res).getString("message").length() > 10, what);
          assertEquals(before, snapshot(f.toolId), what + " wrote nothing");
        }
      }
      // The console page refuses an org admin too (its session is no system admin's).
      // The system admin may do each.
      assertEquals(200, call("GET", "/platform/tools", sys, null).status());
      assertTrue(
          AdminApi.array(call("GET", "/platform/tools", sys, null))
              .toString()
              .contains(f.clientId));
      assertEquals(200, call("GET", id, sys, null).status());
      assertEquals(200, call("PUT", id, sys, edit(f, tool, false)).status());
      assertEquals(200, call("POST", id + "/deactivate", sys, null).status());
      assertEquals(200, call("POST", id + "/activate", sys, null).status());
      assertEquals(200, call("GET", id + "/diagnostics", sys, null).status());
      // Registered (by the fixture, on the console), edited, deactivated, activated.
      assertEquals(
          4,
          db().count(
                  "SELECT COUNT(*) FROM admin_audit WHERE action LIKE 'platform-tool.%' AND"
                      + " target = ?",
                  f.clientId));
      assertEquals(204, call("DELETE", id, sys, null).status());
    }
  }

  @Test
  void badInputIsRefusedWithAClearMessageAndWritesNothing() throws Exception {
    String sys = sys();
    try (FakeTool tool = new FakeTool()) {
      PlatformFixture f =
          new PlatformFixture(PlatformFixture.signedInAdmin(), tool)
              .register(PlatformIT.ALL_SCOPES);
      String id = "/platform/tools/" + f.toolId;
      String good = edit(f, tool, true);
      Object[][] cases = {
        {good.replace(tool.loginUrl(), "ftp://nowhere"), 400, "must be an absolute"},
        {good.replace(tool.launchUrl() + "\",", "/relative\","), 400, "must be an absolute"},
        {good.replace(SCORE_SCOPE, "https://example.com/scope/everything"), 400, "Unknown scope"},
        {good.replace("\"name\": \"Edited " + f.suffix + "\"", "\"name\": \"  \""), 400, "name"},
        {good.replace("\"name\": \"Edited " + f.suffix + "\",", ""), 400, "\"name\" is required"},
        {good.replace("\"scopes\"", "\"scopez\""), 400, "\"scopes\" is required"},
        {
          good.replace("\"jwks_url\"", "\"public_key_pem\": \"not a key\", \"jwks_url\""),
          400,
          "not both"
        },
        {
          good.replace("\"jwks_url\"", "\"public_key_pem\": \"x\", \"jwks\""), 400, "RSA public key"
        },
        {"{\"name\": 1}", 400, "must be a string"},
        {"{name", 400, "must be a JSON object"},
        {"[]", 400, "must be a JSON object"},
        {"", 400, "must be a JSON object"},
        {good.replace("\"name\": \"Edited", "\"name\": \"" + "x".repeat(300)), 400, "at most"},
      };
      for (Object[] c : cases) {
        String before = snapshot(f.toolId);
        Http.Res res = call("PUT", id, sys, (String) c[0]);
        assertEquals(c[1], res.status(), c[0] + ": " + res.body());
        assertTrue(object(res).getString("message").contains((String) c[2]), res.body());
        assertEquals(before, snapshot(f.toolId), c[0] + " wrote nothing");
      }
      for (String unknown : List.of("/platform/tools/999999999", "/platform/tools/abc")) {
        String before = snapshot(f.toolId);
        for (String[] a :
            new String[][] {
              {"GET", unknown},
              {"PUT", unknown},
              {"POST", unknown + "/deactivate"},
              {"DELETE", unknown},
              {"GET", unknown + "/diagnostics"}
            }) {
          Http.Res res = call(a[0], a[1], sys, a[0].equals("PUT") ? good : null);
          assertEquals(404, res.status(), a[0] + " " + a[1] + ": " + res.body());
          assertEquals("No such tool.", object(res).getString("message"));
        }
        assertEquals(before, snapshot(f.toolId), unknown + " wrote nothing");
      }
      // The console form refuses the same way, with the same message, and writes nothing.
      String before = snapshot(f.toolId);
      Http.Res refused = consoleEdit(f, Map.of("loginUrl", "not a url"), List.of(SCORE_SCOPE));
      assertTrue(refused.body().contains("must be an absolute"), refused.body());
      assertEquals(before, snapshot(f.toolId), "the console wrote nothing");
    }
  }

  // --- helpers ---------------------------------------------------------------------------------

  /** A tool registered with every scope and a course placed in it, through the console. */
  static PlatformFixture placed(FakeTool tool) {
    return new PlatformFixture(PlatformFixture.signedInAdmin(), tool)
        .register(PlatformIT.ALL_SCOPES)
        .course(true)
        .place("{}");
  }

  static Http.Res toolPage(PlatformFixture f) {
    Http.Res page = f.admin.get("/ui/admin/platform-tool.xhtml?tool=" + f.toolId);
    assertEquals(200, page.status(), page.body());
    return page;
  }

  /**
   * Submits the console's edit form with the tool's current values, {@code changes} (field id →
   * value) and exactly {@code scopes}.
   */
  static Http.Res consoleEdit(PlatformFixture f, Map<String, String> changes, List<String> scopes) {
    String page = toolPage(f).body();
    Browser.Form form = Browser.Form.in(page, "edit");
    Map<String, String> fields = new LinkedHashMap<>(form.fields());
    fields.keySet().removeIf(k -> k.startsWith("edit:scopes"));
    fields.put("edit:redirectUris", f.tool.launchUrl());
    fields.put("edit:publicKeyPem", "");
    changes.forEach((k, v) -> fields.put("edit:" + k, v));
    StringBuilder body = new StringBuilder();
    fields.forEach(
        (k, v) ->
            body.append(PlatformFixture.enc(k))
                .append('=')
                .append(PlatformFixture.enc(v))
                .append('&'));
    for (String s : scopes) {
      body.append(PlatformFixture.enc("edit:scopes"))
          .append('=')
          .append(PlatformFixture.enc(s))
          .append('&');
    }
    body.append(PlatformFixture.enc("edit:save")).append('=');
    return f.admin.settle(f.admin.postEncoded(form.action(), body.toString()));
  }

  /** A PUT body: the tool's URLs, its key's JWKS URL, every scope or all but the score scope. */
  static String edit(PlatformFixture f, FakeTool key, boolean withScore) {
    StringBuilder scopes = new StringBuilder();
    for (String s : PlatformIT.ALL_SCOPES.split(" ")) {
      if (withScore || !s.equals(SCORE_SCOPE)) {
        scopes.append(scopes.length() == 0 ? "" : ", ").append('"').append(s).append('"');
      }
    }
    return "{\"name\": \"Edited "
        + f.suffix
        + "\", \"login_url\": \""
        + f.tool.loginUrl()
        + "\", \"launch_url\": \""
        + f.tool.launchUrl()
        + "\", \"redirect_uris\": [\""
        + f.tool.launchUrl()
        + "\"], \"jwks_url\": \""
        + key.jwksUrl()
        + "\", \"scopes\": ["
        + scopes
        + "]}";
  }

  static String lineItem(PlatformFixture f, String token) {
    Http.Res created =
        http()
            .send(
                "POST",
                "/api/v1/lti/ags/contexts/" + f.contextId + "/lineitems",
                PlatformIT.LINEITEM,
                "{\"label\":\"Quiz " + f.suffix + "\",\"scoreMaximum\":100}",
                "Authorization",
                "Bearer " + token);
    assertEquals(201, created.status(), created.body());
    return PlatformIT.json(created.body()).getString("id");
  }

  static Http.Res score(String lineItem, String token, String email, String given) {
    return http()
        .send(
            "POST",
            lineItem + "/scores",
            PlatformIT.SCORE,
            PlatformIT.score(
                PlatformFixture.userId(email), given, java.time.Instant.now().toString()),
            "Authorization",
            "Bearer " + token);
  }

  /** What a refused request must leave as it was: the tool's row and the rows around it. */
  static String snapshot(long toolId) {
    return db().string(
            "SELECT (SELECT COUNT(*) FROM lti_tools) || '|' || (SELECT COUNT(*) FROM"
                + " lti_deployments) || '|' || (SELECT COUNT(*) FROM lti_course_configs) || '|' ||"
                + " (SELECT COUNT(*) FROM lti_line_items) || '|' || (SELECT COUNT(*) FROM"
                + " lti_results) || '|' || (SELECT COUNT(*) FROM admin_audit) || '|' || (SELECT"
                + " name || '|' || login_url || '|' || launch_url || '|' || redirect_uris || '|'"
                + " || COALESCE(jwks_url, '') || '|' || COALESCE(public_key_pem, '') || '|' ||"
                + " scopes || '|' || CAST(active AS VARCHAR(5)) || '|' || CAST(revision AS"
                + " VARCHAR(20)) || '|' || CAST(token_revision AS VARCHAR(20)) || '|' ||"
                + " CAST(updated_at AS VARCHAR(40)) FROM lti_tools WHERE id = ?)",
            toolId);
  }
}
