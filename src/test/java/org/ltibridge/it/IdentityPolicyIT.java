package org.ltibridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ltibridge.it.AdminApi.array;
import static org.ltibridge.it.AdminApi.call;
import static org.ltibridge.it.AdminApi.object;
import static org.ltibridge.it.AdminApi.unique;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ltibridge.it.Lms.Person;
import org.ltibridge.system.control.SecretBox;
import org.ltibridge.testsupport.FakeChatCompletionsServer;

/**
 * The identity policy of issue #19 over real HTTP, the database checked: names only where the
 * organisation allows them and the activity's owner chose them; a student sees their name is shown
 * on the notice before their name is shown, and is asked again whenever what instructors see
 * changes (also from the quick way of a returning launch); every transcript read with a name is
 * recorded and readable by the organisation's admins, never by other organisations' or creators;
 * refusals and bad input write nothing; exports stay pseudonymised; erasure removes the record.
 */
class IdentityPolicyIT extends ItBase {

  static final String DASHBOARD = "/lamb/v1/lti/dashboard/";

  private static FakeChatCompletionsServer model;
  private static Lms lms;
  private static String sys;
  private static String slug;
  private static long org;
  private static String orgAdmin;
  private static String otherOrgAdmin;
  private static String creator;
  private static String instructor;
  private static long assistant;

  @BeforeAll
  static void organisation() throws Exception {
    lms = lms();
    model = FakeChatCompletionsServer.start();
    model.requireApiKey("sk-test-names");
    model.replyWith("Forces ", "change motion.");
    sys = AdminApi.token(AdminConsoleIT.ADMIN, AdminConsoleIT.ADMIN_PASSWORD);
    slug = unique("names");
    org =
        db().organization(
                slug, model.baseUrl(), SecretBox.withKey(ChatIT.TEST_KEY).encrypt("sk-test-names"));
    String otherSlug = unique("names-other");
    AdminApiIT.createOrganization(sys, otherSlug);
    orgAdmin = ErasureIT.tokenOf(sys, slug, "admins");
    otherOrgAdmin = ErasureIT.tokenOf(sys, otherSlug, "admins");
    creator = ErasureIT.tokenOf(sys, slug, "creators");
    instructor = unique("teacher") + "@example.edu";
    db().creatorIn(org, instructor);
    assistant = db().publishedAssistant(org, "Tutor " + slug, "tutor-model", "Be kind.");
  }

  @AfterAll
  static void stopModel() {
    if (model != null) {
      model.close();
    }
  }

  @Test
  void onlyTheOrganisationsAdminsAllowNamesAndARefusalChangesNothing() {
    allowNames(false); // the tests share the organisation
    String path = "/organizations/" + slug + "/identity-policy";
    String audits = audits();
    for (String bad :
        new String[] {
          "{}",
          "{\"named_identities_allowed\": \"yes\"}",
          "{\"named_identities_allowed\": 1}",
          "[true]",
          "not json"
        }) {
      assertEquals(400, call("PUT", path, orgAdmin, bad).status(), bad);
    }
    String allow = "{\"named_identities_allowed\": true}";
    assertEquals(403, call("PUT", path, creator, allow).status());
    assertEquals(404, call("PUT", path, otherOrgAdmin, allow).status());
    assertEquals(401, call("PUT", path, null, allow).status());
    assertEquals(403, call("GET", path, creator, null).status());
    assertEquals(404, call("GET", path, otherOrgAdmin, null).status());
    assertFalse(allowed(), "nothing was written on refusal");
    assertEquals(audits, audits(), "no audit entry on refusal");

    String views = "/organizations/" + slug + "/transcript-views";
    assertEquals(403, call("GET", views, creator, null).status());
    assertEquals(404, call("GET", views, otherOrgAdmin, null).status());
    assertEquals(401, call("GET", views, null, null).status());
    assertEquals(400, call("GET", views + "?limit=0", orgAdmin, null).status());
    assertEquals(200, call("GET", views, sys, null).status());

    Http.Res set = call("PUT", path, orgAdmin, allow);
    assertEquals(200, set.status(), set.body());
    assertTrue(object(set).getBoolean("named_identities_allowed"));
    assertTrue(object(call("GET", path, orgAdmin, null)).getBoolean("named_identities_allowed"));
    assertTrue(audits().contains("organization.identity-policy"), audits());
    Http.Res off = call("PUT", path, sys, "{\"named_identities_allowed\": false}");
    assertEquals(200, off.status(), off.body());
    assertFalse(allowed());
  }

