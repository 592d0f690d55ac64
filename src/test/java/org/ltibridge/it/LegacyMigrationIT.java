package org.ltibridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ltibridge.it.AdminApi.array;
import static org.ltibridge.it.AdminApi.object;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ltibridge.it.Lms.Person;
import org.ltibridge.testsupport.Rfc5849Signer;

/**
 * A legacy link's life in an organisation of its own: an assistant published by its creator is
 * reached by LAMB-style links signed with the instance-wide {@code LTI_SECRET}; unpublishing it
 * stops its links with a clear page and republishing brings them back; its placements are listed to
 * its creator and migrated in place into Unified activities (dry run first), after which the same
 * LMS link gives instructors the dashboard and students their old conversations, without a new
 * consent. Who may list and migrate is the assistant's author rule; a refusal writes nothing.
 */
class LegacyMigrationIT extends ItBase {

  static final String ASSISTANTS = "/api/v1/creator/assistants";

  String slug;
  String creatorEmail;
  String creator;
  String colleagueEmail;
  String colleague;
  long assistantId;
  String consumerKey;

  /** A creator's published assistant in a fresh organisation, and a colleague. */
  @BeforeEach
  void organisationWithAPublishedAssistant() {
    String sys = AdminApi.token(AdminConsoleIT.ADMIN, AdminConsoleIT.ADMIN_PASSWORD);
    slug = AdminApi.unique("it-legacy");
    AdminApiIT.createOrganization(sys, slug);
    creatorEmail =
        AdminApiIT.createPerson(sys, slug, "creators", AdminApi.unique("maker") + "@g.example.edu")
            .getString("email");
    creator = AdminApi.token(creatorEmail, AdminApi.activate(creatorEmail));
    colleagueEmail =
        AdminApiIT.createPerson(sys, slug, "creators", AdminApi.unique("peer") + "@g.example.edu")
            .getString("email");
    colleague = AdminApi.token(colleagueEmail, AdminApi.activate(colleagueEmail));
    Http.Res created =
        creatorApi(
            "POST",
            ASSISTANTS,
            creator,
            "{\"name\": \"" + AdminApi.unique("Tutor") + "\", \"model\": \"m-1\"}");
    assertEquals(201, created.status(), created.body());
    assistantId = object(created).getJsonNumber("id").longValue();
    Http.Res published = publish(true);
    assertEquals(200, published.status(), published.body());
    consumerKey = object(published).getString("oauth_consumer_name");
  }

  static Http.Res creatorApi(String method, String path, String token, String json) {
    return new Http(base())
        .send(
            method,
            path,
            json == null ? null : "application/json",
            json == null ? "" : json,
            "Authorization",
            "Bearer " + token);
  }

  Http.Res publish(boolean on) {
    return creatorApi(
        "PUT",
        ASSISTANTS + "/" + assistantId + "/publish",
        creator,
        "{\"publish_status\": " + on + "}");
  }

  /** One LMS (one {@code tool_consumer_instance_guid}) per test. */
  Lms lms;

  Lms link() {
    if (lms == null) {
      lms = new Lms(base(), consumerKey, LegacyLinkIT.LTI_SECRET);
    }
    return lms;
  }

