package org.ltibridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ltibridge.it.AdminApi.array;
import static org.ltibridge.it.AdminApi.call;
import static org.ltibridge.it.AdminApi.object;
import static org.ltibridge.it.AdminApi.snapshot;
import static org.ltibridge.it.AdminApi.unique;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.ltibridge.it.Lms.Person;

/**
 * The admin JSON API over real HTTP, with real bearer tokens: every endpoint; the authorisation
 * matrix (system admin, org admin of the organisation and of another, a creator, a learner, nobody,
 * a garbage token) with nothing written on a refusal; bad inputs; races; the one-time password; a
 * disabled account's token.
 */
class AdminApiIT extends ItBase {

  static final String LEARNER = "alan.learner@example.edu";

  /** What the tests share: two organisations, their people, an activity of the first. */
  record Fixture(
      String sys,
      long itAdminId,
      String slugA,
      long orgA,
      String slugB,
      String orgAdminAEmail,
      long orgAdminACreatorId,
      String orgAdminA,
      String orgAdminB,
      String creatorAEmail,
      String creatorA,
      long otherCreatorId,
      String otherCreatorEmail,
      String creatorBEmail,
      long activityId) {}

  private static Fixture fixture;

  static synchronized Fixture fixture() {
    if (fixture != null) {
      return fixture;
    }
    String sys = AdminApi.token(AdminConsoleIT.ADMIN, AdminConsoleIT.ADMIN_PASSWORD);
    long itAdminId =
        db().count("SELECT id FROM admin_users WHERE username = ?", AdminConsoleIT.ADMIN);
    String slugA = unique("it-api-a");
    String slugB = unique("it-api-b");
    long orgA = createOrganization(sys, slugA).getJsonNumber("id").longValue();
    createOrganization(sys, slugB);

    JsonObject adminA = createPerson(sys, slugA, "admins", unique("admin-a") + "@a.example.edu");
    String orgAdminAEmail = adminA.getString("email");
    String orgAdminA = AdminApi.token(orgAdminAEmail, AdminApi.activate(orgAdminAEmail));
    JsonObject adminB = createPerson(sys, slugB, "admins", unique("admin-b") + "@b.example.edu");
    String orgAdminB =
        AdminApi.token(adminB.getString("email"), AdminApi.activate(adminB.getString("email")));
    String creatorAEmail =
        createPerson(sys, slugA, "creators", unique("creator-a") + "@a.example.edu")
            .getString("email");
    String creatorA = AdminApi.token(creatorAEmail, AdminApi.activate(creatorAEmail));
    JsonObject other = createPerson(sys, slugA, "creators", unique("other-a") + "@a.example.edu");
    String creatorBEmail =
        createPerson(sys, slugB, "creators", unique("creator-b") + "@b.example.edu")
            .getString("email");

    // An activity of organisation A, set up through a real Unified LTI launch by creator A.
    long assistant = db().publishedAssistant(orgA, "Tutor " + slugA, "gpt-4o-mini", "Be kind.");
    String placement = Lms.newPlacement();
    Http.Res launch = lms().launch(Person.instructor(creatorAEmail), placement);
    assertEquals(303, launch.status(), launch.body());
    assertTrue(launch.location().startsWith("/lamb/v1/lti/setup?token="), launch.location());
    Http.Res configured =
        http()
            .postForm(
                "/lamb/v1/lti/configure",
                "token="
                    + launch.locationToken()
                    + "&assistant_ids="
                    + assistant
                    + "&activity_name=API+activity");
    assertEquals(303, configured.status(), configured.body());
    long activityId =
        db().count("SELECT id FROM lti_activities WHERE resource_link_id = ?", placement);

    fixture =
        new Fixture(
            sys,
            itAdminId,
            slugA,
            orgA,
            slugB,
            orgAdminAEmail,
            adminA.getJsonNumber("id").longValue(),
            orgAdminA,
            orgAdminB,
            creatorAEmail,
            creatorA,
            other.getJsonNumber("id").longValue(),
            other.getString("email"),
            creatorBEmail,
            activityId);
    return fixture;
  }

  // --- the token -------------------------------------------------------------------------------

  @Test
  void tokenIsAnsweredAsOAuthAnswersAndRefusedToOthers() {
    Http.Res granted = AdminApi.tokenRequest(AdminConsoleIT.ADMIN, AdminConsoleIT.ADMIN_PASSWORD);
    assertEquals(200, granted.status(), granted.body());
    assertEquals("no-store", granted.header("Cache-Control").orElse(""));
    JsonObject token = object(granted);
    assertEquals("Bearer", token.getString("token_type"));
    assertTrue(token.getJsonNumber("expires_in").longValue() > 0);
    assertTrue(token.getString("access_token").length() >= 32);

    Http.Res wrong = AdminApi.tokenRequest(AdminConsoleIT.ADMIN, "not-the-password");
    assertEquals(401, wrong.status());
    assertTrue(wrong.header("WWW-Authenticate").orElse("").startsWith("Bearer"));
    assertTrue(object(wrong).getString("message").contains("Wrong username or password"));
    assertEquals(401, AdminApi.tokenRequest("", "").status());

    // A learner signs in to the learner pages with these, and gets no admin token with them.
    db().update(
            "UPDATE learners SET password_hash = ? WHERE email = ?",
            AdminConsoleIT.pbkdf2(PlatformFixture.PASSWORD),
            LEARNER);
    Http.Res learnPage = PlatformFixture.signedInLearner(LEARNER).get("/ui/learn/index.xhtml");
    assertEquals(200, learnPage.status(), learnPage.body());
    assertEquals(401, AdminApi.tokenRequest(LEARNER, PlatformFixture.PASSWORD).status());
  }

