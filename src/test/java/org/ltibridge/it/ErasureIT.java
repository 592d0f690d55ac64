package org.ltibridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ltibridge.it.AdminApi.call;
import static org.ltibridge.it.AdminApi.object;
import static org.ltibridge.it.AdminApi.unique;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.ltibridge.it.Lms.Person;
import org.ltibridge.system.control.SecretBox;
import org.ltibridge.testsupport.FakeChatCompletionsServer;

/**
 * A student's data erased on request, and transcripts kept only as long as the organisation says
 * (issue #19), over real HTTP with the database checked row by row: erasure in one activity leaves
 * the student's other activity and the other students alone and the dashboard's figures follow;
 * erasure in all activities leaves nothing keyed by the student; the audit trail says who, where
 * and how much but never whom; the authorisation matrix and bad input erase nothing; the retention
 * share deletes a backdated conversation within the minute and keeps a recent one.
 */
class ErasureIT extends ItBase {

  static final String STATS = "/lamb/v1/lti/dashboard/stats";

  /** What the tests share: an organisation with two activities (review on, review off). */
  record Fixture(
      String sys,
      String slug,
      long org,
      String otherSlug,
      String orgAdmin,
      String otherOrgAdmin,
      String creator,
      long assistant,
      String reviewed,
      long reviewedId,
      String reviewedDashboard,
      String plain,
      long plainId,
      String plainDashboard) {}

  private static Fixture fixture;
  private static FakeChatCompletionsServer model;

  /** One LMS (one tool_consumer_instance_guid, so one platform) for every launch. */
  private static Lms LMS;

  static synchronized Fixture fixture() throws Exception {
    if (fixture != null) {
      return fixture;
    }
    LMS = lms();
    model = FakeChatCompletionsServer.start();
    model.requireApiKey("sk-test-123");
    model.replyWith("Forces ", "change motion.");
    String sys = AdminApi.token(AdminConsoleIT.ADMIN, AdminConsoleIT.ADMIN_PASSWORD);
    String slug = unique("erase");
    long org =
        db().organization(
                slug, model.baseUrl(), SecretBox.withKey(ChatIT.TEST_KEY).encrypt("sk-test-123"));
    String otherSlug = unique("erase-other");
    AdminApiIT.createOrganization(sys, otherSlug);
    String orgAdmin = tokenOf(sys, slug, "admins");
    String otherOrgAdmin = tokenOf(sys, otherSlug, "admins");
    String creator = tokenOf(sys, slug, "creators");
    String instructor = unique("teacher") + "@example.edu";
    db().creatorIn(org, instructor);
    long assistant = db().publishedAssistant(org, "Tutor " + slug, "tutor-model", "Be kind.");
    String reviewed = Lms.newPlacement();
    String reviewedDashboard = configure(instructor, reviewed, assistant, true);
    String plain = Lms.newPlacement();
    String plainDashboard = configure(instructor, plain, assistant, false);
    fixture =
        new Fixture(
            sys,
            slug,
            org,
            otherSlug,
            orgAdmin,
            otherOrgAdmin,
            creator,
            assistant,
            reviewed,
            activityId(reviewed),
            reviewedDashboard,
            plain,
            activityId(plain),
            plainDashboard);
    return fixture;
  }

  @AfterAll
  static void stopModel() {
    if (model != null) {
      model.close();
    }
  }

  // --- erasure
  // -------------------------------------------------------------------------------------