  /**
   * An instructor who launches the link with the creator account that authored its assistant finds,
   * in the chat, a way to its placements: the creator interface in the same frame, signed in by a
   * new creator session. A colleague, an instructor without a creator account and a student chat
   * without it, and posting their own chat token there is refused with nothing written.
   */
  @Test
  void theAuthorIsOfferedThePlacementsFromTheChatAndNobodyElse() {
    Lms lms = new Lms(base(), consumerKey, LegacyLinkIT.LTI_SECRET);
    String placement = Lms.newPlacement();
    Map<String, String> tokens = new java.util.LinkedHashMap<>();
    for (Person p :
        java.util.List.of(
            Person.instructor(colleagueEmail),
            Person.instructor(AdminApi.unique("guest") + "@elsewhere.example.edu"),
            Person.student(),
            Person.instructor(creatorEmail))) {
      Http.Res launch = lms.launchLegacy(p, placement);
      assertEquals(303, launch.status(), launch.body());
      Http.Res page = http().follow(launch, "Accept", "text/html");
      assertEquals(200, page.status(), page.body());
      tokens.put(p.email(), launch.locationToken());
      boolean offered = page.body().contains("id=\"manage\"");
      assertEquals(p.email().equals(creatorEmail), offered, p.email() + ": " + page.body());
    }
    long sessions = db().count("SELECT COUNT(*) FROM creator_sessions");
    for (String email : tokens.keySet()) {
      if (email.equals(creatorEmail)) {
        continue;
      }
      Http.Res refused = manage(tokens.get(email));
      assertEquals(403, refused.status(), email + ": " + refused.body());
      assertTrue(refused.body().contains("Only the assistant's creator"), refused.body());
    }
    assertEquals(sessions, db().count("SELECT COUNT(*) FROM creator_sessions"), "nothing written");
    assertEquals(401, manage("not-a-chat-token").status());

    Http.Res opened = manage(tokens.get(creatorEmail));
    assertEquals(200, opened.status(), opened.body());
    assertTrue(opened.body().contains("id=\"legacy-placements\""), opened.body());
    assertTrue(opened.body().contains("Physics 101"), "this placement is listed");
    assertTrue(opened.body().contains("name=\"creator_session\""), "signed in in the frame");
    assertEquals(sessions + 1, db().count("SELECT COUNT(*) FROM creator_sessions"));
    assertFalse(opened.header("Location").isPresent());
  }

  static Http.Res manage(String chatToken) {
    return new Http(base())
        .postForm(
            "/lamb/v1/lti/chat/manage",
            "token="
                + java.net.URLEncoder.encode(chatToken, java.nio.charset.StandardCharsets.UTF_8),
            "Accept",
            "text/html");
  }

  /**
   * A deleted assistant (one that was never launched: one with placements cannot be deleted) leaves
   * its key unknown: a launch with it is answered like an unknown key, 401, and writes nothing.
   */
  @Test
  void aDeletedAssistantsKeyIsRefusedLikeAnUnknownKeyAndWritesNothing() {
    assertEquals(
        204,
        creatorApi("DELETE", ASSISTANTS + "/" + assistantId, creator, null).status(),
        "deleted");
    String placement = Lms.newPlacement();
    long activities = db().count("SELECT COUNT(*) FROM lti_activities");
    Http.Res launch =
        new Lms(base(), consumerKey, LegacyLinkIT.LTI_SECRET)
            .launchLegacy(Person.student(), placement);
    assertEquals(401, launch.status(), launch.body());
    assertTrue(launch.body().contains("signature does not match"), launch.body());
    assertEquals(activities, db().count("SELECT COUNT(*) FROM lti_activities"));
  }

  @Test
  void unpublishingStopsTheLinkWithAClearPageAndRepublishingBringsItBack() {
    String placement = Lms.newPlacement();
    Person student = Person.student();
    assertEquals(303, link().launchLegacy(student, placement).status());

    assertEquals(200, publish(false).status());
    Http.Res stopped = link().launchLegacy(student, placement);
    assertEquals(403, stopped.status(), stopped.body());
    assertTrue(stopped.body().contains("no longer available"), stopped.body());
    Http.Res newcomer = link().launchLegacy(Person.student(), placement);
    assertEquals(403, newcomer.status());
    String elsewhere = Lms.newPlacement();
    assertEquals(403, link().launchLegacy(student, elsewhere).status());
    assertEquals(
        0, db().count("SELECT COUNT(*) FROM lti_activities WHERE resource_link_id = ?", elsewhere));
    assertEquals(
        1,
        db().count(
                "SELECT COUNT(*) FROM lti_activity_users u JOIN lti_activities a ON a.id ="
                    + " u.activity_id WHERE a.resource_link_id = ?",
                placement),
        "a refused launch writes no identity");

    assertEquals(200, publish(true).status());
    Http.Res back = link().launchLegacy(student, placement);
    assertEquals(303, back.status(), back.body());
    assertEquals(
        consumerKey,
        object(creatorApi("GET", ASSISTANTS + "/" + assistantId, creator, null))
            .getString("oauth_consumer_name"),
        "republished under the same key");
  }