  @Test
  void theSignInThrottleLocksTheUsername() {
    String username = unique("throttled");
    String password = "throttled-password-" + username;
    db().update(
            "INSERT INTO admin_users (username, password_hash, role, must_change_password,"
                + " created_at) VALUES (?, ?, 'system-admin', FALSE, CURRENT_TIMESTAMP)",
            username,
            AdminConsoleIT.pbkdf2(password));
    try {
      for (int i = 0; i < 5; i++) {
        assertEquals(401, AdminApi.tokenRequest(username, "guess-" + i).status());
      }
      Http.Res locked = AdminApi.tokenRequest(username, password);
      assertEquals(429, locked.status(), locked.body());
      assertTrue(object(locked).getString("message").contains("Too many failed sign-ins"));
    } finally {
      db().update("DELETE FROM admin_users WHERE username = ?", username);
    }
  }

  @Test
  void aOneTimePasswordGetsNoTokenUntilChangedInTheConsole() {
    Fixture f = fixture();
    String email = unique("otp") + "@a.example.edu";
    JsonObject created = createPerson(f.sys(), f.slugA(), "admins", email);
    String oneTime = created.getString("one_time_password");
    assertEquals("org-admin", created.getString("role"));

    Http.Res refused = AdminApi.tokenRequest(email, oneTime);
    assertEquals(401, refused.status(), refused.body());
    assertTrue(object(refused).getString("message").contains("one-time password"));

    Browser browser = AdminConsoleIT.browser();
    Http.Res page = AdminConsoleIT.signInFromConsole(browser, email, oneTime);
    assertEquals(AdminConsoleIT.PASSWORD_PAGE, page.raw().uri().getPath(), page.body());
    String chosen = "chosen-password-" + unique("p");
    Http.Res changed =
        browser.submit(
            Browser.Form.in(page.body(), "password")
                .with("password:current", oneTime)
                .with("password:fresh", chosen)
                .with("password:repeat", chosen),
            "password:change");
    assertEquals(3, changed.status() / 100, changed.body());
    // An org admin goes on to their organisation's page.
    Http.Res landed = browser.settle(changed);
    assertEquals("/ui/admin/organization.xhtml", landed.raw().uri().getPath());
    assertTrue(landed.raw().uri().getQuery().contains(f.slugA()), landed.raw().uri().toString());

    assertEquals(401, AdminApi.tokenRequest(email, oneTime).status(), "the old one is gone");
    String token = AdminApi.token(email, chosen);
    assertEquals(200, call("GET", "/organizations/" + f.slugA(), token, null).status());
  }

  @Test
  void aConsoleSessionDoesNotAuthenticateTheApi() {
    Browser browser = AdminConsoleIT.browser();
    AdminConsoleIT.signInFromConsole(browser, AdminConsoleIT.ADMIN, AdminConsoleIT.ADMIN_PASSWORD);
    assertTrue(browser.cookie(AdminConsoleIT.SIGN_IN_COOKIE).isPresent());
    Http.Res res = browser.get("/api/v1/admin/organizations");
    assertEquals(401, res.status(), res.body());
    assertEquals(
        "Bearer realm=\"LTI Bridge admin API\"", res.header("WWW-Authenticate").orElse(""));
  }

  @Test
  void aDisabledAccountsTokenStopsWorkingAtTheNextRequest() {
    Fixture f = fixture();
    JsonObject admin =
        createPerson(f.sys(), f.slugA(), "admins", unique("leaving") + "@a.example.edu");
    String email = admin.getString("email");
    String token = AdminApi.token(email, AdminApi.activate(email));
    assertEquals(200, call("GET", "/organizations/" + f.slugA(), token, null).status());

    Http.Res disabled =
        call(
            "PATCH",
            "/organizations/" + f.slugA() + "/creators/" + admin.getJsonNumber("id"),
            f.sys(),
            "{\"enabled\": false}");
    assertEquals(200, disabled.status(), disabled.body());
    assertFalse(object(disabled).getBoolean("enabled"));

    Http.Res after = call("GET", "/organizations/" + f.slugA(), token, null);
    assertEquals(401, after.status());
    assertTrue(
        after.header("WWW-Authenticate").orElse("").contains("error=\"invalid_token\""),
        after.header("WWW-Authenticate").orElse("none"));
    assertEquals(
        0,
        db().count(
                "SELECT COUNT(*) FROM admin_api_tokens t JOIN admin_users a ON a.id ="
                    + " t.admin_user_id WHERE a.username = ?",
                email));
  }

  // --- every endpoint --------------------------------------------------------------------------

  /** The console's twin of the token rule: a disabled org admin's open session ends at once. */
  @Test
  void aDisabledAccountsConsoleSessionEndsAtItsNextPage() {
    Fixture f = fixture();
    String email = unique("session") + "@a.example.edu";
    long id = createPerson(f.sys(), f.slugA(), "admins", email).getJsonNumber("id").longValue();
    String password = AdminApi.activate(email);
    Browser browser = AdminConsoleIT.browser();
    Http.Res console = AdminConsoleIT.signInFromConsole(browser, email, password);
    assertTrue(console.body().contains(AdminConsoleIT.CONSOLE_MARK), console.body());

    Http.Res disabled =
        call(
            "PATCH",
            "/organizations/" + f.slugA() + "/creators/" + id,
            f.orgAdminA(),
            "{\"enabled\": false}");
    assertEquals(200, disabled.status(), disabled.body());
    Http.Res next = browser.settle(browser.get(AdminConsoleIT.HOME));
    // The sign-in page in the console's place, and the sign-in cookie cleared.
    assertTrue(next.body().contains(AdminConsoleIT.LOGIN_MARK), next.body());
    assertTrue(browser.cookie(AdminConsoleIT.SIGN_IN_COOKIE).isEmpty(), "cookie cleared");
    assertFalse(browser.get(AdminConsoleIT.HOME).body().contains(AdminConsoleIT.CONSOLE_MARK));
  }

