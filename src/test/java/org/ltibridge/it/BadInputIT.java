package org.ltibridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.ltibridge.it.Lms.Person;
import org.ltibridge.testsupport.Rfc5849Signer;

/**
 * Bad input gets the right status, a message a person understands, and writes nothing: no nonce, no
 * activity, no identity, no token.
 */
class BadInputIT extends ItBase {

  long rows() {
    return db().count(
            "SELECT (SELECT COUNT(*) FROM oauth_nonces) + (SELECT COUNT(*) FROM lti_activities)"
                + " + (SELECT COUNT(*) FROM lti_activity_users) + (SELECT COUNT(*) FROM page_tokens)");
  }

  Http.Res post(Map<String, String> signed) {
    return http().postForm(Lms.UNIFIED, Lms.body(signed), "Accept", "text/html");
  }

  void refused(Http.Res res, int status, String message, long rowsBefore) {
    assertEquals(status, res.status(), res.body());
    assertTrue(res.body().contains(message), res.body());
    assertTrue(res.header("Content-Type").orElse("").startsWith("text/html"), "a readable page");
    assertEquals(rowsBefore, rows(), "nothing written");
  }

  @Test
  void wrongSignature() {
    Lms lms = lms();
    long before = rows();
    Map<String, String> signed =
        lms.signed(
            lms.params(Person.student(), Lms.newPlacement()),
            KEY,
            "wrong-secret",
            Rfc5849Signer.Method.HMAC_SHA1);
    refused(post(signed), 401, "signature does not match", before);
  }

  @Test
  void unknownKey() {
    Lms lms = lms();
    long before = rows();
    Map<String, String> signed =
        lms.signed(
            lms.params(Person.student(), Lms.newPlacement()),
            "who-knows",
            SECRET,
            Rfc5849Signer.Method.HMAC_SHA1);
    refused(post(signed), 401, "not registered", before);
  }

  @Test
  void staleTimestamp() {
    Lms lms = lms();
    Map<String, String> params = lms.params(Person.student(), Lms.newPlacement());
    params.put("oauth_timestamp", Long.toString(Instant.now().getEpochSecond() - 3600));
    long before = rows();
    refused(post(lms.signed(params)), 401, "too old", before);
  }

  @Test
  void replayedNonceIsRefusedWithoutBreakingTheFirstLaunch() {
    Lms lms = lms();
    String placement = Lms.newPlacement();
    Map<String, String> signed = lms.signed(lms.params(Person.student(), placement));
    Http.Res first = post(signed);
    assertEquals(200, first.status(), "the first launch works (waiting page)");
    long before = rows();
    refused(post(signed), 401, "already used", before);
  }

  @Test
  void replayedLaunchOfAReturningStudentIsRefusedToo() {
    // The second launch is a returning student's, answered in one write (ReturningLaunches);
    // its replay must be refused exactly like any other.
    Lms lms = lms();
    String placement = Lms.newPlacement();
    Activities.configure(lms, placement, false);
    Person student = Person.student();
    assertEquals(303, lms.launch(student, placement).status(), "first visit");
    Map<String, String> signed = lms.signed(lms.params(student, placement));
    Http.Res second = post(signed);
    assertEquals(303, second.status(), second.body());
    assertTrue(second.location().startsWith("/lamb/v1/lti/chat?token="), second.location());
    long before = rows();
    refused(post(signed), 401, "already used", before);
    assertEquals(
        2,
        db().count(
                "SELECT access_count FROM lti_activity_users WHERE user_email = ?",
                student.username() + "_" + placement + "@lamb-lti.local"),
        "the replay is not counted as a visit");
  }

  @Test
  void missingResourceLinkId() {
    Lms lms = lms();
    Map<String, String> params = lms.params(Person.student(), Lms.newPlacement());
    params.remove("resource_link_id");
    long before = rows();
    refused(post(lms.signed(params)), 400, "resource_link_id", before);
  }

  @Test
  void unsignedRequestGetsJsonForApiClients() {
    long before = rows();
    Http.Res res =
        http().postForm(Lms.UNIFIED, "user_id=1&resource_link_id=2", "Accept", "application/json");
    assertEquals(400, res.status());
    assertTrue(res.body().contains("\"message\""), res.body());
    assertEquals(before, rows());
  }