  @Test
  void aDisabledOrganisationsLinksAreRefusedWithAPageAndWriteNothing() {
    String placement = Lms.newPlacement();
    Person student = Person.student();
    assertEquals(303, link().launchLegacy(student, placement).status());
    String sys = AdminApi.token(AdminConsoleIT.ADMIN, AdminConsoleIT.ADMIN_PASSWORD);
    assertEquals(
        200,
        AdminApi.call("PATCH", "/organizations/" + slug, sys, "{\"enabled\": false}").status());
    try {
      Http.Res returning = link().launchLegacy(student, placement);
      assertEquals(403, returning.status(), returning.body());
      assertTrue(returning.body().contains("organisation has been disabled"), returning.body());
      String elsewhere = Lms.newPlacement();
      Http.Res first = link().launchLegacy(Person.student(), elsewhere);
      assertEquals(403, first.status());
      assertEquals(
          0,
          db().count("SELECT COUNT(*) FROM lti_activities WHERE resource_link_id = ?", elsewhere));
      assertEquals(
          1,
          db().count(
                  "SELECT COUNT(*) FROM lti_activity_users u JOIN lti_activities a ON a.id ="
                      + " u.activity_id WHERE a.resource_link_id = ?",
                  placement));
    } finally {
      AdminApi.call("PATCH", "/organizations/" + slug, sys, "{\"enabled\": true}");
    }
    assertEquals(303, link().launchLegacy(student, placement).status());
  }

  @Test
  void allOfAnAssistantsPlacementsAreMigratedAtOnce() {
    String course1 = Lms.newPlacement();
    String course2 = Lms.newPlacement();
    assertEquals(303, link().launchLegacy(Person.student(), course1).status());
    assertEquals(303, link().launchLegacy(Person.student(), course2).status());
    String migrate = ASSISTANTS + "/" + assistantId + "/placements/migrate";
    Http.Res all = creatorApi("POST", migrate, creator, "{\"owner\": \"me\"}");
    assertEquals(200, all.status(), all.body());
    assertEquals(2, object(all).getJsonArray("changes").size());
    assertEquals("UNIFIED", kind(course1));
    assertEquals("UNIFIED", kind(course2));
    assertEquals(
        0, object(creatorApi("POST", migrate, creator, "{}")).getJsonArray("changes").size());
  }

  /**
   * The secret is the assistant's own, else the organisation's Student LTI secret, else the
   * instance's {@code LTI_SECRET}: each source signs launches while it applies, and only then.
   */
  @Test
  void eachOfTheThreeSecretSourcesSignsWhileItApplies() {
    String placement = Lms.newPlacement();
    Person student = Person.student();
    String sys = AdminApi.token(AdminConsoleIT.ADMIN, AdminConsoleIT.ADMIN_PASSWORD);
    assertEquals(303, signedWith(LegacyLinkIT.LTI_SECRET, student, placement), "the instance's");

    Http.Res org = AdminApi.call("PUT", "/organizations/" + slug + "/student-lti", sys, null);
    assertEquals(200, org.status(), org.body());
    String orgSecret = object(org).getString("oauth_consumer_secret");
    assertEquals(303, signedWith(orgSecret, student, placement), "the organisation's");
    assertEquals(401, signedWith(LegacyLinkIT.LTI_SECRET, student, placement));

    Http.Res own = creatorApi("PUT", ASSISTANTS + "/" + assistantId + "/lti-secret", creator, null);
    assertEquals(200, own.status(), own.body());
    String ownSecret = object(own).getString("oauth_consumer_secret");
    assertEquals(303, signedWith(ownSecret, student, placement), "the assistant's own");
    assertEquals(401, signedWith(orgSecret, student, placement));

    assertEquals(
        204,
        creatorApi("DELETE", ASSISTANTS + "/" + assistantId + "/lti-secret", creator, null)
            .status());
    assertEquals(401, signedWith(ownSecret, student, placement));
    assertEquals(303, signedWith(orgSecret, student, placement), "the organisation's again");
    assertEquals(
        204,
        AdminApi.call("DELETE", "/organizations/" + slug + "/student-lti", sys, null).status());
    assertEquals(303, signedWith(LegacyLinkIT.LTI_SECRET, student, placement));
  }

  private int signedWith(String secret, Person who, String placement) {
    Map<String, String> signed =
        link()
            .signedFor(
                Lms.LEGACY,
                link().params(who, placement),
                consumerKey,
                secret,
                Rfc5849Signer.Method.HMAC_SHA256);
    return http().postForm(Lms.LEGACY, Lms.body(signed), "Accept", "text/html").status();
  }