  @Test
  void organizationsEndpoints() {
    Fixture f = fixture();
    String slug = unique("it-api-new");
    Http.Res created =
        call(
            "POST",
            "/organizations",
            f.sys(),
            "{\"slug\": \"" + slug + "\", \"name\": \"New organisation\"}");
    assertEquals(201, created.status(), created.body());
    assertTrue(
        created.header("Location").orElse("").endsWith("/api/v1/admin/organizations/" + slug));
    assertEquals("no-store", created.header("Cache-Control").orElse(""));
    JsonObject org = object(created);
    assertEquals(slug, org.getString("slug"));
    assertEquals("New organisation", org.getString("name"));
    assertTrue(org.getBoolean("enabled"));
    assertFalse(org.getBoolean("self_service"));
    assertTrue(org.getString("created_at").endsWith("Z"), org.toString());
    assertEquals(0, org.getJsonObject("counts").getInt("creators"));
    for (String count : List.of("assistants", "activities", "students")) {
      assertEquals(0, org.getJsonObject("counts").getInt(count), count);
    }

    Http.Res one = call("GET", "/organizations/" + f.slugA(), f.orgAdminA(), null);
    assertEquals(200, one.status(), one.body());
    JsonObject a = object(one);
    assertEquals(
        array(call("GET", "/organizations/" + f.slugA() + "/creators", f.sys(), null)).size(),
        a.getJsonObject("counts").getInt("creators"));
    // Other tests on the same fixture (CreatorAssistantsIT) may have added assistants.
    assertEquals(
        db().count("SELECT COUNT(*) FROM assistants WHERE organization_id = ?", f.orgA()),
        a.getJsonObject("counts").getInt("assistants"));
    assertTrue(a.getJsonObject("counts").getInt("assistants") >= 1);
    assertEquals(
        db().count("SELECT COUNT(*) FROM lti_activities WHERE organization_id = ?", f.orgA()),
        a.getJsonObject("counts").getInt("activities"));

    List<String> all = slugs(call("GET", "/organizations", f.sys(), null));
    assertTrue(all.containsAll(List.of("demo", f.slugA(), f.slugB(), slug)), all.toString());
    assertEquals(List.of(f.slugA()), slugs(call("GET", "/organizations", f.orgAdminA(), null)));
    assertEquals(List.of(f.slugB()), slugs(call("GET", "/organizations", f.orgAdminB(), null)));

    Http.Res patched =
        call(
            "PATCH",
            "/organizations/" + slug,
            f.sys(),
            "{\"name\": \"Renamed organisation\", \"enabled\": false}");
    assertEquals(200, patched.status(), patched.body());
    assertEquals("Renamed organisation", object(patched).getString("name"));
    assertFalse(object(patched).getBoolean("enabled"));
    assertEquals(
        "false",
        db().string("SELECT CAST(enabled AS VARCHAR(5)) FROM organizations WHERE slug = ?", slug));
    List<String> actions = auditActions(slug);
    assertTrue(
        actions.containsAll(
            List.of("organization.create", "organization.rename", "organization.disable")),
        actions.toString());
  }

