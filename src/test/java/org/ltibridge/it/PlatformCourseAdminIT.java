package org.ltibridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ltibridge.it.AdminApi.call;
import static org.ltibridge.it.AdminApi.object;

import com.nimbusds.jwt.JWTClaimsSet;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue #20, the course half: the platform console (and its admin API twin, {@code
 * /api/v1/admin/platform/…}) changes the placements, courses, learners and enrolments it created,
 * and each change has its effect over real HTTP: a deactivated placement is not offered and its old
 * launch link is refused, until it is reactivated; an edited placement launches with its new
 * values; an edited course shows its new title and passing mark to the learner (and the evaluation
 * follows the mark); a disabled learner cannot sign in or launch and keeps their results; a
 * withdrawn enrolment leaves the NRPS roster, cannot launch and takes no score, until it is
 * restored. Then the authorisation matrix (system admin, org admin, creator, nobody) and bad input,
 * each refusal writing nothing.
 */
class PlatformCourseAdminIT extends ItBase {

  static final String HTML = "text/html,application/xhtml+xml";
  static final String MEMBERSHIPS = "application/vnd.ims.lti-nrps.v2.membershipcontainer+json";

  // --- placements ------------------------------------------------------------------------------

  @Test
  void aDeactivatedPlacementIsNotOfferedAndItsOldLinkIsRefusedUntilReactivated() throws Exception {
    try (FakeTool tool = new FakeTool()) {
      PlatformFixture f = fixture(tool);
      String ada = f.learner("Ada", true);
      long placement = placementId(f);
      Browser learner = PlatformFixture.signedInLearner(ada);
      assertTrue(learnerPage(learner).contains(f.deploymentId), "offered while active");
      // A launch begun before the change: its second step meets the change too.
      Http.Res begun =
          learner.post("/lti/launch/" + f.deploymentId, Map.of("context_id", f.contextId));
      assertEquals(303, begun.status(), begun.body());

      Http.Res done =
          press(f, "placementRows", "data-placement-id=\"" + placement + "\"", "deactivate");
      assertTrue(done.body().contains("Deactivated the placement of IT Course"), done.body());
      assertEquals("false", column("lti_course_configs", "active", placement));
      assertTrue(done.body().contains(">Inactive<"), "the console shows it inactive");
      assertEquals(1, audit("placement.deactivate", f.courseCode));

      String page = learnerPage(learner);
      assertTrue(page.contains("IT Course " + f.suffix), "the course is still listed");
      assertFalse(page.contains(f.deploymentId), "but not offered for launch: " + page);
      Http.Res old =
          learner.post(
              "/lti/launch/" + f.deploymentId, Map.of("context_id", f.contextId), "Accept", HTML);
      assertEquals(403, old.status(), old.body());
      assertTrue(old.header("Content-Type").orElse("").startsWith("text/html"), "a page");
      assertTrue(old.body().contains("no longer offered in IT Tool " + f.suffix), old.body());
      Http.Res second =
          PlatformIT.authorize(
              f,
              PlatformFixture.query(begun.header("Location").orElseThrow()),
              tool.launchUrl(),
              UUID.randomUUID().toString(),
              "s");
      assertEquals(403, second.status(), second.body());

      // The API twin reactivates it; the launch works end to end again.
      Http.Res back =
          call("PATCH", "/platform/placements/" + placement, sys(), "{\"active\": true}");
      assertEquals(200, back.status(), back.body());
      assertTrue(object(back).getBoolean("active"));
      assertEquals(1, audit("placement.activate", f.courseCode));
      assertTrue(learnerPage(learner).contains(f.deploymentId), "offered again");
      JWTClaimsSet claims = PlatformIT.launch(f, ada);
      assertEquals(f.contextId, claims.getJSONObjectClaim(PlatformIT.LTI + "context").get("id"));
    }
  }