  @Test
  void placementsAreMigratedInPlaceAfterADryRun() {
    String placement = Lms.newPlacement();
    Person student = Person.student();
    Http.Res first = link().launchLegacy(student, placement);
    assertEquals(303, first.status());
    long placementId =
        db().count("SELECT id FROM lti_activities WHERE resource_link_id = ?", placement);
    long studentRow =
        db().count(
                "SELECT u.id FROM lti_activity_users u WHERE u.activity_id = ?"
                    + " AND u.lms_user_id = ?",
                placementId,
                student.userId());
    db().update(
            "INSERT INTO conversations (activity_id, activity_user_id, assistant_id, title,"
                + " created_at, updated_at) VALUES (?, ?, ?, 'Kinematics question',"
                + " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
            placementId,
            studentRow,
            assistantId);
    // The colleague teaches the course: an instructor with a creator account of the organisation.
    Person teacher =
        new Person("t-" + AdminApi.unique("x"), "Tess Teacher", colleagueEmail, null, "Instructor");
    Http.Res taught = link().launchLegacy(teacher, placement);
    assertEquals(303, taught.status());
    assertTrue(taught.location().contains("/lamb/v1/lti/chat?token="), "no dashboard yet");

    JsonArray listed =
        array(creatorApi("GET", ASSISTANTS + "/" + assistantId + "/placements", creator, null));
    assertEquals(1, listed.size());
    JsonObject p = listed.getJsonObject(0);
    assertEquals("LEGACY", p.getString("kind"));
    assertEquals(placement, p.getString("resource_link_id"));
    assertEquals("Physics 101", p.getString("context_title"));
    assertEquals(1, p.getInt("students"));
    assertEquals(1, p.getInt("conversations"));

    String migrate = ASSISTANTS + "/" + assistantId + "/placements/migrate";
    Http.Res dry = creatorApi("POST", migrate, creator, "{\"dry_run\": true}");
    assertEquals(200, dry.status(), dry.body());
    assertTrue(object(dry).getBoolean("dry_run"));
    assertEquals(
        colleagueEmail,
        object(dry).getJsonArray("changes").getJsonObject(0).getString("new_owner"));
    assertEquals("LEGACY", kind(placement), "a dry run writes nothing");

    // Not the author: refused, nothing written.
    assertEquals(403, creatorApi("POST", migrate, colleague, "{}").status());
    assertEquals(
        403,
        creatorApi("GET", ASSISTANTS + "/" + assistantId + "/placements", colleague, null)
            .status());
    assertEquals(400, creatorApi("POST", migrate, creator, "{\"owner\": \"nobody\"}").status());
    assertEquals(
        404, creatorApi("POST", migrate, creator, "{\"placements\": [999999999]}").status());
    assertEquals("LEGACY", kind(placement));

    Http.Res done =
        creatorApi(
            "POST",
            migrate,
            creator,
            "{\"placements\": [" + placementId + "], \"owner\": \"first_instructor\"}");
    assertEquals(200, done.status(), done.body());
    assertFalse(object(done).getBoolean("dry_run"));
    assertEquals("UNIFIED", kind(placement));
    assertEquals(
        colleagueEmail,
        db().string("SELECT owner_email FROM lti_activities WHERE id = ?", placementId));

    // The same LMS link, unchanged: the instructor gets the dashboard ...
    Http.Res dashboard = link().launchLegacy(teacher, placement);
    assertEquals(303, dashboard.status(), dashboard.body());
    assertTrue(
        dashboard.location().contains("/lamb/v1/lti/dashboard?token="), dashboard.location());
    // ... and the student their chat with their conversation, without a consent page.
    Http.Res back = link().launchLegacy(student, placement);
    assertEquals(303, back.status(), back.body());
    assertTrue(back.location().contains("/lamb/v1/lti/chat?token="), back.location());
    Http.Res chat = http().follow(back, "Accept", "text/html");
    assertTrue(chat.body().contains("Kinematics question"), "the conversation is kept");
    assertEquals(
        studentRow,
        db().count(
                "SELECT u.id FROM lti_activity_users u WHERE u.activity_id = ?"
                    + " AND u.lms_user_id = ?",
                placementId,
                student.userId()),
        "the same identity");

    // Nothing is left to migrate.
    Http.Res again = creatorApi("POST", migrate, creator, "{}");
    assertEquals(0, object(again).getJsonArray("changes").size());
  }

  static String kind(String resourceLinkId) {
    return db().string(
            "SELECT kind FROM lti_activities WHERE resource_link_id = ?", resourceLinkId);
  }
}