  @Test
  void peopleEndpoints() {
    Fixture f = fixture();
    String email = unique("person") + "@a.example.edu";
    Http.Res created =
        call(
            "POST",
            "/organizations/" + f.slugA() + "/creators",
            f.orgAdminA(),
            "{\"email\": \"" + email.toUpperCase() + "\", \"name\": \"Pat Person\"}");
    assertEquals(201, created.status(), created.body());
    JsonObject person = object(created);
    assertEquals(email, person.getString("email"));
    assertEquals("Pat Person", person.getString("name"));
    assertEquals("creator", person.getString("role"));
    assertTrue(person.getBoolean("enabled"));
    assertTrue(person.getBoolean("has_password"));
    assertEquals("console", person.getString("created_via"));
    assertTrue(person.getString("one_time_password").length() >= 12);
    long id = person.getJsonNumber("id").longValue();

    Http.Res list = call("GET", "/organizations/" + f.slugA() + "/creators", f.orgAdminA(), null);
    assertEquals(200, list.status(), list.body());
    JsonObject listed = find(array(list), "email", email);
    assertFalse(listed.containsKey("one_time_password"), "shown once only");

    String path = "/organizations/" + f.slugA() + "/creators/" + id;
    Http.Res off = call("PATCH", path, f.orgAdminA(), "{\"enabled\": false}");
    assertEquals(200, off.status(), off.body());
    assertFalse(object(off).getBoolean("enabled"));
    Http.Res on = call("PATCH", path, f.orgAdminA(), "{\"enabled\": true}");
    assertTrue(object(on).getBoolean("enabled"));
    Http.Res promoted = call("PATCH", path, f.sys(), "{\"role\": \"org-admin\"}");
    assertEquals(200, promoted.status(), promoted.body());
    assertEquals("org-admin", object(promoted).getString("role"));
    assertFalse(object(promoted).containsKey("one_time_password"), "already had an account");

    // A creator without a console account (came through an LMS) gets one when promoted.
    String lmsCreator = unique("lms") + "@a.example.edu";
    db().creatorIn(f.orgA(), lmsCreator);
    long lmsId = db().count("SELECT id FROM creator_users WHERE email = ?", lmsCreator);
    Http.Res given =
        call(
            "PATCH",
            "/organizations/" + f.slugA() + "/creators/" + lmsId,
            f.sys(),
            "{\"role\": \"org-admin\"}");
    assertEquals(200, given.status(), given.body());
    assertEquals("org-admin", object(given).getString("role"));
    assertTrue(object(given).getBoolean("has_password"));
    assertTrue(object(given).getString("one_time_password").length() >= 12);

    Http.Res admin =
        call(
            "POST",
            "/organizations/" + f.slugB() + "/admins",
            f.sys(),
            "{\"email\": \"" + unique("boss") + "@b.example.edu\"}");
    assertEquals(201, admin.status(), admin.body());
    assertEquals("org-admin", object(admin).getString("role"));
    assertTrue(object(admin).containsKey("one_time_password"));

    String username = unique("root");
    Http.Res sysAdmin =
        call(
            "POST",
            "/system-admins",
            f.sys(),
            "{\"username\": \"" + username + "\", \"name\": \"Root Two\"}");
    assertEquals(201, sysAdmin.status(), sysAdmin.body());
    JsonObject root = object(sysAdmin);
    assertEquals(username, root.getString("username"));
    assertTrue(root.getString("one_time_password").length() >= 12);
    Http.Res admins = call("GET", "/system-admins", f.sys(), null);
    assertEquals(200, admins.status());
    assertFalse(find(array(admins), "username", username).containsKey("one_time_password"));
    find(array(admins), "username", AdminConsoleIT.ADMIN);
    Http.Res disabled =
        call(
            "PATCH", "/system-admins/" + root.getJsonNumber("id"), f.sys(), "{\"enabled\": false}");
    assertEquals(200, disabled.status(), disabled.body());
    assertFalse(object(disabled).getBoolean("enabled"));

    List<String> actions = auditActions(f.slugA());
    assertTrue(
        actions.containsAll(
            List.of("creator.create", "creator.disable", "creator.enable", "creator.role")),
        actions.toString());
  }

  @Test
  void creatorLtiEndpoints() {
    Fixture f = fixture();
    String slug = createOrganization(f.sys(), unique("it-api-lti")).getString("slug");
    String path = "/organizations/" + slug + "/lti-creator";
    JsonObject none = object(call("GET", path, f.sys(), null));
    assertFalse(none.getBoolean("has_key"));
    assertEquals(JsonValue.NULL, none.get("oauth_consumer_key"));
    assertEquals(base() + "lamb/v1/lti_creator/launch", none.getString("launch_url"));
    assertEquals(base() + "lamb/v1/lti_creator/info", none.getString("info_url"));

    String key = "key-" + slug;
    Http.Res generated =
        call("PUT", path, f.sys(), "{\"enabled\": true, \"oauth_consumer_key\": \"" + key + "\"}");
    assertEquals(200, generated.status(), generated.body());
    JsonObject g = object(generated);
    assertEquals(key, g.getString("oauth_consumer_key"));
    String secret = g.getString("oauth_consumer_secret");
    assertTrue(secret.length() >= 24);
    assertTrue(g.getBoolean("has_key") && g.getBoolean("enabled"));

    Http.Res shown = call("GET", path, f.sys(), null);
    assertFalse(shown.body().contains(secret), "never again");
    assertFalse(object(shown).containsKey("oauth_consumer_secret"));
    assertNotEquals(JsonValue.NULL, object(shown).get("created_at"));
    assertFalse(
        db().string("SELECT consumer_secret_enc FROM org_creator_lti WHERE consumer_key = ?", key)
            .contains(secret),
        "stored encrypted");

    String rotated =
        object(call("PUT", path, f.sys(), "{\"enabled\": true}"))
            .getString("oauth_consumer_secret");
    assertNotEquals(secret, rotated);
    Http.Res off = call("PUT", path, f.sys(), "{\"enabled\": false}");
    assertEquals(200, off.status(), off.body());
    assertFalse(object(off).getBoolean("enabled"));
    assertFalse(object(off).containsKey("oauth_consumer_secret"));
    assertEquals(key, object(off).getString("oauth_consumer_key"));

    Http.Res deleted = call("DELETE", path, f.sys(), null);
    assertEquals(204, deleted.status(), deleted.body());
    assertFalse(object(call("GET", path, f.sys(), null)).getBoolean("has_key"));
    assertEquals(404, call("DELETE", path, f.sys(), null).status());
    assertTrue(
        auditActions(slug)
            .containsAll(
                List.of(
                    "creator-lti.generate",
                    "creator-lti.rotate",
                    "creator-lti.disable",
                    "creator-lti.delete")));
  }

  @Test
  void selfServiceEndpoints() {
    Fixture f = fixture();
    String slug = createOrganization(f.sys(), unique("it-api-ss")).getString("slug");
    String path = "/organizations/" + slug + "/self-service";
    JsonObject initial = object(call("GET", path, f.sys(), null));
    assertFalse(initial.getBoolean("enabled"));
    assertEquals(0, initial.getJsonArray("domains").size());
    String domain = slug + ".example.edu";
    Http.Res put =
        call(
            "PUT",
            path,
            f.sys(),
            "{\"enabled\": true, \"domains\": [\"@" + domain.toUpperCase() + "\"]}");
    assertEquals(200, put.status(), put.body());
    assertTrue(object(put).getBoolean("enabled"));
    assertEquals(domain, object(put).getJsonArray("domains").getString(0));
    assertEquals(
        domain, object(call("GET", path, f.sys(), null)).getJsonArray("domains").getString(0));
    assertTrue(
        object(call("GET", "/organizations/" + slug, f.sys(), null)).getBoolean("self_service"));

    // The same domain for another organisation is refused.
    Http.Res taken =
        call(
            "PUT",
            "/organizations/" + f.slugB() + "/self-service",
            f.orgAdminB(),
            "{\"enabled\": true, \"domains\": [\"" + domain + "\"]}");
    assertEquals(409, taken.status(), taken.body());
  }