  @Test
  void anEditedPlacementLaunchesWithItsNewValuesAndABadOneWritesNothing() throws Exception {
    try (FakeTool tool = new FakeTool()) {
      PlatformFixture f = fixture(tool);
      String ada = f.learner("Ada", true);
      long placement = placementId(f);

      Http.Res editing =
          press(f, "placementRows", "data-placement-id=\"" + placement + "\"", "edit");
      assertTrue(editing.body().contains("Edit the placement of IT Course " + f.suffix), "opened");
      Browser.Form form = Browser.Form.in(editing.body(), "editPlacement");
      assertEquals("ext-" + f.suffix, form.fields().get("editPlacement:externalCourseId"));
      assertEquals("ctx-" + f.suffix, form.fields().get("editPlacement:contextId"));
      assertTrue(editing.body().contains("unit"), "custom parameters shown");

      // A bad URL is refused with its reason and changes nothing.
      String before = placementRow(placement);
      Http.Res bad =
          f.admin.settle(
              f.admin.submit(
                  form.with("editPlacement:externalCourseUrl", "not a url")
                      .withExtra("editPlacement:custom", "{\"unit\":\"2\"}"),
                  "editPlacement:save"));
      assertTrue(
          bad.body().contains("The external course URL must be an absolute http:// or https://"),
          bad.body());
      assertEquals(before, placementRow(placement));

      String target = tool.launchUrl() + "?course=2";
      Http.Res saved =
          f.admin.settle(
              f.admin.submit(
                  Browser.Form.in(bad.body(), "editPlacement")
                      .with("editPlacement:externalCourseUrl", target)
                      .with("editPlacement:externalCourseId", "ext2-" + f.suffix)
                      .withExtra("editPlacement:custom", "{\"unit\":\"2\"}")
                      .withExtra("editPlacement:autoSync", "on"),
                  "editPlacement:save"));
      assertTrue(saved.body().contains("Saved the placement of IT Course"), saved.body());
      assertFalse(saved.body().contains("id=\"editPlacement\""), "the form closes");
      assertEquals(1, audit("placement.update", f.courseCode));

      JWTClaimsSet claims = PlatformIT.launch(f, ada);
      assertEquals(target, claims.getStringClaim(PlatformIT.LTI + "target_link_uri"));
      Map<String, Object> custom = claims.getJSONObjectClaim(PlatformIT.LTI + "custom");
      assertEquals("2", custom.get("unit"));
      assertEquals("ext2-" + f.suffix, custom.get("external_course_id"));

      // Grade sync off over the API: a score no longer changes the enrolment.
      Http.Res off =
          call(
              "PATCH",
              "/platform/placements/" + placement,
              sys(),
              "{\"auto_sync_grades\": false, \"custom\": null}");
      assertEquals(200, off.status(), off.body());
      assertFalse(object(off).getBoolean("auto_sync_grades"));
      assertTrue(object(off).isNull("custom"));
      String token = PlatformIT.token(tool, f.clientId, PlatformIT.ALL_SCOPES);
      String item = lineItem(f, token);
      assertEquals(200, score(token, item, ada, "90", "2026-02-01T10:00:00Z").status());
      assertEquals(
          "none|0|ENROLLED",
          db().string(
                  "SELECT COALESCE(CAST(e.obtained_marks AS VARCHAR(20)), 'none') || '|'"
                      + " || CAST(e.progress AS VARCHAR(5)) || '|' || e.status FROM enrolments e"
                      + " WHERE e.course_id = ?",
                  f.courseId),
          "a score without grade sync leaves the enrolment alone");
    }
  }

  // --- courses ---------------------------------------------------------------------------------

  @Test
  void anEditedCourseShowsTheLearnerItsNewTitleAndPassingMark() throws Exception {
    try (FakeTool tool = new FakeTool()) {
      PlatformFixture f = fixture(tool);
      String ada = f.learner("Ada", true);
      String token = PlatformIT.token(tool, f.clientId, PlatformIT.ALL_SCOPES);
      String item = lineItem(f, token);
      assertEquals(200, score(token, item, ada, "85", "2026-02-01T10:00:00Z").status());
      assertEquals("85.00|100|PASSED|COMPLETED", PlatformIT.enrolment(ada, f.courseId));

      Http.Res editing = press(f, "courseRows", "data-course=\"" + f.courseCode + "\"", "edit");
      Browser.Form form = Browser.Form.in(editing.body(), "editCourse");
      assertEquals("IT Course " + f.suffix, form.fields().get("editCourse:title"));
      assertEquals("60", form.fields().get("editCourse:passing"));

      String before = courseRow(f.courseId);
      for (String[] bad :
          new String[][] {
            {"", "60", "Give the course a title."},
            {"X", "101", "The passing mark is a percentage from 0 to 100"},
            {"X", "-1", "The passing mark is a percentage from 0 to 100"},
            {"X", "sixty", "The passing mark is a percentage from 0 to 100."}
          }) {
        Http.Res refused =
            f.admin.settle(
                f.admin.submit(
                    form.with("editCourse:title", bad[0]).with("editCourse:passing", bad[1]),
                    "editCourse:save"));
        assertTrue(refused.body().contains(bad[2]), bad[1] + ": " + refused.body());
        assertEquals(before, courseRow(f.courseId), "nothing written for " + bad[1]);
      }

      Http.Res saved =
          f.admin.settle(
              f.admin.submit(
                  form.with("editCourse:title", "Renamed " + f.suffix)
                      .with("editCourse:passing", "90"),
                  "editCourse:save"));
      assertTrue(saved.body().contains("Saved the course " + f.courseCode), saved.body());
      assertEquals(1, audit("course.update", f.courseCode));
      // The new passing mark decides the stored evaluation again.
      assertEquals("85.00|100|FAILED|COMPLETED", PlatformIT.enrolment(ada, f.courseId));

      String page = learnerPage(PlatformFixture.signedInLearner(ada));
      assertTrue(page.contains("Renamed " + f.suffix), page);
      assertFalse(page.contains("IT Course " + f.suffix), page);
      assertTrue(page.contains("(pass: 90 %)"), page);
      assertTrue(page.contains("failed"), page);

      // The API twin: open the course; a new learner launching it is enrolled.
      Http.Res opened = call("PATCH", "/platform/courses/" + f.courseId, sys(), "{\"open\": true}");
      assertEquals(200, opened.status(), opened.body());
      assertTrue(object(opened).getBoolean("open"));
      assertEquals("Renamed " + f.suffix, object(opened).getString("title"));
      String bob = f.learner("Bob", false);
      PlatformIT.launch(f, bob);
      assertEquals(
          1,
          db().count(
                  "SELECT COUNT(*) FROM enrolments e JOIN learners l ON l.id = e.learner_id"
                      + " WHERE l.email = ? AND e.course_id = ?",
                  bob,
                  f.courseId));
    }
  }

