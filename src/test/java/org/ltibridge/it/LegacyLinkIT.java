package org.ltibridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.ltibridge.it.Lms.Person;
import org.ltibridge.testsupport.Rfc5849Signer;

/**
 * LAMB's legacy Student LTI links ({@code POST /lamb/v1/lti_users/lti}), signed by the independent
 * RFC 5849 signer of the test sources: the demo's assistants keep their LAMB consumer keys ({@code
 * Physics Tutor}, {@code Essay Coach}) and the instance-wide {@code LTI_SECRET} of a LAMB
 * deployment signs them. A student lands in the chat of that one assistant under LAMB's
 * per-assistant identity; every refusal writes nothing.
 */
class LegacyLinkIT extends ItBase {

  static final String LTI_SECRET = "it-lamb-instance-secret";
  static final String PHYSICS = "Physics Tutor";
  static final String ESSAYS = "Essay Coach";

  static Lms legacy(String key) {
    return new Lms(base(), key, LTI_SECRET);
  }

  static long placements(String resourceLinkId) {
    return db().count(
            "SELECT COUNT(*) FROM lti_activities WHERE resource_link_id = ?", resourceLinkId);
  }

  static String identity(String resourceLinkId, String lmsUserId) {
    return db().string(
            "SELECT u.user_email FROM lti_activity_users u JOIN lti_activities a"
                + " ON a.id = u.activity_id WHERE a.resource_link_id = ? AND u.lms_user_id = ?",
            resourceLinkId,
            lmsUserId);
  }

  @Test
  void aStudentLandsInTheChatOfThatOneAssistantAndReturns() {
    Lms lms = legacy(PHYSICS);
    String placement = Lms.newPlacement();
    Person student = Person.student();

    Http.Res first = lms.launchLegacy(student, placement);
    assertEquals(303, first.status(), first.body());
    assertTrue(first.location().contains("/lamb/v1/lti/chat?token="), first.location());
    assertEquals(
        "LEGACY|Physics Tutor|Physics 101",
        db().string(
                "SELECT kind || '|' || consumer_key || '|' || context_title FROM lti_activities"
                    + " WHERE resource_link_id = ?",
                placement));
    assertEquals(
        student.username() + "-physics-tutor@lamb-project.org",
        identity(placement, student.userId()));

    Http.Res page = http().follow(first, "Accept", "text/html");
    assertEquals(200, page.status(), page.body());
    assertTrue(page.body().contains(PHYSICS), "the link's assistant is offered");
    assertFalse(page.body().contains(ESSAYS), "no other assistant is offered");

    Http.Res again = lms.launchLegacy(student, placement);
    assertEquals(303, again.status(), again.body());
    assertTrue(again.location().contains("/lamb/v1/lti/chat?token="));
    assertEquals(1, placements(placement));
    assertEquals(
        2,
        db().count(
                "SELECT u.access_count FROM lti_activity_users u JOIN lti_activities a"
                    + " ON a.id = u.activity_id WHERE a.resource_link_id = ?",
                placement));
  }

  @Test
  void oneIdentityPerAssistantTheSameInEveryCourse() {
    Person student = Person.student();
    String course1 = Lms.newPlacement();
    String course2 = Lms.newPlacement();
    String essays = Lms.newPlacement();
    assertEquals(303, legacy(PHYSICS).launchLegacy(student, course1).status());
    assertEquals(303, legacy(PHYSICS).launchLegacy(student, course2).status());
    assertEquals(303, legacy(ESSAYS).launchLegacy(student, essays).status());
    assertEquals(identity(course1, student.userId()), identity(course2, student.userId()));
    assertNotEquals(identity(course1, student.userId()), identity(essays, student.userId()));
  }

  /**
   * One identity, but each course's placement keeps its own conversations: a placement may become a
   * Unified activity whose instructors read its transcripts, and they must see only their course's
   * (docs/moving-from-lamb.md).
   */
  @Test
  void conversationsStayInTheCourseTheyWereStartedIn() throws Exception {
    Lms lms = legacy(PHYSICS);
    Person student = Person.student();
    String course1 = Lms.newPlacement();
    String course2 = Lms.newPlacement();
    String token = lms.launchLegacy(student, course1).locationToken();
    String page1 = http().get("/lamb/v1/lti/chat?token=" + token, "Accept", "text/html").body();
    String assistant = page1.replaceAll("(?s).*<option value=\"(\\d+)\".*", "$1");
    String title = "Forces " + Lms.newPlacement().substring(3, 11);
    List<String> events =
        ChatIT.send(token, "{\"assistantId\": " + assistant + ", \"content\": \"" + title + "\"}");
    assertTrue(events.get(0).startsWith("conversation"), events.toString());

    Http.Res again1 = http().follow(lms.launchLegacy(student, course1));
    assertTrue(again1.body().contains(title), "listed where it was started");
    Http.Res in2 = http().follow(lms.launchLegacy(student, course2));
    assertEquals(200, in2.status(), in2.body());
    assertFalse(in2.body().contains(title), "not listed in the other course");
    assertEquals(identity(course1, student.userId()), identity(course2, student.userId()));
  }