  @Test
  void activityEndpointsAndAudit() {
    Fixture f = fixture();
    String base = "/organizations/" + f.slugA() + "/activities";
    Http.Res list = call("GET", base, f.orgAdminA(), null);
    assertEquals(200, list.status(), list.body());
    JsonObject activity = array(list).getJsonObject(0);
    assertEquals(f.activityId(), activity.getJsonNumber("id").longValue());
    assertEquals("Physics 101", activity.getString("course"));
    assertEquals("Tutor " + f.slugA(), activity.getJsonArray("assistants").getString(0));
    assertEquals(f.creatorAEmail(), activity.getString("owner_email"));
    assertEquals("active", activity.getString("status"));

    String one = base + "/" + f.activityId();
    Http.Res renamed =
        call(
            "PATCH",
            one,
            f.orgAdminA(),
            "{\"name\": \"Renamed activity\", \"status\": \"disabled\"}");
    assertEquals(200, renamed.status(), renamed.body());
    assertEquals("Renamed activity", object(renamed).getString("name"));
    assertEquals("disabled", object(renamed).getString("status"));
    assertEquals(
        "DISABLED", db().string("SELECT status FROM lti_activities WHERE id = ?", f.activityId()));
    assertEquals(
        "active",
        object(call("PATCH", one, f.orgAdminA(), "{\"status\": \"active\"}")).getString("status"));

    Http.Res moved =
        call(
            "PUT", one + "/owner", f.orgAdminA(), "{\"email\": \"" + f.otherCreatorEmail() + "\"}");
    assertEquals(200, moved.status(), moved.body());
    assertEquals(f.otherCreatorEmail(), object(moved).getString("owner_email"));
    Http.Res back =
        call("PUT", one + "/owner", f.sys(), "{\"email\": \"" + f.creatorAEmail() + "\"}");
    assertEquals(f.creatorAEmail(), object(back).getString("owner_email"));

    Http.Res audit =
        call("GET", "/organizations/" + f.slugA() + "/audit?limit=3", f.orgAdminA(), null);
    assertEquals(200, audit.status(), audit.body());
    assertEquals(3, array(audit).size());
    JsonObject latest = array(audit).getJsonObject(0);
    assertEquals("activity.transfer", latest.getString("action"));
    assertEquals(AdminConsoleIT.ADMIN, latest.getString("actor"));
    assertTrue(latest.getString("detail").contains(f.creatorAEmail()), latest.toString());
    assertTrue(
        auditActions(f.slugA())
            .containsAll(List.of("activity.rename", "activity.disable", "activity.enable")));
  }

  @Test
  void theDocumentIsServed() {
    Http.Res doc = http().get("/api/v1/admin/openapi.json");
    assertEquals(200, doc.status());
    assertTrue(doc.body().contains("\"openapi\": \"3.0.3\""), doc.body());
    assertTrue(doc.body().contains("/api/v1/admin/organizations/{slug}/lti-creator"));
  }

  // --- the authorisation matrix ----------------------------------------------------------------

  /** One request of the matrix; {@code instance} when only system admins may make it. */
  record Case(
      String name, boolean instance, String method, String path, Supplier<String> body, int ok) {}