  // --- learners --------------------------------------------------------------------------------

  @Test
  void aDisabledLearnerCannotSignInOrLaunchAndKeepsTheirResults() throws Exception {
    try (FakeTool tool = new FakeTool()) {
      PlatformFixture f = fixture(tool);
      String ada = f.learner("Ada", true);
      String token = PlatformIT.token(tool, f.clientId, PlatformIT.ALL_SCOPES);
      String item = lineItem(f, token);
      assertEquals(200, score(token, item, ada, "75", "2026-02-01T10:00:00Z").status());
      Browser open = PlatformFixture.signedInLearner(ada); // a session from before
      assertTrue(signedIn(open));

      Http.Res done = press(f, "learnerRows", "data-learner=\"" + ada + "\"", "disable");
      assertTrue(done.body().contains("Disabled " + ada), done.body());
      assertEquals(
          "false",
          db().string("SELECT CAST(enabled AS VARCHAR(5)) FROM learners WHERE email = ?", ada));
      assertEquals(1, audit("learner.disable", ada));

      assertFalse(signedIn(PlatformFixture.signedInLearner(ada)), "sign-in refused");
      Http.Res launch =
          open.post(
              "/lti/launch/" + f.deploymentId, Map.of("context_id", f.contextId), "Accept", HTML);
      assertEquals(403, launch.status(), launch.body());
      assertTrue(launch.body().contains("Your account is disabled"), launch.body());
      assertTrue(learnerPage(open).contains("Your account is disabled"));
      // Results stay.
      assertEquals(
          1,
          db().count(
                  "SELECT COUNT(*) FROM lti_results r JOIN learners l ON l.id = r.learner_id"
                      + " WHERE l.email = ?",
                  ada));
      assertEquals("75.00|100|PASSED|COMPLETED", PlatformIT.enrolment(ada, f.courseId));

      long id = db().count("SELECT id FROM learners WHERE email = ?", ada);
      Http.Res enabled = call("PATCH", "/platform/learners/" + id, sys(), "{\"enabled\": true}");
      assertEquals(200, enabled.status(), enabled.body());
      assertTrue(object(enabled).getBoolean("enabled"));
      assertTrue(signedIn(PlatformFixture.signedInLearner(ada)), "signs in again");
      PlatformIT.launch(f, ada);
    }
  }

  // --- enrolments ------------------------------------------------------------------------------

  @Test
  void aWithdrawnEnrolmentLeavesTheRosterCannotLaunchAndTakesNoScoreUntilRestored()
      throws Exception {
    try (FakeTool tool = new FakeTool()) {
      PlatformFixture f = fixture(tool);
      String ada = f.learner("Ada", true);
      String bob = f.learner("Bob", true);
      String token = PlatformIT.token(tool, f.clientId, PlatformIT.ALL_SCOPES);
      String item = lineItem(f, token);
      assertEquals(200, score(token, item, ada, "70", "2026-02-01T10:00:00Z").status());
      assertEquals(List.of(ada, bob), roster(f, token));

      Http.Res done =
          press(
              f,
              "enrolmentRows",
              "data-learner=\"" + ada + "\" data-course=\"" + f.courseCode + "\"",
              "withdraw");
      assertTrue(done.body().contains("Withdrew " + ada), done.body());
      assertEquals(1, audit("enrolment.withdraw", ada));

      assertEquals(List.of(bob), roster(f, token), "left out of NRPS");
      Browser learner = PlatformFixture.signedInLearner(ada);
      String page = learnerPage(learner);
      assertTrue(page.contains("withdrawn"), page);
      assertFalse(page.contains(f.deploymentId), "nothing to launch");
      Http.Res launch =
          learner.post(
              "/lti/launch/" + f.deploymentId, Map.of("context_id", f.contextId), "Accept", HTML);
      assertEquals(403, launch.status(), launch.body());
      assertTrue(launch.body().contains("withdrawn from this course"), launch.body());
      // Scores are refused, and what was stored stays.
      Http.Res refused = score(token, item, ada, "95", "2026-02-02T10:00:00Z");
      assertEquals(422, refused.status(), refused.body());
      assertEquals("70.00|100|PASSED|COMPLETED", PlatformIT.enrolment(ada, f.courseId));
      // Enrolling again is not the way back.
      Http.Res again =
          f.submit("enrol", Map.of("course", String.valueOf(f.courseId), "email", ada));
      assertTrue(again.body().contains("restore the enrolment instead"), again.body());

      long id =
          db().count(
                  "SELECT e.id FROM enrolments e JOIN learners l ON l.id = e.learner_id"
                      + " WHERE l.email = ? AND e.course_id = ?",
                  ada,
                  f.courseId);
      Http.Res restored =
          call("PATCH", "/platform/enrolments/" + id, sys(), "{\"withdrawn\": false}");
      assertEquals(200, restored.status(), restored.body());
      assertFalse(object(restored).getBoolean("withdrawn"));
      assertEquals(List.of(ada, bob), roster(f, token), "back in NRPS");
      assertEquals(200, score(token, item, ada, "95", "2026-02-02T10:00:00Z").status());
      assertEquals("95.00|100|PASSED|COMPLETED", PlatformIT.enrolment(ada, f.courseId));
      PlatformIT.launch(f, ada);
    }
  }