  @Test
  void namesAreShownOnlyToldAndEveryReadWithANameIsRecorded() throws Exception {
    allowNames(false); // the tests share the organisation
    String placement = Lms.newPlacement();
    String dashboard = ErasureIT.configure(lms, instructor, placement, assistant, true);
    long activity = activityId(placement);
    Person ada = Person.student();
    ErasureIT.chat(lms, assistant, ada, placement, "agree");

    // Names not allowed: the owner's choice is refused and nothing is written.
    assertEquals(403, choose(dashboard, "named").status());
    assertEquals("PSEUDONYMOUS", policy(activity));
    assertEquals(400, choose(dashboard, "everyone").status());
    assertEquals(400, send(dashboard, "PUT", "identity-policy", "not json").status());
    assertEquals(
        401, http().send("PUT", DASHBOARD + "identity-policy", "application/json", "{}").status());

    allowNames(true);
    // A colleague who is not the owner may not choose.
    String colleague = unique("colleague") + "@example.edu";
    db().creatorIn(org, colleague);
    Http.Res colleagueLaunch = lms.launch(Person.instructor(colleague), placement);
    String colleagueDashboard = colleagueLaunch.locationToken();
    assertEquals(403, choose(colleagueDashboard, "named").status());
    assertEquals("PSEUDONYMOUS", policy(activity));

    Http.Res chosen = choose(dashboard, "named");
    assertEquals(200, chosen.status(), chosen.body());
    assertTrue(json(chosen).getBoolean("namesShown"));
    assertEquals("NAMED", policy(activity));

    // Ada consented to the pseudonymous notice only: no name shown, and her consent does not
    // cover the new notice, so her chats wait for her answer, as with any new notice.
    JsonObject row = only(list(dashboard, "students"));
    assertEquals(null, name(row), row.toString());
    assertEquals(0, list(dashboard, "chats").size());
    long chat =
        db().count(
                "SELECT MAX(c.id) FROM conversations c JOIN lti_activity_users u ON u.id ="
                    + " c.activity_user_id WHERE u.lms_user_id = ?",
                ada.userId());
    assertEquals(404, send(dashboard, "GET", "chats/" + chat, null).status());
    assertEquals(0, views(activity));

    // Her next launch (the quick way knows her) asks again, saying names are shown.
    Http.Res again = lms.launch(ada, placement);
    assertTrue(again.location().startsWith("/lamb/v1/lti/consent"), again.location());
    Http.Res notice = http().get(again.location(), "Accept", "text/html");
    assertTrue(notice.body().contains("id=\"named\""), notice.body());
    Http.Res agreed =
        http().postForm("/lamb/v1/lti/consent", "token=" + again.locationToken() + "&choice=agree");
    assertEquals(303, agreed.status(), agreed.body());
    assertEquals("2026-11+named", consented(ada));

    assertEquals(ada.name(), name(only(list(dashboard, "students"))));
    assertEquals(ada.name(), name(only(list(dashboard, "chats"))));
    assertEquals(ada.name(), name(json(send(dashboard, "GET", "chats/" + chat, null))));
    send(dashboard, "GET", "chats/" + chat, null);
    assertEquals(2, views(activity), "every read with a name is recorded");
    assertEquals(
        "Ines Instructor",
        db().string(
                "SELECT MAX(viewer_name) FROM transcript_views WHERE activity_id = ?", activity));

    // The organisation's admins read the record; exports stay pseudonymised.
    JsonArray record =
        array(call("GET", "/organizations/" + slug + "/transcript-views", orgAdmin, null));
    JsonObject first = record.getJsonObject(0);
    assertEquals(ada.name(), first.getString("student"));
    assertEquals("Ines Instructor", first.getString("viewer"));
    assertEquals(activity, first.getJsonNumber("activity_id").longValue());
    for (String export : new String[] {"exports/transcripts?format=json", "exports/access-log"}) {
      String body = send(dashboard, "GET", export, null).body();
      assertFalse(body.contains(ada.name()), export + ": " + body);
    }

    // Names forbidden again: pseudonyms at once, nothing recorded, and Ada is told again.
    allowNames(false);
    assertEquals(null, name(only(list(dashboard, "students"))));
    assertEquals(null, name(json(send(dashboard, "GET", "chats/" + chat, null))));
    assertEquals(2, views(activity));
    Http.Res toldAgain = lms.launch(ada, placement);
    assertTrue(toldAgain.location().startsWith("/lamb/v1/lti/consent"), toldAgain.location());

    // Erasure takes the record with the student.
    allowNames(true);
    Http.Res erased =
        call(
            "POST",
            "/organizations/" + slug + "/erasures",
            orgAdmin,
            "{\"lms_user_id\": \"" + ada.userId() + "\", \"activity_id\": " + activity + "}");
    assertEquals(200, erased.status(), erased.body());
    assertEquals(0, views(activity));
  }