  @Test
  void authorisationMatrix() {
    Fixture f = fixture();
    String a = "/organizations/" + f.slugA();
    String activity = a + "/activities/" + f.activityId();
    String other = a + "/creators/" + f.otherCreatorId();
    List<Case> cases =
        List.of(
            new Case("read organisation", false, "GET", a, () -> null, 200),
            new Case("list creators", false, "GET", a + "/creators", () -> null, 200),
            new Case("create creator", false, "POST", a + "/creators", AdminApiIT::newPerson, 201),
            new Case("enable creator", false, "PATCH", other, () -> "{\"enabled\": true}", 200),
            new Case("read Creator LTI", false, "GET", a + "/lti-creator", () -> null, 200),
            new Case(
                "rotate Creator LTI",
                false,
                "PUT",
                a + "/lti-creator",
                () -> "{\"enabled\": true}",
                200),
            new Case("delete Creator LTI", false, "DELETE", a + "/lti-creator", () -> null, 204),
            new Case("read self-service", false, "GET", a + "/self-service", () -> null, 200),
            new Case(
                "change self-service",
                false,
                "PUT",
                a + "/self-service",
                () -> "{\"enabled\": false, \"domains\": []}",
                200),
            new Case("list activities", false, "GET", a + "/activities", () -> null, 200),
            new Case(
                "update activity", false, "PATCH", activity, () -> "{\"status\": \"active\"}", 200),
            new Case(
                "transfer activity",
                false,
                "PUT",
                activity + "/owner",
                () -> "{\"email\": \"" + f.creatorAEmail() + "\"}",
                200),
            new Case("read audit", false, "GET", a + "/audit", () -> null, 200),
            new Case("read model endpoint", false, "GET", a + "/model-endpoint", () -> null, 200),
            new Case(
                "change model endpoint's cap",
                false,
                "PUT",
                a + "/model-endpoint",
                () -> anotherCap(f.slugA()),
                200),
            new Case(
                "create organisation",
                true,
                "POST",
                "/organizations",
                () -> "{\"slug\": \"" + unique("it-api-m") + "\", \"name\": \"M\"}",
                201),
            new Case("update organisation", true, "PATCH", a, () -> "{\"enabled\": true}", 200),
            new Case("create org admin", true, "POST", a + "/admins", AdminApiIT::newPerson, 201),
            new Case("change role", true, "PATCH", other, () -> "{\"role\": \"creator\"}", 200),
            new Case("list system admins", true, "GET", "/system-admins", () -> null, 200),
            new Case(
                "create system admin",
                true,
                "POST",
                "/system-admins",
                () -> "{\"username\": \"" + unique("sys-m") + "\"}",
                201),
            new Case(
                "enable system admin",
                true,
                "PATCH",
                "/system-admins/" + f.itAdminId(),
                () -> "{\"enabled\": true}",
                200));

    // Who asks, and what they meet for an organisation-wide and an instance-wide request.
    record Who(String name, String token, int organization, int instance) {}
    List<Who> everyone =
        List.of(
            new Who("system admin", f.sys(), 0, 0),
            new Who("org admin of A", f.orgAdminA(), 0, 403),
            new Who("org admin of B", f.orgAdminB(), 404, 403),
            new Who("creator of A", f.creatorA(), 403, 403),
            new Who("nobody (a learner gets no token)", null, 401, 401),
            new Who("garbage token", "garbage-" + unique("t"), 401, 401));
    assertEquals(401, AdminApi.tokenRequest(LEARNER, "any-password-at-all").status());

    List<String> wrong = new ArrayList<>();
    for (Case c : cases) {
      for (Who who : everyone) {
        int refusal = c.instance() ? who.instance() : who.organization();
        if (refusal == 0 && c.method().equals("DELETE")) {
          assertEquals(
              200, call("PUT", a + "/lti-creator", f.sys(), "{\"enabled\": true}").status());
        }
        String before = snapshot(f.activityId());
        Http.Res res = call(c.method(), c.path(), who.token(), c.body().get());
        int expected = refusal == 0 ? c.ok() : refusal;
        String label = who.name() + " × " + c.name() + ": ";
        if (res.status() != expected) {
          wrong.add(label + "expected " + expected + ", got " + res.status() + " " + res.body());
          continue;
        }
        if (refusal != 0) {
          String after = snapshot(f.activityId());
          if (!before.equals(after)) {
            wrong.add(label + "a refusal wrote:\n  " + before + "\n  " + after);
          }
          if (!object(res).getString("message").isBlank() && refusal == 401) {
            String challenge = res.header("WWW-Authenticate").orElse("");
            if (!challenge.startsWith("Bearer")) {
              wrong.add(label + "no WWW-Authenticate: Bearer");
            }
          }
        }
      }
    }
    assertEquals(List.of(), wrong, String.join("\n", wrong));
    // Back to the deployment's default, for whatever runs next on organisation A.
    assertEquals(
        200, call("PUT", a + "/model-endpoint", f.sys(), withCap(f.slugA(), "null")).status());

    // Listing organisations: each admin sees what they may.
    assertEquals(403, call("GET", "/organizations", f.creatorA(), null).status());
    assertEquals(401, call("GET", "/organizations", null, null).status());
  }

  private static final AtomicInteger caps = new AtomicInteger();

  /**
   * A model endpoint {@code PUT} that keeps the organisation's base URL and proposes a cap it did
   * not have the moment before, so that a refusal that wrote would show in the snapshot.
   */
  static String anotherCap(String slug) {
    return withCap(slug, String.valueOf(1 + caps.incrementAndGet() % 10_000));
  }

  static String withCap(String slug, String cap) {
    String url =
        db().string("SELECT COALESCE(model_base_url, '') FROM organizations WHERE slug = ?", slug);
    return "{\"base_url\": \"" + url + "\", \"max_concurrent\": " + cap + "}";
  }

  // --- bad input -------------------------------------------------------------------------------

  /** A request that is refused with {@code status} and a message that {@code says} why. */
  record Bad(String token, String method, String path, String body, int status, String says) {}

  /**
   * A cap that is no whole number from 1 to 10000, sent with a new base URL: the refusal writes
   * neither.
   */
  static Bad badCap(String token, String organization, String cap) {
    return new Bad(
        token,
        "PUT",
        organization + "/model-endpoint",
        "{\"base_url\": \"https://refused.example.edu/v1\", \"max_concurrent\": " + cap + "}",
        400,
        "Concurrent model requests must be a whole number from 1 to 10000, or empty for the"
            + " default.");
  }