  @Test
  void erasedInOneActivityThenInAllNothingOfTheStudentIsLeft() throws Exception {
    Fixture f = fixture();
    Person ada = Person.student();
    Person bob = Person.student();
    chat(f, ada, f.reviewed(), "agree");
    chat(f, bob, f.reviewed(), "decline");
    chat(f, ada, f.plain(), null);
    chat(f, bob, f.plain(), null);
    List<Long> adaIds = identities(ada);
    assertEquals(2, adaIds.size());
    String bobBefore = rowsOf(bob);
    JsonObject statsBefore = stats(f.reviewedDashboard());
    JsonObject plainBefore = stats(f.plainDashboard());
    long figuresBefore = figures(f.reviewedId());
    long inReviewed = idIn(adaIds, f.reviewedId());
    long inPlain = idIn(adaIds, f.plainId());

    // One activity, named as the LMS knows the student.
    Http.Res res =
        call(
            "POST",
            erasures(f.slug()),
            f.orgAdmin(),
            "{\"activity_id\": " + f.reviewedId() + ", \"lms_user_id\": \"" + ada.userId() + "\"}");
    assertEquals(200, res.status(), res.body());
    JsonObject erased = object(res);
    assertEquals(1, erased.getInt("activities"));
    assertEquals(1, erased.getInt("identities"));
    assertEquals(1, erased.getInt("conversations"));
    assertEquals(2, erased.getInt("messages"));
    assertEquals(0, rowsKeyedBy(inReviewed), "nothing of ada left in the reviewed activity");
    assertTrue(rowsKeyedBy(inPlain) >= 3, "ada's other activity is untouched");
    assertEquals(
        1, db().count("SELECT COUNT(*) FROM conversations WHERE activity_user_id = ?", inPlain));
    assertEquals(bobBefore, rowsOf(bob), "bob is untouched");
    JsonObject statsAfter = stats(f.reviewedDashboard());
    assertEquals(
        statsBefore.getInt("students") - 1, statsAfter.getInt("students"), statsAfter.toString());
    assertEquals(
        statsBefore.getInt("chats") - 1, statsAfter.getInt("chats"), statsAfter.toString());
    assertEquals(
        statsBefore.getInt("messages") - 2, statsAfter.getInt("messages"), statsAfter.toString());
    if (figuresBefore >= 0) {
      assertEquals(figuresBefore - 2, figures(f.reviewedId()), "the kept figures follow");
    }
    assertEquals(plainBefore, stats(f.plainDashboard()), "the other activity's figures");

    // The audit trail says who, where and how much, never whom.
    List<List<Object>> audit =
        db().rows(
                "SELECT actor, target, detail FROM admin_audit WHERE organization_id = ? AND action"
                    + " = 'student.erase' ORDER BY id",
                f.org());
    assertEquals(1, audit.size());
    assertEquals("activity " + f.reviewedId(), audit.get(0).get(1));
    assertTrue(String.valueOf(audit.get(0).get(2)).contains("2 messages"), audit.toString());
    assertNoIdentifierOf(ada, audit.toString());

    // A second chat with the same assistant: the person's kept figures are one row for both
    // (chat_figures), which erasing all must take down and remove.
    chat(f, ada, f.plain(), null);

    // Ada comes back: a new identity, as a student not seen before.
    Http.Res again = LMS.launch(ada, f.reviewed());
    assertEquals(303, again.status(), again.body());
    assertTrue(again.location().startsWith("/lamb/v1/lti/consent"), again.location());
    List<Long> now = identities(ada);
    assertEquals(2, now.size());
    assertFalse(now.contains(inReviewed), "the erased identity is not back");

    // All activities, named by the LMS username.
    Http.Res all =
        call(
            "POST",
            erasures(f.slug()),
            f.orgAdmin(),
            "{\"all_activities\": true, \"username\": \"" + ada.username() + "\"}");
    assertEquals(200, all.status(), all.body());
    assertEquals(2, object(all).getInt("activities"));
    assertEquals(2, object(all).getInt("identities"));
    assertEquals(0, identities(ada).size());
    for (long id : now) {
      assertEquals(0, rowsKeyedBy(id), "identity " + id);
    }
    assertEquals(
        0,
        db().count(
                "SELECT COUNT(*) FROM lti_activity_users WHERE lms_user_id = ? OR user_name = ? OR"
                    + " user_email LIKE ? OR display_name = ?",
                ada.userId(),
                ada.username(),
                ada.username() + "%",
                ada.name()));
    assertEquals(bobBefore, rowsOf(bob), "bob is still untouched");
    assertEquals(
        "all activities",
        db().string(
                "SELECT target FROM admin_audit WHERE organization_id = ? AND action ="
                    + " 'student.erase' ORDER BY id DESC LIMIT 1",
                f.org()));
    assertNoIdentifierOf(
        ada,
        db().rows(
                "SELECT actor, target, detail FROM admin_audit WHERE organization_id = ?", f.org())
            .toString());
  }

  @Test
  void aPseudonymNamesAStudentInOneActivity() throws Exception {
    Fixture f = fixture();
    Person cy = Person.student();
    chat(f, cy, f.plain(), null);
    String pseudonym =
        db().string("SELECT pseudonym FROM lti_activity_users WHERE lms_user_id = ?", cy.userId());
    Http.Res res =
        call(
            "POST",
            erasures(f.slug()),
            f.orgAdmin(),
            Json.createObjectBuilder()
                .add("activity_id", f.plainId())
                .add("pseudonym", pseudonym)
                .build()
                .toString());
    assertEquals(200, res.status(), res.body());
    assertEquals(0, identities(cy).size());
  }