  // --- the API's reads and document ------------------------------------------------------------

  @Test
  void theApiListsWhatTheConsoleShowsAndTheDocumentHasIt() throws Exception {
    try (FakeTool tool = new FakeTool()) {
      PlatformFixture f = fixture(tool);
      String ada = f.learner("Ada", true);
      long placement = placementId(f);
      JsonObject p = object(call("GET", "/platform/placements/" + placement, sys(), null));
      assertEquals(f.contextId, p.getString("context_id"));
      assertEquals("1", p.getJsonObject("custom").getString("unit"));
      assertTrue(p.getBoolean("active"));
      JsonArray all = AdminApi.array(call("GET", "/platform/placements", sys(), null));
      assertTrue(all.stream().anyMatch(v -> v.asJsonObject().getInt("id") == placement));
      JsonObject c = object(call("GET", "/platform/courses/" + f.courseId, sys(), null));
      assertEquals(60, c.getJsonNumber("passing_mark").intValue());
      JsonArray enrolments =
          AdminApi.array(call("GET", "/platform/enrolments?course_id=" + f.courseId, sys(), null));
      assertEquals(1, enrolments.size());
      assertEquals(ada, enrolments.getJsonObject(0).getString("learner_email"));
      assertFalse(enrolments.getJsonObject(0).getBoolean("withdrawn"));
      JsonArray learners = AdminApi.array(call("GET", "/platform/learners", sys(), null));
      assertTrue(learners.stream().anyMatch(v -> v.asJsonObject().getString("email").equals(ada)));

      String doc = http().get("/api/v1/admin/openapi.json").body();
      for (String path :
          List.of(
              "/api/v1/admin/platform/placements/{id}",
              "/api/v1/admin/platform/courses/{id}",
              "/api/v1/admin/platform/learners/{id}",
              "/api/v1/admin/platform/enrolments/{id}")) {
        assertTrue(doc.contains("\"" + path + "\""), path);
      }
    }
  }

  // --- authorisation and bad input -------------------------------------------------------------