  @Test
  void anInstructorLandsInTheSameChat() {
    String placement = Lms.newPlacement();
    Person instructor = Person.instructor("legacy-teacher@example.edu");
    Http.Res launch = legacy(PHYSICS).launchLegacy(instructor, placement);
    assertEquals(303, launch.status(), launch.body());
    assertTrue(launch.location().contains("/lamb/v1/lti/chat?token="), launch.location());
    assertEquals(
        "INSTRUCTOR",
        db().string(
                "SELECT u.role FROM lti_activity_users u JOIN lti_activities a"
                    + " ON a.id = u.activity_id WHERE a.resource_link_id = ?",
                placement));
  }

  @Test
  void badLaunchesAreRefusedClearlyAndWriteNothing() {
    Person student = Person.student();
    String placement = Lms.newPlacement();
    Lms lms = legacy(PHYSICS);
    Map<String, String> params = lms.params(student, placement);

    Http.Res wrongSecret =
        post(
            lms.signedFor(
                Lms.LEGACY, params, PHYSICS, "not-the-secret", Rfc5849Signer.Method.HMAC_SHA1));
    assertEquals(401, wrongSecret.status());
    assertTrue(wrongSecret.body().contains("signature does not match"), wrongSecret.body());

    Http.Res unknownKey =
        post(
            lms.signedFor(
                Lms.LEGACY, params, "No Such Tutor", LTI_SECRET, Rfc5849Signer.Method.HMAC_SHA1));
    assertEquals(401, unknownKey.status());
    assertEquals(problemDetail(wrongSecret), problemDetail(unknownKey), "keys cannot be probed");

    Map<String, String> stale = lms.params(student, placement);
    stale.put("oauth_timestamp", Long.toString(Instant.now().minusSeconds(3600).getEpochSecond()));
    Http.Res old =
        post(
            lms.signedFor(
                Lms.LEGACY, stale, PHYSICS, LTI_SECRET, Rfc5849Signer.Method.HMAC_SHA256));
    assertEquals(401, old.status());

    Map<String, String> anonymous = lms.params(student, placement);
    anonymous.remove("user_id");
    Http.Res noUser =
        post(
            lms.signedFor(
                Lms.LEGACY, anonymous, PHYSICS, LTI_SECRET, Rfc5849Signer.Method.HMAC_SHA1));
    assertEquals(400, noUser.status());

    assertEquals(0, placements(placement), "a refused launch records no placement");

    Map<String, String> signed =
        lms.signedFor(Lms.LEGACY, params, PHYSICS, LTI_SECRET, Rfc5849Signer.Method.HMAC_SHA1);
    assertEquals(303, post(signed).status());
    Http.Res replay = post(signed);
    assertEquals(401, replay.status());
    assertTrue(replay.body().contains("already used"), replay.body());
    assertEquals(1, placements(placement));
  }

  @Test
  void racingFirstLaunchesOfOneStudentMakeOnePlacementAndOneIdentity() throws Exception {
    Lms lms = legacy(ESSAYS);
    String placement = Lms.newPlacement();
    Person student = Person.student();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Integer>> launches = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        launches.add(() -> lms.launchLegacy(student, placement).status());
      }
      for (Future<Integer> f : pool.invokeAll(launches)) {
        assertEquals(303, f.get());
      }
    } finally {
      pool.shutdown();
    }
    assertEquals(1, placements(placement));
    assertEquals(
        1,
        db().count(
                "SELECT COUNT(*) FROM lti_activity_users u JOIN lti_activities a"
                    + " ON a.id = u.activity_id WHERE a.resource_link_id = ?",
                placement));
  }

  private static Http.Res post(Map<String, String> signed) {
    return http().postForm(Lms.LEGACY, Lms.body(signed), "Accept", "application/json");
  }

  private static String problemDetail(Http.Res res) {
    return jakarta.json.Json.createReader(new java.io.StringReader(res.body()))
        .readObject()
        .getString("message");
  }
}