  @Test
  void onlyTheOrganisationsAdminsAndSystemAdminsEraseAndARefusalErasesNothing() throws Exception {
    Fixture f = fixture();
    Person dee = Person.student();
    chat(f, dee, f.plain(), null);
    String body = "{\"all_activities\": true, \"lms_user_id\": \"" + dee.userId() + "\"}";
    String before = rowsOf(dee) + audits(f);
    assertEquals(401, call("POST", erasures(f.slug()), null, body).status(), "nobody");
    assertEquals(401, call("POST", erasures(f.slug()), "garbage", body).status(), "garbage");
    Http.Res creator = call("POST", erasures(f.slug()), f.creator(), body);
    assertEquals(403, creator.status(), creator.body());
    // Another organisation's admin: the permission model answers 404, as if the organisation did
    // not exist (Permissions: its name is not revealed).
    Http.Res other = call("POST", erasures(f.slug()), f.otherOrgAdmin(), body);
    assertEquals(404, other.status(), other.body());
    // Nor through their own organisation's path.
    Http.Res ownPath = call("POST", erasures(f.otherSlug()), f.otherOrgAdmin(), body);
    assertEquals(404, ownPath.status(), ownPath.body());
    assertEquals(before, rowsOf(dee) + audits(f), "nothing erased, nothing recorded");

    Http.Res sys = call("POST", erasures(f.slug()), f.sys(), body);
    assertEquals(200, sys.status(), sys.body());
    assertEquals(0, identities(dee).size());
  }

  @Test
  void badInputAndUnknownStudentsEraseNothing() throws Exception {
    Fixture f = fixture();
    Person eve = Person.student();
    chat(f, eve, f.plain(), null);
    String before = rowsOf(eve) + audits(f);
    String who = "\"lms_user_id\": \"" + eve.userId() + "\"";
    for (String bad :
        List.of(
            "not json",
            "[]",
            "{" + who + "}",
            "{\"all_activities\": true, \"activity_id\": " + f.plainId() + ", " + who + "}",
            "{\"all_activities\": true}",
            "{\"all_activities\": true, \"lms_user_id\": \"  \"}",
            "{\"all_activities\": true, \"pseudonym\": \"Blue Fox\"}",
            "{\"activity_id\": \"" + f.plainId() + "\", " + who + "}",
            "{\"activity_id\": 1.5, " + who + "}",
            "{\"all_activities\": \"yes\", " + who + "}",
            "{\"all_activities\": true, \"lms_user_id\": 42}",
            "{\"all_activities\": true, \"lms_user_id\": \"" + "x".repeat(256) + "\"}")) {
      Http.Res res = call("POST", erasures(f.slug()), f.orgAdmin(), bad);
      assertEquals(400, res.status(), bad + " → " + res.body());
      assertTrue(object(res).getString("message").length() > 10, res.body());
    }
    Http.Res nobody =
        call(
            "POST",
            erasures(f.slug()),
            f.orgAdmin(),
            "{\"all_activities\": true, \"lms_user_id\": \"no-such-student\"}");
    assertEquals(404, nobody.status(), nobody.body());
    assertTrue(object(nobody).getString("message").contains("nothing was erased"), nobody.body());
    Http.Res noActivity =
        call("POST", erasures(f.slug()), f.orgAdmin(), "{\"activity_id\": 999999999, " + who + "}");
    assertEquals(404, noActivity.status(), noActivity.body());
    Http.Res wrongPlace =
        call(
            "POST",
            erasures(f.slug()),
            f.orgAdmin(),
            "{\"activity_id\": " + f.reviewedId() + ", " + who + "}");
    assertEquals(404, wrongPlace.status(), "eve never launched the reviewed activity");
    assertEquals(before, rowsOf(eve) + audits(f), "nothing erased, nothing recorded");
  }

  // --- retention
  // -----------------------------------------------------------------------------------