  @Test
  void badInputIsRefusedWithAReasonAndWritesNothing() {
    Fixture f = fixture();
    String a = "/organizations/" + f.slugA();
    List<Bad> bad =
        List.of(
            new Bad(
                f.sys(),
                "POST",
                "/organizations",
                "{\"slug\": \"" + f.slugA() + "\", \"name\": \"Again\"}",
                409,
                "already exists"),
            new Bad(
                f.sys(),
                "POST",
                "/organizations",
                "{\"slug\": \"Not A Slug!\", \"name\": \"X\"}",
                400,
                "A slug has"),
            new Bad(
                f.sys(),
                "POST",
                "/organizations",
                "{\"slug\": \"" + unique("it-api-x") + "\"}",
                400,
                "\"name\" is required"),
            new Bad(
                f.sys(),
                "POST",
                "/organizations",
                "{\"slug\": 5, \"name\": \"X\"}",
                400,
                "\"slug\" must be a string"),
            new Bad(
                f.sys(), "POST", "/organizations", "[\"physics\"]", 400, "must be a JSON object"),
            new Bad(f.sys(), "POST", "/organizations", "{\"slug\": ", 400, "must be a JSON object"),
            new Bad(f.sys(), "POST", "/organizations", "", 400, "must be a JSON object"),
            new Bad(
                f.sys(),
                "PATCH",
                a,
                "{\"enabled\": \"yes\"}",
                400,
                "\"enabled\" must be true or false"),
            new Bad(f.sys(), "PATCH", a, "{}", 400, "Give at least one"),
            new Bad(
                f.sys(),
                "GET",
                "/organizations/" + unique("no-such"),
                null,
                404,
                "no such organisation"),
            new Bad(
                f.sys(),
                "PATCH",
                "/organizations/" + unique("no-such"),
                "{\"name\": \"Y\"}",
                404,
                "no such organisation"),
            new Bad(
                f.orgAdminA(),
                "POST",
                a + "/creators",
                "{\"email\": \"" + f.creatorAEmail() + "\"}",
                409,
                "already a creator"),
            new Bad(
                f.orgAdminB(),
                "POST",
                "/organizations/" + f.slugB() + "/creators",
                "{\"email\": \"" + f.orgAdminAEmail() + "\"}",
                409,
                "another account"),
            new Bad(
                f.orgAdminA(),
                "POST",
                a + "/creators",
                "{\"email\": \"not-an-email\"}",
                400,
                "valid email"),
            new Bad(
                f.orgAdminA(),
                "PATCH",
                a + "/creators/" + f.orgAdminACreatorId(),
                "{\"enabled\": false}",
                400,
                "your own account"),
            new Bad(
                f.sys(),
                "PATCH",
                "/system-admins/" + f.itAdminId(),
                "{\"enabled\": false}",
                400,
                "your own account"),
            new Bad(
                f.sys(),
                "PATCH",
                a + "/creators/" + f.otherCreatorId(),
                "{\"role\": \"king\"}",
                400,
                "A role is either"),
            new Bad(
                f.orgAdminA(),
                "PUT",
                a + "/activities/" + f.activityId() + "/owner",
                "{\"email\": \"" + f.creatorBEmail() + "\"}",
                400,
                "not an enabled creator"),
            new Bad(
                f.orgAdminA(),
                "PUT",
                a + "/activities/" + f.activityId() + "/owner",
                "{}",
                400,
                "\"email\" is required"),
            new Bad(
                f.orgAdminA(),
                "PATCH",
                a + "/activities/" + f.activityId(),
                "{\"status\": \"asleep\"}",
                400,
                "A status is either"),
            new Bad(
                f.orgAdminA(),
                "PATCH",
                a + "/activities/999999999",
                "{\"status\": \"active\"}",
                404,
                "no such activity"),
            new Bad(
                f.orgAdminA(),
                "PUT",
                a + "/self-service",
                "{\"enabled\": true, \"domains\": \"a.example.edu\"}",
                400,
                "list of strings"),
            new Bad(
                f.orgAdminA(),
                "PUT",
                a + "/self-service",
                "{\"enabled\": true, \"domains\": [\"not a domain\"]}",
                400,
                "is not an email domain"),
            new Bad(
                f.orgAdminA(),
                "PUT",
                a + "/lti-creator",
                "{\"oauth_consumer_key\": \"k\"}",
                400,
                "\"enabled\" is required"),
            new Bad(f.orgAdminA(), "GET", a + "/audit?limit=lots", null, 400, "limit must be"),
            badCap(f.orgAdminA(), a, "0"),
            badCap(f.orgAdminA(), a, "-1"),
            badCap(f.orgAdminA(), a, "10001"),
            badCap(f.orgAdminA(), a, "\"abc\""),
            badCap(f.orgAdminA(), a, "2.5"),
            badCap(f.sys(), a, "\"\""),
            badCap(f.sys(), a, "true"),
            new Bad(
                f.sys(),
                "POST",
                "/system-admins",
                "{\"username\": \"" + AdminConsoleIT.ADMIN + "\"}",
                409,
                "another account"),
            new Bad(
                f.sys(),
                "POST",
                "/system-admins",
                "{\"username\": \"a b\"}",
                400,
                "A username has"));
    List<String> wrong = new ArrayList<>();
    for (Bad b : bad) {
      String before = snapshot(f.activityId());
      Http.Res res = call(b.method(), b.path(), b.token(), b.body());
      String label = b.method() + " " + b.path() + " " + b.body() + ": ";
      if (res.status() != b.status()) {
        wrong.add(label + "expected " + b.status() + ", got " + res.status() + " " + res.body());
        continue;
      }
      String message = object(res).getString("message");
      if (!message.toLowerCase().contains(b.says().toLowerCase())) {
        wrong.add(label + "says " + message);
      }
      if (!before.equals(snapshot(f.activityId()))) {
        wrong.add(label + "wrote something");
      }
    }
    assertEquals(List.of(), wrong, String.join("\n", wrong));

    Http.Res plain =
        http()
            .send(
                "POST",
                "/api/v1/admin/organizations",
                "text/plain",
                "slug=x",
                "Authorization",
                "Bearer " + f.sys());
    assertEquals(415, plain.status(), plain.body());
  }

  // --- races -----------------------------------------------------------------------------------