  @Test
  void namesWithoutTranscriptReviewAreANoticeOfTheirOwn() throws Exception {
    allowNames(true);
    String placement = Lms.newPlacement();
    String dashboard = ErasureIT.configure(lms, instructor, placement, assistant, false);
    assertEquals(200, choose(dashboard, "named").status());
    Person bea = Person.student();
    Http.Res launch = lms.launch(bea, placement);
    assertTrue(launch.location().startsWith("/lamb/v1/lti/consent"), launch.location());
    String page = http().get(launch.location(), "Accept", "text/html").body();
    assertTrue(page.contains("id=\"names-only\""), page);
    assertFalse(page.contains("id=\"decline\""), "nothing to decline: " + page);
    Http.Res told =
        http()
            .postForm("/lamb/v1/lti/consent", "token=" + launch.locationToken() + "&choice=agree");
    assertTrue(told.location().startsWith("/lamb/v1/lti/chat"), told.location());
    assertEquals("2026-11+names", consented(bea));
    assertEquals(bea.name(), name(only(list(dashboard, "students"))));
    // Told once: the next launch goes straight to the chat.
    assertTrue(lms.launch(bea, placement).location().startsWith("/lamb/v1/lti/chat"));
    // Review switched on (the form keeps the policy when it does not name one): asked again.
    Http.Res reconfigured =
        http()
            .postForm(
                "/lamb/v1/lti/reconfigure",
                "token="
                    + dashboard
                    + "&assistant_ids="
                    + assistant
                    + "&chat_visibility_enabled=1");
    assertEquals(303, reconfigured.status(), reconfigured.body());
    assertEquals("NAMED", policy(activityId(placement)));
    assertTrue(lms.launch(bea, placement).location().startsWith("/lamb/v1/lti/consent"));
    Http.Res bad =
        http()
            .postForm(
                "/lamb/v1/lti/reconfigure",
                "token="
                    + reconfigured.locationToken()
                    + "&assistant_ids="
                    + assistant
                    + "&identity_policy=everyone");
    assertEquals(400, bad.status(), bad.body());
    assertEquals("NAMED", policy(activityId(placement)));
  }

  // --- helpers

  private static Http.Res choose(String dashboard, String policy) {
    return send(dashboard, "PUT", "identity-policy", "{\"identity_policy\": \"" + policy + "\"}");
  }

  private static Http.Res send(String dashboard, String method, String path, String body) {
    return http()
        .send(
            method,
            DASHBOARD + path,
            "application/json",
            body,
            "Authorization",
            "Bearer " + dashboard,
            "Accept",
            "application/json");
  }

  private static JsonArray list(String dashboard, String which) {
    Http.Res res = send(dashboard, "GET", which, null);
    assertEquals(200, res.status(), res.body());
    return json(res).getJsonArray("items");
  }

  /** The name a dashboard answer shows, or null (JSON-B leaves a null field out). */
  private static String name(JsonObject o) {
    return o.containsKey("name") && !o.isNull("name") ? o.getString("name") : null;
  }

  private static JsonObject only(JsonArray items) {
    assertEquals(1, items.size(), items.toString());
    return items.getJsonObject(0);
  }

  private static JsonObject json(Http.Res res) {
    return Json.createReader(new StringReader(res.body())).readObject();
  }

  private static void allowNames(boolean allowed) {
    Http.Res res =
        call(
            "PUT",
            "/organizations/" + slug + "/identity-policy",
            orgAdmin,
            "{\"named_identities_allowed\": " + allowed + "}");
    assertEquals(200, res.status(), res.body());
  }

  private static boolean allowed() {
    return db().count(
                "SELECT COUNT(*) FROM organizations WHERE id = ? AND named_identities_allowed = TRUE",
                org)
        == 1;
  }

  private static String audits() {
    return db().string(
            "SELECT COALESCE(STRING_AGG(action, ' '), '') FROM admin_audit WHERE organization_id = ?",
            org);
  }

  private static long activityId(String placement) {
    return db().count("SELECT id FROM lti_activities WHERE resource_link_id = ?", placement);
  }

  private static String policy(long activity) {
    return db().string("SELECT identity_policy FROM lti_activities WHERE id = ?", activity);
  }

  private static long views(long activity) {
    return db().count("SELECT COUNT(*) FROM transcript_views WHERE activity_id = ?", activity);
  }

  private static String consented(Person p) {
    return db().string(
            "SELECT consent_notice_version FROM lti_activity_users WHERE lms_user_id = ?",
            p.userId());
  }
}