  @Test
  void retentionIsSetCheckedAndOlderTranscriptsGoWithinTheMinute() throws Exception {
    Fixture f = fixture();
    String path = "/organizations/" + f.slug() + "/retention";
    String column =
        "SELECT COALESCE(CAST(transcript_retention_days AS VARCHAR(10)), 'none') FROM organizations WHERE id = ?";
    assertEquals(200, call("GET", path, f.orgAdmin(), null).status());
    String before = db().string(column, f.org()) + audits(f);
    for (String bad :
        List.of(
            "{\"transcript_retention_days\": 0}",
            "{\"transcript_retention_days\": 3651}",
            "{\"transcript_retention_days\": -3}",
            "{\"transcript_retention_days\": 1.5}",
            "{\"transcript_retention_days\": \"30\"}",
            "{}",
            "nope")) {
      Http.Res res = call("PUT", path, f.orgAdmin(), bad);
      assertEquals(400, res.status(), bad + " → " + res.body());
    }
    assertEquals(
        403, call("PUT", path, f.creator(), "{\"transcript_retention_days\": 1}").status());
    assertEquals(
        404, call("PUT", path, f.otherOrgAdmin(), "{\"transcript_retention_days\": 1}").status());
    assertEquals(401, call("PUT", path, null, "{\"transcript_retention_days\": 1}").status());
    assertEquals(before, db().string(column, f.org()) + audits(f), "nothing written");

    Person fay = Person.student();
    chat(f, fay, f.plain(), null);
    chat(f, fay, f.plain(), null);
    List<Long> conversations =
        db()
            .rows(
                "SELECT c.id FROM conversations c JOIN lti_activity_users u ON u.id ="
                    + " c.activity_user_id WHERE u.lms_user_id = ? ORDER BY c.id",
                fay.userId())
            .stream()
            .map(r -> ((Number) r.get(0)).longValue())
            .toList();
    assertEquals(2, conversations.size());
    long old = conversations.get(0);
    long recent = conversations.get(1);
    db().update(
            "UPDATE conversations SET updated_at = CURRENT_TIMESTAMP - INTERVAL '31' DAY WHERE id"
                + " = ?",
            old);

    Http.Res set = call("PUT", path, f.orgAdmin(), "{\"transcript_retention_days\": 30}");
    assertEquals(200, set.status(), set.body());
    assertEquals(30, object(set).getInt("transcript_retention_days"));
    assertEquals(
        30, object(call("GET", path, f.orgAdmin(), null)).getInt("transcript_retention_days"));
    assertTrue(audits(f).contains("transcripts kept 30 days"), audits(f));

    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(75).toNanos();
    while (db().count("SELECT COUNT(*) FROM conversations WHERE id = ?", old) > 0) {
      assertTrue(System.nanoTime() < deadline, "an expired conversation goes within a minute");
      Thread.sleep(1000);
    }
    assertEquals(
        0, db().count("SELECT COUNT(*) FROM chat_messages WHERE conversation_id = ?", old));
    assertEquals(1, db().count("SELECT COUNT(*) FROM conversations WHERE id = ?", recent));
    assertEquals(
        2, db().count("SELECT COUNT(*) FROM chat_messages WHERE conversation_id = ?", recent));

    Http.Res keep = call("PUT", path, f.sys(), "{\"transcript_retention_days\": null}");
    assertEquals(200, keep.status(), keep.body());
    assertTrue(object(keep).isNull("transcript_retention_days"));
  }

  // --- helpers
  // -------------------------------------------------------------------------------------

  /** An admin API token of a new person of {@code kind} (creators, admins) in {@code slug}. */
  static String tokenOf(String sys, String slug, String kind) {
    String email =
        AdminApiIT.createPerson(sys, slug, kind, unique(kind) + "@erase.example.edu")
            .getString("email");
    return AdminApi.token(email, AdminApi.activate(email));
  }

  private static String configure(
      String instructor, String placement, long assistant, boolean review) {
    return configure(LMS, instructor, placement, assistant, review);
  }

  /** The instructor's first launch at {@code placement} and setup; the dashboard token. */
  static String configure(
      Lms lms, String instructor, String placement, long assistant, boolean review) {
    Http.Res launch = lms.launch(Person.instructor(instructor), placement);
    assertEquals(303, launch.status(), launch.body());
    Http.Res configured =
        http()
            .postForm(
                "/lamb/v1/lti/configure",
                "token="
                    + launch.locationToken()
                    + "&assistant_ids="
                    + assistant
                    + (review ? "&chat_visibility_enabled=1" : ""));
    assertEquals(303, configured.status(), configured.body());
    return configured.locationToken();
  }