  @Test
  void onlySystemAdminsMayAndARefusalWritesNothing() throws Exception {
    try (FakeTool tool = new FakeTool()) {
      PlatformFixture f = fixture(tool);
      String ada = f.learner("Ada", true);
      long placement = placementId(f);
      long learner = db().count("SELECT id FROM learners WHERE email = ?", ada);
      long enrolment = db().count("SELECT id FROM enrolments WHERE learner_id = ?", learner);
      AdminApiIT.Fixture people = AdminApiIT.fixture();

      record Case(String method, String path, String body) {}
      List<Case> cases =
          List.of(
              new Case("GET", "/platform/placements", null),
              new Case("GET", "/platform/placements/" + placement, null),
              new Case("PATCH", "/platform/placements/" + placement, "{\"active\": false}"),
              new Case(
                  "PATCH",
                  "/platform/placements/" + placement,
                  "{\"external_course_id\": \"changed\"}"),
              new Case("GET", "/platform/courses", null),
              new Case("GET", "/platform/courses/" + f.courseId, null),
              new Case("PATCH", "/platform/courses/" + f.courseId, "{\"title\": \"Changed\"}"),
              new Case("PATCH", "/platform/courses/" + f.courseId, "{\"passing_mark\": 10}"),
              new Case("GET", "/platform/learners", null),
              new Case("GET", "/platform/learners/" + learner, null),
              new Case("PATCH", "/platform/learners/" + learner, "{\"enabled\": false}"),
              new Case("GET", "/platform/enrolments", null),
              new Case("GET", "/platform/enrolments/" + enrolment, null),
              new Case("PATCH", "/platform/enrolments/" + enrolment, "{\"withdrawn\": true}"));
      record Who(String name, String token, int status) {}
      List<Who> refused =
          List.of(
              new Who("org admin", people.orgAdminA(), 403),
              new Who("creator", people.creatorA(), 403),
              new Who("nobody", null, 401),
              new Who("garbage token", "garbage-" + UUID.randomUUID(), 401));
      List<String> wrong = new ArrayList<>();
      for (Case c : cases) {
        for (Who who : refused) {
          String before = snapshot();
          Http.Res res = call(c.method(), c.path(), who.token(), c.body());
          String label = who.name() + " × " + c.method() + " " + c.path() + ": ";
          if (res.status() != who.status()) {
            wrong.add(
                label + "expected " + who.status() + ", got " + res.status() + " " + res.body());
          } else if (object(res).getString("message").isBlank()) {
            wrong.add(label + "no message");
          }
          if (!before.equals(snapshot())) {
            wrong.add(label + "a refusal wrote");
          }
          if (who.status() == 401
              && !res.header("WWW-Authenticate").orElse("").startsWith("Bearer")) {
            wrong.add(label + "no WWW-Authenticate: Bearer");
          }
        }
        Http.Res ok = call(c.method(), c.path(), sys(), c.body());
        if (ok.status() != 200) {
          wrong.add(
              "system admin × "
                  + c.method()
                  + " "
                  + c.path()
                  + ": "
                  + ok.status()
                  + " "
                  + ok.body());
        }
      }
      assertEquals(List.of(), wrong, String.join("\n", wrong));
      // What the system admin did is recorded.
      assertEquals("false", column("lti_course_configs", "active", placement));
      assertEquals("Changed", db().string("SELECT title FROM courses WHERE id = ?", f.courseId));

      // The console: an org admin's crafted postback of a platform button does nothing.
      String orgAdmin = people.orgAdminAEmail();
      Browser console = new Browser(base());
      Http.Res login = console.get("/ui/login.xhtml");
      console.settle(
          console.submit(
              Browser.Form.in(login.body(), "login")
                  .with("login:username", orgAdmin)
                  .with("login:password", AdminApi.activate(orgAdmin)),
              "login:signIn"));
      Http.Res page = console.get(PlatformFixture.PLATFORM_PAGE);
      assertEquals(200, page.status());
      assertTrue(page.body().contains("Only a system administrator manages external tools."));
      assertFalse(page.body().contains("id=\"placementRows\""), "no change form is rendered");
      String before = snapshot();
      Http.Res crafted =
          console.submit(
              Browser.Form.in(page.body(), "account")
                  .withExtra("placementRows", "placementRows")
                  .withExtra("learnerRows:0:disable", ""),
              "placementRows:0:reactivate");
      assertTrue(crafted.status() < 500, crafted.status() + " " + crafted.body());
      assertEquals(before, snapshot(), "a crafted console postback wrote");
    }
  }