  @Test
  void unknownAndExpiredAndReusedTokens() {
    long before = rows();
    refused(
        http().get("/lamb/v1/lti/setup?token=nonsense", "Accept", "text/html"),
        401,
        "not valid",
        before);

    Lms lms = lms();
    Http.Res launch =
        lms.launch(Person.instructor(UnifiedLaunchIT.DEMO_INSTRUCTOR), Lms.newPlacement());
    String token = launch.locationToken();
    db().update(
            "UPDATE page_tokens SET expires_at = ? WHERE token_hash = ?",
            java.sql.Timestamp.valueOf(
                java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).minusMinutes(1)),
            sha256(token));
    Http.Res expired = http().follow(launch, "Accept", "text/html");
    assertEquals(410, expired.status());
    assertTrue(expired.body().contains("expired"));
    long physics = db().demoAssistant("Physics Tutor");
    Http.Res configure =
        http()
            .postForm(
                "/lamb/v1/lti/configure",
                "token=" + token + "&assistant_ids=" + physics,
                "Accept",
                "text/html");
    assertEquals(410, configure.status());
  }

  @Test
  void configureWithAnAssistantOfNoOrganisationOfMineChangesNothing() {
    Lms lms = lms();
    String placement = Lms.newPlacement();
    Http.Res launch = lms.launch(Person.instructor(UnifiedLaunchIT.DEMO_INSTRUCTOR), placement);
    Http.Res res =
        http()
            .postForm(
                "/lamb/v1/lti/configure",
                "token=" + launch.locationToken() + "&assistant_ids=999999",
                "Accept",
                "application/json");
    assertEquals(400, res.status(), res.body());
    assertEquals(
        0, db().count("SELECT COUNT(*) FROM lti_activities WHERE resource_link_id = ?", placement));
    Http.Res none =
        http()
            .postForm(
                "/lamb/v1/lti/configure",
                "token=" + launch.locationToken(),
                "Accept",
                "application/json");
    assertEquals(400, none.status());
    assertTrue(none.body().contains("at least one assistant"));
    // The token is still good for a correct submission.
    long physics = db().demoAssistant("Physics Tutor");
    assertEquals(
        303,
        http()
            .postForm(
                "/lamb/v1/lti/configure",
                "token=" + launch.locationToken() + "&assistant_ids=" + physics)
            .status());
  }

  @Test
  void studentCannotCallInstructorEndpoints() {
    Lms lms = lms();
    String placement = Lms.newPlacement();
    Activities.configure(lms, placement, true);
    Http.Res consent = lms.launch(Person.student(), placement);
    String studentToken = consent.locationToken();
    for (String path : new String[] {"stats", "students", "chats"}) {
      Http.Res res =
          http().get("/lamb/v1/lti/dashboard/" + path, "Authorization", "Bearer " + studentToken);
      assertEquals(403, res.status(), path + ": " + res.body());
    }
    Http.Res reconfigure =
        http()
            .postForm(
                "/lamb/v1/lti/reconfigure",
                "token=" + studentToken + "&assistant_ids=1",
                "Accept",
                "application/json");
    assertEquals(403, reconfigure.status());
    long usersBefore = db().rowsOf("lti_activity_users", placement);
    Http.Res enterChat =
        http()
            .postForm(
                "/lamb/v1/lti/enter-chat", "token=" + studentToken, "Accept", "application/json");
    assertEquals(403, enterChat.status(), "a student cannot open the instructors' chat entry");
    assertEquals(usersBefore, db().rowsOf("lti_activity_users", placement), "nothing written");
    assertEquals(401, http().get("/lamb/v1/lti/chat?token=").status(), "chat page needs a token");
    assertEquals(401, http().get("/lamb/v1/lti/dashboard/stats").status(), "no token at all");
    assertEquals(
        401,
        http()
            .get("/lamb/v1/lti/dashboard/stats", "Authorization", "Bearer " + UUID.randomUUID())
            .status());
  }

  static String sha256(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