  private static long activityId(String placement) {
    return db().count("SELECT id FROM lti_activities WHERE resource_link_id = ?", placement);
  }

  private static void chat(Fixture f, Person who, String placement, String consent)
      throws Exception {
    chat(LMS, f.assistant(), who, placement, consent);
  }

  /** Launches and sends one message (two stored); {@code consent} answers the notice if asked. */
  static void chat(Lms lms, long assistant, Person who, String placement, String consent)
      throws Exception {
    Http.Res launch = lms.launch(who, placement);
    assertEquals(303, launch.status(), launch.body());
    String token = launch.locationToken();
    if (consent != null) {
      assertTrue(launch.location().startsWith("/lamb/v1/lti/consent"), launch.location());
      Http.Res answered =
          http().postForm("/lamb/v1/lti/consent", "token=" + token + "&choice=" + consent);
      assertEquals(303, answered.status(), answered.body());
      token = answered.locationToken();
    }
    String events =
        String.join(
            "\n",
            ChatIT.send(
                token, "{\"assistantId\": " + assistant + ", \"content\": \"What is a force?\"}"));
    assertTrue(events.contains("done"), events);
  }

  private static String erasures(String slug) {
    return "/organizations/" + slug + "/erasures";
  }

  private static JsonObject stats(String dashboard) {
    Http.Res res = http().get(STATS, "Authorization", "Bearer " + dashboard);
    assertEquals(200, res.status(), res.body());
    return Json.createReader(new java.io.StringReader(res.body())).readObject();
  }

  private static List<Long> identities(Person p) {
    return db()
        .rows("SELECT id FROM lti_activity_users WHERE lms_user_id = ? ORDER BY id", p.userId())
        .stream()
        .map(r -> ((Number) r.get(0)).longValue())
        .toList();
  }

  private static long idIn(List<Long> ids, long activityId) {
    for (long id : ids) {
      if (db().count("SELECT activity_id FROM lti_activity_users WHERE id = ?", id) == activityId) {
        return id;
      }
    }
    throw new AssertionError("no identity in activity " + activityId);
  }

  /** Rows of every table with an activity user column, for one identity. */
  private static long rowsKeyedBy(long activityUserId) {
    long n =
        db().count(
                "SELECT (SELECT COUNT(*) FROM lti_activity_users WHERE id = ?)"
                    + " + (SELECT COUNT(*) FROM conversations WHERE activity_user_id = ?)"
                    + " + (SELECT COUNT(*) FROM chat_messages m JOIN conversations c ON c.id ="
                    + " m.conversation_id WHERE c.activity_user_id = ?)"
                    + " + (SELECT COUNT(*) FROM page_tokens WHERE activity_user_id = ?)",
                activityUserId,
                activityUserId,
                activityUserId,
                activityUserId);
    if (hasChatFigures()) {
      n +=
          db().count(
                  "SELECT COUNT(*) FROM chat_figures WHERE activity_user_id = ?", activityUserId);
    }
    return n;
  }

  /** Every row of a person's, as one string to compare before and after. */
  private static String rowsOf(Person p) {
    return identities(p).stream()
        .map(
            id ->
                id
                    + ":"
                    + rowsKeyedBy(id)
                    + ":"
                    + db().string(
                            "SELECT COALESCE(consent_notice_version, '-') FROM lti_activity_users"
                                + " WHERE id = ?",
                            id))
        .collect(Collectors.joining(","));
  }

  private static String audits(Fixture f) {
    return db().string(
            "SELECT COALESCE(STRING_AGG(action || ':' || COALESCE(detail, ''), ' / '), '') FROM"
                + " admin_audit WHERE organization_id = ?",
            f.org());
  }

  /** The kept messages figure of an activity (PostgreSQL), or -1 where figures are counted. */
  private static long figures(long activityId) {
    if (!hasChatFigures()) {
      return -1;
    }
    return db().count(
            "SELECT COALESCE(SUM(messages), 0) FROM chat_figures WHERE activity_id = ?",
            activityId);
  }

  private static boolean hasChatFigures() {
    return db().count(
                "SELECT COUNT(*) FROM information_schema.tables WHERE LOWER(table_name) ="
                    + " 'chat_figures'")
        > 0;
  }

  private static void assertNoIdentifierOf(Person p, String text) {
    for (String id : new String[] {p.userId(), p.username(), p.email(), p.name()}) {
      assertFalse(text.contains(id), id + " in " + text);
    }
  }
}