  /**
   * What the platform console creates (a tool, a course, a learner, an enrolment, a placement) has
   * an API twin: refused to everyone but system admins with nothing written, bad input and
   * duplicates refused with a reason and nothing written, and what a system admin creates is what
   * the console lists.
   */
  @Test
  void theConsolesCreationsHaveApiTwinsForSystemAdminsOnly() throws Exception {
    AdminApiIT.Fixture people = AdminApiIT.fixture();
    String code = "API-" + UUID.randomUUID().toString().substring(0, 8);
    String email = "api-" + UUID.randomUUID().toString().substring(0, 8) + "@example.edu";
    String clientId = "api-tool-" + UUID.randomUUID();
    String toolBody =
        "{\"name\": \"API tool\", \"client_id\": \""
            + clientId
            + "\", \"login_url\": \"https://tool.example/login\", \"launch_url\":"
            + " \"https://tool.example/launch\", \"redirect_uris\": [\"https://tool.example/launch\"],"
            + " \"jwks_url\": \"https://tool.example/keys\", \"scopes\": []}";
    String courseBody =
        "{\"code\": \"" + code + "\", \"title\": \"API course\", \"passing_mark\": 60}";
    String learnerBody =
        "{\"email\": \""
            + email
            + "\", \"given_name\": \"Api\", \"password\": \"a-long-password-123\"}";
    record Who(String name, String token, int status) {}
    List<Who> refused =
        List.of(
            new Who("org admin", people.orgAdminA(), 403),
            new Who("creator", people.creatorA(), 403),
            new Who("nobody", null, 401));
    List<String> wrong = new ArrayList<>();
    java.util.function.BiFunction<String, String, Http.Res> asSystemAdmin =
        (path, body) -> {
          for (Who who : refused) {
            String before = creations();
            Http.Res res = call("POST", path, who.token(), body);
            if (res.status() != who.status()) {
              wrong.add(who.name() + " × POST " + path + ": " + res.status() + " " + res.body());
            }
            if (!before.equals(creations())) {
              wrong.add(who.name() + " × POST " + path + ": a refusal wrote");
            }
          }
          return call("POST", path, sys(), body);
        };

    Http.Res tool = asSystemAdmin.apply("/platform/tools", toolBody);
    assertEquals(201, tool.status(), tool.body());
    long toolId = object(tool).getJsonNumber("id").longValue();
    assertEquals(clientId, object(tool).getString("client_id"));
    Http.Res course = asSystemAdmin.apply("/platform/courses", courseBody);
    assertEquals(201, course.status(), course.body());
    long courseId = object(course).getJsonNumber("id").longValue();
    assertEquals(60, object(course).getJsonNumber("passing_mark").intValue());
    Http.Res learner = asSystemAdmin.apply("/platform/learners", learnerBody);
    assertEquals(201, learner.status(), learner.body());
    assertTrue(object(learner).getBoolean("has_password"));
    assertFalse(learner.body().contains("a-long-password-123"), "the password is never answered");
    Http.Res enrolment =
        asSystemAdmin.apply(
            "/platform/enrolments",
            "{\"course_id\": " + courseId + ", \"email\": \"" + email + "\"}");
    assertEquals(201, enrolment.status(), enrolment.body());
    assertEquals(email, object(enrolment).getString("learner_email"));
    Http.Res placement =
        asSystemAdmin.apply(
            "/platform/placements",
            "{\"tool_id\": "
                + toolId
                + ", \"course_id\": "
                + courseId
                + ", \"custom\": {\"unit\": \"3\"}}");
    assertEquals(201, placement.status(), placement.body());
    assertEquals(toolId, object(placement).getJsonNumber("tool_id").longValue());
    assertEquals(List.of(), wrong, String.join("\n", wrong));
    // What the console lists.
    String page = PlatformFixture.signedInAdmin().get(PlatformFixture.PLATFORM_PAGE).body();
    assertTrue(page.contains(code) && page.contains(email) && page.contains("API tool"), page);
    assertEquals(
        5,
        db().count(
                "SELECT COUNT(*) FROM admin_audit WHERE action IN ('platform-tool.register',"
                    + " 'course.create', 'learner.create', 'enrolment.create', 'placement.create')"
                    + " AND target IN (?, ?, ?, ?, ?)",
                clientId,
                code,
                email,
                email + " in course " + courseId,
                "API tool / API course"));

    // Bad input and duplicates: a reason, nothing written.
    record Bad(String path, String body, int status) {}
    List<Bad> bad =
        List.of(
            new Bad("/platform/courses", "not json", 400),
            new Bad("/platform/courses", "{\"code\": \"bad code!\", \"title\": \"x\"}", 400),
            new Bad("/platform/courses", "{\"code\": \"X1\"}", 400),
            new Bad("/platform/courses", courseBody, 409),
            new Bad("/platform/learners", "{\"email\": \"not-an-email\"}", 400),
            new Bad(
                "/platform/learners",
                "{\"email\": \"x@example.edu\", \"password\": \"short\"}",
                400),
            new Bad("/platform/learners", learnerBody, 409),
            new Bad(
                "/platform/enrolments",
                "{\"course_id\": \"seven\", \"email\": \"" + email + "\"}",
                400),
            new Bad(
                "/platform/enrolments",
                "{\"course_id\": "
                    + courseId
                    + ", \"email\": \""
                    + email
                    + "\", \"role\": \"dean\"}",
                400),
            new Bad(
                "/platform/enrolments",
                "{\"course_id\": 999999999, \"email\": \"" + email + "\"}",
                404),
            new Bad("/platform/placements", "{\"tool_id\": " + toolId + "}", 400),
            new Bad(
                "/platform/placements",
                "{\"tool_id\": 999999999, \"course_id\": " + courseId + "}",
                404),
            new Bad("/platform/tools", "{\"name\": \"No URLs\", \"scopes\": []}", 400),
            new Bad("/platform/tools", toolBody, 409));
    for (Bad b : bad) {
      String before = creations();
      Http.Res res = call("POST", b.path(), sys(), b.body());
      if (res.status() != b.status()) {
        wrong.add("POST " + b.path() + " " + b.body() + ": " + res.status() + " " + res.body());
      } else if (object(res).getString("message").isBlank()) {
        wrong.add("POST " + b.path() + " " + b.body() + ": no message");
      }
      if (!before.equals(creations())) {
        wrong.add("POST " + b.path() + " " + b.body() + ": wrote");
      }
    }
    assertEquals(List.of(), wrong, String.join("\n", wrong));
  }

  /** What the creations write, the audit included. */
  static String creations() {
    return snapshot()
        + "|"
        + db().string(
                "SELECT (SELECT COUNT(*) FROM lti_tools) || ':' || (SELECT COUNT(*) FROM"
                    + " lti_deployments)");
  }