  @Test
  void twoIdenticalCreationsAtOnceMakeOneRow() throws Exception {
    Fixture f = fixture();
    String slug = unique("it-api-race");
    String org = "{\"slug\": \"" + slug + "\", \"name\": \"Race\"}";
    List<Http.Res> orgs =
        RacesIT.allAtOnce(
            List.<Callable<Http.Res>>of(
                () -> call("POST", "/organizations", f.sys(), org),
                () -> call("POST", "/organizations", f.sys(), org)));
    assertEquals(List.of(201, 409), statuses(orgs), orgs.get(0).body() + orgs.get(1).body());
    assertEquals(1, db().count("SELECT COUNT(*) FROM organizations WHERE slug = ?", slug));

    String email = unique("race") + "@a.example.edu";
    String person = "{\"email\": \"" + email + "\"}";
    String path = "/organizations/" + f.slugA() + "/creators";
    List<Http.Res> people =
        RacesIT.allAtOnce(
            List.<Callable<Http.Res>>of(
                () -> call("POST", path, f.orgAdminA(), person),
                () -> call("POST", path, f.sys(), person)));
    assertEquals(List.of(201, 409), statuses(people), people.get(0).body() + people.get(1).body());
    assertEquals(1, db().count("SELECT COUNT(*) FROM creator_users WHERE email = ?", email));
    assertEquals(1, db().count("SELECT COUNT(*) FROM admin_users WHERE username = ?", email));
  }

  @Test
  void twoSystemAdminsDisablingEachOtherAtOnceLeaveOneEnabled() throws Exception {
    Fixture f = fixture();
    JsonObject x =
        object(
            call("POST", "/system-admins", f.sys(), "{\"username\": \"" + unique("sys-x") + "\"}"));
    JsonObject y =
        object(
            call("POST", "/system-admins", f.sys(), "{\"username\": \"" + unique("sys-y") + "\"}"));
    String tx = AdminApi.token(x.getString("username"), AdminApi.activate(x.getString("username")));
    String ty = AdminApi.token(y.getString("username"), AdminApi.activate(y.getString("username")));
    long xId = x.getJsonNumber("id").longValue();
    long yId = y.getJsonNumber("id").longValue();
    String others =
        db().string(
                "SELECT STRING_AGG(CAST(id AS VARCHAR(20)), ',') FROM admin_users WHERE role ="
                    + " 'system-admin' AND enabled = TRUE AND id NOT IN (?, ?)",
                xId,
                yId);
    assertTrue(others.contains(String.valueOf(f.itAdminId())), others);
    try {
      db().update("UPDATE admin_users SET enabled = FALSE WHERE id IN (" + others + ")");
      List<Http.Res> results =
          RacesIT.allAtOnce(
              List.<Callable<Http.Res>>of(
                  () -> call("PATCH", "/system-admins/" + yId, tx, "{\"enabled\": false}"),
                  () -> call("PATCH", "/system-admins/" + xId, ty, "{\"enabled\": false}")));
      List<Integer> statuses = statuses(results);
      assertEquals(200, statuses.get(0), results.get(0).body() + results.get(1).body());
      assertTrue(
          List.of(401, 409).contains(statuses.get(1)),
          results.get(0).body() + results.get(1).body());
      assertEquals(
          1,
          db().count(
                  "SELECT COUNT(*) FROM admin_users WHERE role = 'system-admin' AND enabled ="
                      + " TRUE"),
          "exactly one enabled system admin");
    } finally {
      db().update("UPDATE admin_users SET enabled = TRUE WHERE id IN (" + others + ")");
    }
    assertEquals(
        "true",
        db().string(
                "SELECT CAST(enabled AS VARCHAR(5)) FROM admin_users WHERE id = ?", f.itAdminId()));
    assertEquals(200, call("GET", "/system-admins", f.sys(), null).status());
  }

  // --- helpers ---------------------------------------------------------------------------------

  static JsonObject createOrganization(String token, String slug) {
    Http.Res res =
        call(
            "POST",
            "/organizations",
            token,
            "{\"slug\": \"" + slug + "\", \"name\": \"Organisation " + slug + "\"}");
    assertEquals(201, res.status(), res.body());
    return object(res);
  }

  static JsonObject createPerson(String token, String slug, String kind, String email) {
    Http.Res res =
        call(
            "POST",
            "/organizations/" + slug + "/" + kind,
            token,
            "{\"email\": \"" + email + "\", \"name\": \"Person " + kind + "\"}");
    assertEquals(201, res.status(), res.body());
    return object(res);
  }

  static String newPerson() {
    return "{\"email\": \"" + unique("m") + "@a.example.edu\"}";
  }

  static List<String> slugs(Http.Res res) {
    assertEquals(200, res.status(), res.body());
    return array(res).getValuesAs(JsonObject.class).stream().map(o -> o.getString("slug")).toList();
  }

  static JsonObject find(jakarta.json.JsonArray all, String field, String value) {
    return all.getValuesAs(JsonObject.class).stream()
        .filter(o -> value.equals(o.getString(field, null)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + field + "=" + value + " in " + all));
  }

  static List<String> auditActions(String slug) {
    Http.Res res =
        call("GET", "/organizations/" + slug + "/audit?limit=100", fixture().sys(), null);
    assertEquals(200, res.status(), res.body());
    return array(res).getValuesAs(JsonObject.class).stream()
        .map(o -> o.getString("action"))
        .toList();
  }

  static List<Integer> statuses(List<Http.Res> results) {
    return results.stream().map(Http.Res::status).sorted().toList();
  }
}