  @Test
  void badInputIsRefusedWithAReasonAndWritesNothing() throws Exception {
    try (FakeTool tool = new FakeTool()) {
      PlatformFixture f = fixture(tool);
      String ada = f.learner("Ada", true);
      long placement = placementId(f);
      long learner = db().count("SELECT id FROM learners WHERE email = ?", ada);
      long enrolment = db().count("SELECT id FROM enrolments WHERE learner_id = ?", learner);
      // Another placement whose context id the first may not take.
      PlatformFixture other = new PlatformFixture(f.admin, tool);
      other.toolId = f.toolId;
      other.clientId = f.clientId;
      other.deploymentId = f.deploymentId;
      other.course(false);
      Http.Res placed =
          other.submit(
              "place",
              Map.of(
                  "tool", String.valueOf(f.toolId),
                  "course", String.valueOf(other.courseId),
                  "contextId", "taken-" + f.suffix));
      assertTrue(placed.body().contains("Placed IT Course"), placed.body());

      String pl = "/platform/placements/" + placement;
      String co = "/platform/courses/" + f.courseId;
      record Bad(String method, String path, String body, int status, String says) {}
      List<Bad> bad =
          List.of(
              new Bad("PATCH", co, "{\"title\": \"  \"}", 400, "Give the course a title."),
              new Bad("PATCH", co, "{\"passing_mark\": 100.5}", 400, "percentage from 0 to 100"),
              new Bad("PATCH", co, "{\"passing_mark\": -1}", 400, "percentage from 0 to 100"),
              new Bad(
                  "PATCH",
                  co,
                  "{\"passing_mark\": \"60\"}",
                  400,
                  "\"passing_mark\" must be a number"),
              new Bad("PATCH", co, "{\"open\": \"yes\"}", 400, "\"open\" must be true or false"),
              new Bad("PATCH", co, "{\"title\": 5}", 400, "\"title\" must be a string"),
              new Bad("PATCH", co, "{}", 400, "Give at least one"),
              new Bad("PATCH", co, "{\"title\": ", 400, "must be a JSON object"),
              new Bad("PATCH", co, "[1]", 400, "must be a JSON object"),
              new Bad(
                  "PATCH",
                  "/platform/courses/999999999",
                  "{\"title\": \"X\"}",
                  404,
                  "No such course."),
              new Bad("GET", "/platform/courses/999999999", null, 404, "No such course."),
              new Bad(
                  "PATCH",
                  pl,
                  "{\"external_course_url\": \"not a url\"}",
                  400,
                  "must be an absolute http"),
              new Bad(
                  "PATCH",
                  pl,
                  "{\"external_course_url\": \"ftp://x.example/\"}",
                  400,
                  "must be an absolute http"),
              new Bad(
                  "PATCH", pl, "{\"custom\": [\"a\"]}", 400, "\"custom\" must be a JSON object"),
              new Bad("PATCH", pl, "{\"custom\": {\"a\": 1}}", 400, "JSON object of strings"),
              new Bad("PATCH", pl, "{\"active\": 1}", 400, "\"active\" must be true or false"),
              new Bad(
                  "PATCH",
                  pl,
                  "{\"context_id_override\": \"taken-" + f.suffix + "\"}",
                  409,
                  "context id taken-"),
              new Bad("PATCH", pl, "{}", 400, "Give at least one"),
              new Bad("PATCH", pl, "not json", 400, "must be a JSON object"),
              new Bad(
                  "PATCH",
                  "/platform/placements/999999999",
                  "{\"active\": true}",
                  404,
                  "No such placement."),
              new Bad(
                  "PATCH", "/platform/learners/" + learner, "{}", 400, "\"enabled\" is required"),
              new Bad(
                  "PATCH",
                  "/platform/learners/" + learner,
                  "{\"enabled\": \"no\"}",
                  400,
                  "must be true or false"),
              new Bad(
                  "PATCH",
                  "/platform/learners/999999999",
                  "{\"enabled\": false}",
                  404,
                  "No such learner."),
              new Bad(
                  "PATCH",
                  "/platform/enrolments/" + enrolment,
                  "{\"withdrawn\": null}",
                  400,
                  "\"withdrawn\" is required"),
              new Bad(
                  "PATCH",
                  "/platform/enrolments/999999999",
                  "{\"withdrawn\": true}",
                  404,
                  "No such enrolment."),
              new Bad(
                  "GET",
                  "/platform/enrolments?course_id=abc",
                  null,
                  400,
                  "course_id must be a whole number"));
      List<String> wrong = new ArrayList<>();
      for (Bad b : bad) {
        String before = snapshot();
        Http.Res res = call(b.method(), b.path(), sys(), b.body());
        String label = b.method() + " " + b.path() + " " + b.body() + ": ";
        if (res.status() != b.status()) {
          wrong.add(label + "expected " + b.status() + ", got " + res.status() + " " + res.body());
        } else if (!object(res).getString("message").contains(b.says())) {
          wrong.add(label + "message " + res.body());
        }
        if (!before.equals(snapshot())) {
          wrong.add(label + "wrote");
        }
      }
      assertEquals(List.of(), wrong, String.join("\n", wrong));
    }
  }

  // --- helpers ---------------------------------------------------------------------------------

  private static String sysToken;

  static synchronized String sys() {
    if (sysToken == null) {
      sysToken = AdminApi.token(PlatformFixture.ADMIN, PlatformFixture.ADMIN_PASSWORD);
    }
    return sysToken;
  }

  static PlatformFixture fixture(FakeTool tool) {
    return new PlatformFixture(PlatformFixture.signedInAdmin(), tool)
        .register(PlatformIT.ALL_SCOPES)
        .course(false)
        .place("{\"unit\":\"1\"}");
  }

  static long placementId(PlatformFixture f) {
    return db().count(
            "SELECT id FROM lti_course_configs WHERE tool_id = ? AND course_id = ?",
            f.toolId,
            f.courseId);
  }

  /**
   * Presses a button of one row of a console table, as a browser does: the row is the one whose
   * {@code <tr>} carries {@code marker}, inside the form {@code form}.
   */
  static Http.Res press(PlatformFixture f, String form, String marker, String button) {
    String page = f.page().body();
    Matcher inForm =
        Pattern.compile("<form\\b[^>]*\\bid=\"" + form + "\".*?</form>", Pattern.DOTALL)
            .matcher(page);
    assertTrue(inForm.find(), "no form " + form);
    Matcher m =
        Pattern.compile(
                Pattern.quote(marker)
                    + "(?:(?!</tr>).)*?name=\"("
                    + form
                    + ":[\\w:]*:"
                    + button
                    + ")\"",
                Pattern.DOTALL)
            .matcher(inForm.group());
    assertTrue(m.find(), "no " + button + " in the row " + marker);
    Http.Res res = f.admin.settle(f.admin.submit(Browser.Form.in(page, form), m.group(1)));
    assertEquals(200, res.status(), res.body());
    return res;
  }

  static String learnerPage(Browser learner) {
    Http.Res page = learner.get("/ui/learn/index.xhtml");
    assertEquals(200, page.status(), page.body());
    return page.body();
  }

  static boolean signedIn(Browser learner) {
    Http.Res page = learner.get("/ui/learn/index.xhtml");
    return page.status() == 200 && page.body().contains("My courses");
  }

  static String column(String table, String column, long id) {
    return db().string(
            "SELECT CAST(" + column + " AS VARCHAR(40)) FROM " + table + " WHERE id = ?", id);
  }

  static long audit(String action, String targetPart) {
    return db().count(
            "SELECT COUNT(*) FROM admin_audit WHERE action = ? AND target LIKE ?",
            action,
            "%" + targetPart + "%");
  }

  static String placementRow(long id) {
    return db().rows("SELECT * FROM lti_course_configs WHERE id = ?", id).toString();
  }

  static String courseRow(long id) {
    return db().rows(
            "SELECT c.*, (SELECT STRING_AGG(COALESCE(e.evaluation, '-'), ',') FROM enrolments"
                + " e WHERE e.course_id = c.id) FROM courses c WHERE c.id = ?",
            id)
        .toString();
  }

  /** The platform tables an admin may change, and the audit trail, in one reading. */
  static String snapshot() {
    return db().string(
            "SELECT (SELECT COUNT(*) || ':' || COALESCE(SUM(LENGTH(title)), 0) || ':'"
                + " || COALESCE(SUM(passing_marks), 0) || ':' || SUM(CASE WHEN self_enrol THEN 1"
                + " ELSE 0 END) FROM courses)"
                + " || '|' || (SELECT COUNT(*) || ':' || SUM(CASE WHEN enabled THEN 1 ELSE 0 END)"
                + " FROM learners)"
                + " || '|' || (SELECT COUNT(*) || ':' || COUNT(withdrawn_at) || ':'"
                + " || COALESCE(SUM(LENGTH(COALESCE(evaluation, ''))), 0) FROM enrolments)"
                + " || '|' || (SELECT COUNT(*) || ':' || SUM(CASE WHEN active THEN 1 ELSE 0 END)"
                + " || ':' || SUM(CASE WHEN auto_sync_grades THEN 1 ELSE 0 END) || ':'"
                + " || COALESCE(SUM(LENGTH(COALESCE(external_course_id, '')) + LENGTH(context_id)"
                + " + LENGTH(resource_link_id) + LENGTH(COALESCE(external_course_url, ''))"
                + " + LENGTH(COALESCE(custom_params, ''))), 0) || ':'"
                + " || COALESCE(MAX(CAST(updated_at AS VARCHAR(40))), '') FROM lti_course_configs)"
                + " || '|' || (SELECT COUNT(*) FROM admin_audit)");
  }

  static String lineItem(PlatformFixture f, String token) {
    Http.Res created =
        http()
            .send(
                "POST",
                base() + "api/v1/lti/ags/contexts/" + f.contextId + "/lineitems",
                PlatformIT.LINEITEM,
                "{\"label\":\"Quiz\",\"scoreMaximum\":100}",
                "Authorization",
                "Bearer " + token);
    assertEquals(201, created.status(), created.body());
    return PlatformIT.json(created.body()).getString("id");
  }

  static Http.Res score(String token, String lineItem, String email, String given, String at) {
    return http()
        .send(
            "POST",
            lineItem + "/scores",
            PlatformIT.SCORE,
            PlatformIT.score(PlatformFixture.userId(email), given, at),
            "Authorization",
            "Bearer " + token);
  }

  /** The emails NRPS lists for the course, in roster order. */
  static List<String> roster(PlatformFixture f, String token) {
    Http.Res res =
        http()
            .get(
                base() + "api/v1/lti/nrps/contexts/" + f.contextId + "/memberships",
                "Authorization",
                "Bearer " + token,
                "Accept",
                MEMBERSHIPS);
    assertEquals(200, res.status(), res.body());
    return PlatformIT.json(res.body()).getJsonArray("members").stream()
        .map(m -> m.asJsonObject().getString("email"))
        .toList();
  }
}
