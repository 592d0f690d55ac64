package org.ltibridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ltibridge.it.PlatformIT.LINEITEM;
import static org.ltibridge.it.PlatformIT.SCORE;
import static org.ltibridge.it.PlatformIT.json;
import static org.ltibridge.it.PlatformIT.score;
import static org.ltibridge.it.PlatformIT.tokenRequest;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Every bad input of the platform role gets the right status, a readable body, and writes nothing:
 * client assertions, scopes, service tokens, line items, scores, another tool's data, the launch
 * and the OIDC authentication request. Also paging with {@code Link: rel="next"}.
 */
class PlatformBadInputIT extends ItBase {

  static final String TOKEN_URL_PATH = "lti/token";
  static final String READONLY = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly";
  static final String SCORE_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/score";
  static final String NRPS =
      "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly";

  private static FakeTool toolA;
  private static FakeTool toolB;
  private static PlatformFixture a;
  private static PlatformFixture b;

  /** Tool A (all scopes) with an open course; tool B (read-only line items + score). */
  private static synchronized void setUp() {
    if (a != null) {
      return;
    }
    Browser admin = PlatformFixture.signedInAdmin();
    toolA = new FakeTool();
    toolB = new FakeTool();
    a = new PlatformFixture(admin, toolA).register(PlatformIT.ALL_SCOPES).course(false).place("");
    b =
        new PlatformFixture(admin, toolB)
            .register(READONLY + " " + SCORE_SCOPE)
            .course(false)
            .place("");
  }

  @AfterAll
  static void stop() {
    if (toolA != null) {
      toolA.close();
      toolB.close();
    }
  }

  /** A learner without a password (roster and scores only), enrolled in {@code f}'s course. */
  private static String enrolledLearner(PlatformFixture f) {
    String userId = "user-" + UUID.randomUUID();
    String email = userId + "@example.edu";
    db().update(
            "INSERT INTO learners (public_id, email, given_name, family_name, created_at) VALUES"
                + " (?, ?, 'Rita', 'Roster', CURRENT_TIMESTAMP)",
            userId,
            email);
    if (f != null) {
      db().update(
              "INSERT INTO enrolments (course_id, learner_id, role, status, progress, enrolled_at,"
                  + " updated_at) VALUES (?, (SELECT id FROM learners WHERE public_id = ?),"
                  + " 'http://purl.imsglobal.org/vocab/lis/v2/membership#Learner', 'ENROLLED', 0,"
                  + " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
              f.courseId,
              userId);
    }
    return userId;
  }

  private static long jtis(String jti) {
    return db().count("SELECT COUNT(*) FROM lti_assertion_jtis WHERE jti = ?", jti);
  }

  private static void assertOAuthError(Http.Res res, int status, String error) {
    assertEquals(status, res.status(), res.body());
    assertEquals(error, json(res.body()).getString("error"), res.body());
    assertFalse(json(res.body()).getString("error_description").isBlank());
    assertEquals("no-store", res.header("Cache-Control").orElse(""));
  }

  @Test
  void tokenEndpointRefusesBadAssertionsAndWritesNoJti() throws Exception {
    setUp();
    String tokenUrl = base() + TOKEN_URL_PATH;

    String jti = UUID.randomUUID().toString();
    RSAKey impostor = new RSAKeyGenerator(2048).keyID(toolA.key.getKeyID()).generate();
    assertOAuthError(
        tokenRequest(
            FakeTool.assertion(a.clientId, tokenUrl, jti, impostor, Instant.now(), 60),
            PlatformIT.ALL_SCOPES),
        401,
        "invalid_client");
    assertEquals(0, jtis(jti), "a bad signature records nothing");

    jti = UUID.randomUUID().toString();
    assertOAuthError(
        tokenRequest(toolA.assertion(a.clientId, base() + "lti/other", jti), SCORE_SCOPE),
        401,
        "invalid_client");
    assertEquals(0, jtis(jti), "wrong aud");

    jti = UUID.randomUUID().toString();
    assertOAuthError(
        tokenRequest(
            FakeTool.assertion(
                a.clientId, tokenUrl, jti, toolA.key, Instant.now().minusSeconds(600), 60),
            SCORE_SCOPE),
        401,
        "invalid_client");
    assertEquals(0, jtis(jti), "expired");

    jti = UUID.randomUUID().toString();
    assertOAuthError(
        tokenRequest(toolA.assertion("no-such-client-" + jti, tokenUrl, jti), SCORE_SCOPE),
        401,
        "invalid_client");

    jti = UUID.randomUUID().toString();
    assertOAuthError(
        tokenRequest(toolB.assertion(b.clientId, tokenUrl, jti), NRPS), 400, "invalid_scope");
    assertEquals(0, jtis(jti), "ungranted scope");

    // Tolerated: aud as an array, with a trailing slash; only the permitted subset is granted.
    jti = UUID.randomUUID().toString();
    Http.Res subset =
        tokenRequest(
            toolB.assertion(b.clientId, List.of("https://elsewhere.example", tokenUrl + "/"), jti),
            SCORE_SCOPE + " " + NRPS);
    assertEquals(200, subset.status(), subset.body());
    assertEquals(SCORE_SCOPE, json(subset.body()).getString("scope"));

    // Replayed jti: refused on the second use, one row.
    Http.Res replay = tokenRequest(toolB.assertion(b.clientId, tokenUrl, jti), SCORE_SCOPE);
    assertOAuthError(replay, 401, "invalid_client");
    assertEquals(1, jtis(jti));

    assertOAuthError(
        new Http(base())
            .postForm(
                TOKEN_URL_PATH, "grant_type=password&client_assertion_type=x&client_assertion=y"),
        400,
        "unsupported_grant_type");
    // RFC 6749 §5.2: the grant type is judged before the client assertion fields (issue #15).
    assertOAuthError(
        new Http(base()).postForm(TOKEN_URL_PATH, "grant_type=password&username=u&password=p"),
        400,
        "unsupported_grant_type");
    assertOAuthError(
        new Http(base()).postForm(TOKEN_URL_PATH, "client_assertion_type=x&client_assertion=y"),
        400,
        "invalid_request");
    assertOAuthError(
        new Http(base()).postForm(TOKEN_URL_PATH, "grant_type=client_credentials"),
        400,
        "invalid_request");
    assertOAuthError(tokenRequest("not-a-jwt", SCORE_SCOPE), 401, "invalid_client");
  }

  @Test
  void servicesRefuseMissingWrongAndForeignTokens() {
    setUp();
    String lineItems = base() + "api/v1/lti/ags/contexts/" + a.contextId + "/lineitems";
    Http.Res none = http().get(lineItems);
    assertEquals(401, none.status());
    assertTrue(none.header("WWW-Authenticate").orElse("").contains("invalid_token"));
    assertEquals(401, http().get(lineItems, "Authorization", "Bearer not.a.token").status());

    String readonly = PlatformIT.token(toolA, a.clientId, READONLY);
    Http.Res forbidden =
        http()
            .send(
                "POST",
                lineItems,
                LINEITEM,
                "{\"label\":\"x\",\"scoreMaximum\":1}",
                "Authorization",
                "Bearer " + readonly);
    assertEquals(403, forbidden.status(), forbidden.body());
    assertTrue(forbidden.header("WWW-Authenticate").orElse("").contains("insufficient_scope"));

    // Tool B may not see tool A's context, let alone write into it.
    String bToken = PlatformIT.token(toolB, b.clientId, READONLY + " " + SCORE_SCOPE);
    assertEquals(404, http().get(lineItems, "Authorization", "Bearer " + bToken).status());
    String memberships = base() + "api/v1/lti/nrps/contexts/" + a.contextId + "/memberships";
    assertEquals(403, http().get(memberships, "Authorization", "Bearer " + bToken).status());
  }

  @Test
  void lineItemsAndScoresAreValidatedAndNothingIsWritten() {
    setUp();
    String token = PlatformIT.token(toolA, a.clientId, PlatformIT.ALL_SCOPES);
    String lineItems = base() + "api/v1/lti/ags/contexts/" + a.contextId + "/lineitems";
    long itemsBefore =
        db().count("SELECT COUNT(*) FROM lti_line_items WHERE tool_id = ?", a.toolId);
    for (String bad :
        List.of(
            "{\"label\":\"x\"",
            "[1,2]",
            "{\"scoreMaximum\":10}",
            "{\"label\":\"x\",\"scoreMaximum\":0}",
            "{\"label\":\"x\",\"scoreMaximum\":\"ten\"}",
            "{\"label\":\"x\",\"scoreMaximum\":10,\"startDateTime\":\"yesterday\"}")) {
      Http.Res res =
          http().send("POST", lineItems, LINEITEM, bad, "Authorization", "Bearer " + token);
      assertEquals(400, res.status(), bad + " → " + res.body());
      assertFalse(json(res.body()).getString("message").isBlank());
    }
    assertEquals(
        415,
        http()
            .send("POST", lineItems, "text/plain", "{}", "Authorization", "Bearer " + token)
            .status());
    assertEquals(
        itemsBefore, db().count("SELECT COUNT(*) FROM lti_line_items WHERE tool_id = ?", a.toolId));

    Http.Res created =
        http()
            .send(
                "POST",
                lineItems,
                LINEITEM,
                "{\"label\":\"Quiz\",\"scoreMaximum\":10,\"tag\":\"quiz\"}",
                "Authorization",
                "Bearer " + token);
    assertEquals(201, created.status(), created.body());
    String item = json(created.body()).getString("id");
    long itemId = Long.parseLong(item.substring(item.lastIndexOf('/') + 1));
    String scores = item + "/scores";
    String learner = enrolledLearner(a);
    String outsider = enrolledLearner(null);

    for (String bad :
        List.of(
            "{not json",
            "{\"scoreGiven\":1,\"scoreMaximum\":10,\"activityProgress\":\"Completed\",\"gradingProgress\":\"FullyGraded\",\"timestamp\":\"2026-01-20T10:30:00Z\"}",
            "{\"userId\":\""
                + learner
                + "\",\"scoreGiven\":1,\"activityProgress\":\"Completed\",\"gradingProgress\":\"FullyGraded\",\"timestamp\":\"2026-01-20T10:30:00Z\"}",
            "{\"userId\":\""
                + learner
                + "\",\"scoreGiven\":-1,\"scoreMaximum\":10,\"activityProgress\":\"Completed\",\"gradingProgress\":\"FullyGraded\",\"timestamp\":\"2026-01-20T10:30:00Z\"}",
            "{\"userId\":\""
                + learner
                + "\",\"scoreGiven\":1e300,\"scoreMaximum\":10,\"activityProgress\":\"Completed\",\"gradingProgress\":\"FullyGraded\",\"timestamp\":\"2026-01-20T10:30:00Z\"}",
            "{\"userId\":\""
                + learner
                + "\",\"scoreGiven\":1,\"scoreMaximum\":10,\"activityProgress\":\"Done\",\"gradingProgress\":\"FullyGraded\",\"timestamp\":\"2026-01-20T10:30:00Z\"}",
            "{\"userId\":\""
                + learner
                + "\",\"scoreGiven\":1,\"scoreMaximum\":10,\"activityProgress\":\"Completed\",\"gradingProgress\":\"FullyGraded\"}")) {
      Http.Res res = http().send("POST", scores, SCORE, bad, "Authorization", "Bearer " + token);
      assertEquals(400, res.status(), bad + " → " + res.body());
    }
    Http.Res unknown =
        http()
            .send(
                "POST",
                scores,
                SCORE,
                score("user-" + UUID.randomUUID(), "5", "2026-01-20T10:30:00Z"),
                "Authorization",
                "Bearer " + token);
    assertEquals(422, unknown.status(), unknown.body());
    Http.Res notEnrolled =
        http()
            .send(
                "POST",
                scores,
                SCORE,
                score(outsider, "5", "2026-01-20T10:30:00Z"),
                "Authorization",
                "Bearer " + token);
    assertEquals(422, notEnrolled.status(), notEnrolled.body());
    assertEquals(0, db().count("SELECT COUNT(*) FROM lti_results WHERE line_item_id = ?", itemId));

    // Newer wins; an older one is refused; the very same again is harmless; same time, other score:
    // refused.
    assertEquals(
        200,
        http()
            .send(
                "POST",
                scores,
                SCORE,
                score(learner, "8", "2026-01-20T10:30:00Z"),
                "Authorization",
                "Bearer " + token)
            .status());
    String stored = result(itemId);
    String enrolment = enrolmentOf(learner);
    Http.Res older =
        http()
            .send(
                "POST",
                scores,
                SCORE,
                score(learner, "2", "2026-01-20T10:29:59Z"),
                "Authorization",
                "Bearer " + token);
    assertEquals(409, older.status(), older.body());
    assertEquals(stored, result(itemId));
    assertEquals(enrolment, enrolmentOf(learner));
    assertEquals(
        200,
        http()
            .send(
                "POST",
                scores,
                SCORE,
                score(learner, "8", "2026-01-20T10:30:00Z"),
                "Authorization",
                "Bearer " + token)
            .status());
    assertEquals(
        409,
        http()
            .send(
                "POST",
                scores,
                SCORE,
                score(learner, "3", "2026-01-20T10:30:00Z"),
                "Authorization",
                "Bearer " + token)
            .status());
    assertEquals(stored, result(itemId));
    assertTrue(stored.startsWith("8.0000|"), stored);
    assertTrue(enrolment.startsWith("8.00|100|FAILED|COMPLETED"), enrolment);

    // Another tool's token: its line item is "not found", whatever the method, and stays as it was.
    String bToken = PlatformIT.token(toolB, b.clientId, READONLY + " " + SCORE_SCOPE);
    assertEquals(404, http().get(item, "Authorization", "Bearer " + bToken).status());
    assertEquals(
        404,
        http()
            .send(
                "POST",
                scores,
                SCORE,
                score(learner, "10", "2026-02-20T10:30:00Z"),
                "Authorization",
                "Bearer " + bToken)
            .status());
    assertEquals(stored, result(itemId));
    String aWrite = PlatformIT.token(toolA, a.clientId, PlatformIT.ALL_SCOPES);
    assertEquals(
        404,
        http()
            .send(
                "DELETE",
                base() + "api/v1/lti/ags/lineitems/" + itemId + "0",
                null,
                null,
                "Authorization",
                "Bearer " + aWrite)
            .status());
    assertEquals(1, db().count("SELECT COUNT(*) FROM lti_line_items WHERE id = ?", itemId));

    // A deleted line item takes its results along and accepts no more scores.
    Http.Res put =
        http()
            .send(
                "PUT",
                item,
                LINEITEM,
                "{\"label\":\"Quiz (renamed)\",\"scoreMaximum\":10}",
                "Authorization",
                "Bearer " + aWrite);
    assertEquals(200, put.status(), put.body());
    assertEquals("Quiz (renamed)", json(put.body()).getString("label"));
    assertEquals(
        204, http().send("DELETE", item, null, null, "Authorization", "Bearer " + aWrite).status());
    assertEquals(404, http().get(item, "Authorization", "Bearer " + aWrite).status());
    assertEquals(
        404,
        http()
            .send(
                "POST",
                scores,
                SCORE,
                score(learner, "9", "2026-03-20T10:30:00Z"),
                "Authorization",
                "Bearer " + aWrite)
            .status());
    assertEquals(0, db().count("SELECT COUNT(*) FROM lti_results WHERE line_item_id = ?", itemId));
  }

  @Test
  void concurrentScoresForOneLearnerSettleOnTheLatest() throws Exception {
    setUp();
    String token = PlatformIT.token(toolA, a.clientId, PlatformIT.ALL_SCOPES);
    Http.Res created =
        http()
            .send(
                "POST",
                base() + "api/v1/lti/ags/contexts/" + a.contextId + "/lineitems",
                LINEITEM,
                "{\"label\":\"Race\",\"scoreMaximum\":100}",
                "Authorization",
                "Bearer " + token);
    String item = json(created.body()).getString("id");
    long itemId = Long.parseLong(item.substring(item.lastIndexOf('/') + 1));
    String learner = enrolledLearner(a);
    int n = 8;
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(n);
    try {
      List<java.util.concurrent.Future<Integer>> statuses = new java.util.ArrayList<>();
      for (int i = 0; i < n; i++) {
        String ts = "2026-04-01T10:00:0" + i + "Z";
        String given = String.valueOf(10 + i);
        statuses.add(
            pool.submit(
                () ->
                    http()
                        .send(
                            "POST",
                            item + "/scores",
                            SCORE,
                            score(learner, given, ts),
                            "Authorization",
                            "Bearer " + token)
                        .status()));
      }
      for (java.util.concurrent.Future<Integer> st : statuses) {
        int status = st.get();
        assertTrue(status == 200 || status == 409, "status " + status);
      }
    } finally {
      pool.shutdown();
    }
    assertEquals(1, db().count("SELECT COUNT(*) FROM lti_results WHERE line_item_id = ?", itemId));
    assertTrue(result(itemId).startsWith("17.0000|Completed|2026-04-01 10:00:07"), result(itemId));
    assertTrue(enrolmentOf(learner).startsWith("17.00|100|FAILED|COMPLETED"), enrolmentOf(learner));
  }

  @Test
  void pagesCarryLinkNextAndFiltersWork() {
    setUp();
    String token = PlatformIT.token(toolA, a.clientId, PlatformIT.ALL_SCOPES);
    String lineItems = base() + "api/v1/lti/ags/contexts/" + a.contextId + "/lineitems";
    String tag = "paging-" + UUID.randomUUID();
    for (int i = 0; i < 3; i++) {
      assertEquals(
          201,
          http()
              .send(
                  "POST",
                  lineItems,
                  LINEITEM,
                  "{\"label\":\"P"
                      + i
                      + "\",\"scoreMaximum\":5,\"tag\":\""
                      + tag
                      + "\",\"resourceId\":\"r"
                      + i
                      + "\"}",
                  "Authorization",
                  "Bearer " + token)
              .status());
    }
    Http.Res first =
        http().get(lineItems + "?tag=" + tag + "&limit=2", "Authorization", "Bearer " + token);
    assertEquals(200, first.status());
    assertEquals(
        "application/vnd.ims.lis.v2.lineitemcontainer+json",
        first.header("Content-Type").orElse(""));
    assertEquals(
        2,
        jakarta.json.Json.createReader(new java.io.StringReader(first.body())).readArray().size());
    String link = first.header("Link").orElseThrow();
    assertTrue(link.endsWith("; rel=\"next\""), link);
    String next = link.substring(1, link.indexOf('>'));
    Http.Res second = http().get(next, "Authorization", "Bearer " + token);
    assertEquals(
        1,
        jakarta.json.Json.createReader(new java.io.StringReader(second.body())).readArray().size(),
        second.body());
    assertTrue(second.header("Link").isEmpty());
    Http.Res byResource =
        http()
            .get(lineItems + "?tag=" + tag + "&resource_id=r1", "Authorization", "Bearer " + token);
    assertTrue(
        byResource.body().contains("\"P1\"") && !byResource.body().contains("\"P0\""),
        byResource.body());
    assertEquals(
        400, http().get(lineItems + "?limit=0", "Authorization", "Bearer " + token).status());

    String m1 = enrolledLearner(a);
    String m2 = enrolledLearner(a);
    String memberships = base() + "api/v1/lti/nrps/contexts/" + a.contextId + "/memberships";
    Http.Res page = http().get(memberships + "?limit=1", "Authorization", "Bearer " + token);
    assertEquals(200, page.status(), page.body());
    assertEquals(
        "application/vnd.ims.lti-nrps.v2.membershipcontainer+json",
        page.header("Content-Type").orElse(""));
    assertTrue(page.header("Link").orElse("").contains("rel=\"next\""));
    Http.Res learners =
        http().get(memberships + "?role=Learner&limit=1000", "Authorization", "Bearer " + token);
    assertTrue(learners.body().contains(m1) && learners.body().contains(m2), learners.body());
    Http.Res full =
        http()
            .get(
                memberships
                    + "?role="
                    + PlatformFixture.enc(
                        "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"),
                "Authorization",
                "Bearer " + token);
    assertTrue(full.body().contains(m1), full.body());
    Http.Res instructors =
        http().get(memberships + "?role=Instructor", "Authorization", "Bearer " + token);
    assertEquals(0, json(instructors.body()).getJsonArray("members").size());
    assertEquals(
        404, http().get(memberships + "?rlid=nope", "Authorization", "Bearer " + token).status());
  }

  @Test
  void launchAndAuthorizeRefuseBadRequestsAndConsumeNothing() throws Exception {
    setUp();
    long sessions = db().count("SELECT COUNT(*) FROM lti_launch_sessions");
    Http.Res anonymous =
        http().postForm("/lti/launch/" + a.deploymentId, "context_id=" + a.contextId);
    assertEquals(401, anonymous.status(), anonymous.body());

    // A learner of nothing cannot launch a closed course, and is not enrolled by trying.
    String outsider = a.learner("Olga", false);
    Browser olga = PlatformFixture.signedInLearner(outsider);
    assertEquals(
        403,
        olga.post("/lti/launch/" + a.deploymentId, Map.of("context_id", a.contextId)).status());
    assertEquals(
        404,
        olga.post("/lti/launch/no-such-deployment", Map.of("context_id", a.contextId)).status());
    assertEquals(
        0,
        db().count(
                "SELECT COUNT(*) FROM enrolments e JOIN learners l ON l.id = e.learner_id WHERE l.email = ?",
                outsider));
    assertEquals(sessions, db().count("SELECT COUNT(*) FROM lti_launch_sessions"));

    String email = a.learner("Lena", true);
    Browser lena = PlatformFixture.signedInLearner(email);
    Http.Res start = lena.post("/lti/launch/" + a.deploymentId, Map.of("context_id", a.contextId));
    assertEquals(303, start.status(), start.body());
    Map<String, String> login = PlatformFixture.query(start.header("Location").orElseThrow());
    String nonce = UUID.randomUUID().toString();

    assertEquals(
        400, PlatformIT.authorize(a, login, toolA.launchUrl() + "/other", nonce, "s").status());
    assertEquals(
        400, PlatformIT.authorize(a, login, "https://evil.example/launch", nonce, "s").status());
    Map<String, String> wrongHint = new java.util.HashMap<>(login);
    wrongHint.put("login_hint", "user-someone-else");
    assertEquals(400, PlatformIT.authorize(a, wrongHint, toolA.launchUrl(), nonce, "s").status());
    Map<String, String> unknown = new java.util.HashMap<>(login);
    unknown.put("lti_message_hint", "nope");
    assertEquals(400, PlatformIT.authorize(a, unknown, toolA.launchUrl(), nonce, "s").status());
    Http.Res code =
        new Http(base())
            .get(
                "/lti/authorize?scope=openid&response_type=code&response_mode=form_post&client_id="
                    + PlatformFixture.enc(a.clientId)
                    + "&redirect_uri="
                    + PlatformFixture.enc(toolA.launchUrl())
                    + "&login_hint="
                    + PlatformFixture.enc(login.get("login_hint"))
                    + "&lti_message_hint="
                    + PlatformFixture.enc(login.get("lti_message_hint"))
                    + "&nonce=n&state=s",
                "Accept",
                "text/html");
    assertEquals(400, code.status());
    assertTrue(code.body().contains("response_type"), code.body());
    assertEquals(
        0,
        db().count(
                "SELECT COUNT(*) FROM lti_launch_sessions WHERE message_hint = ? AND consumed_at IS NOT NULL",
                login.get("lti_message_hint")),
        "refused requests leave the launch usable");

    assertEquals(200, PlatformIT.authorize(a, login, toolA.launchUrl(), nonce, "s").status());
    // A second launch may not reuse the nonce.
    Map<String, String> second =
        PlatformFixture.query(
            lena.post("/lti/launch/" + a.deploymentId, Map.of("context_id", a.contextId))
                .header("Location")
                .orElseThrow());
    assertEquals(400, PlatformIT.authorize(a, second, toolA.launchUrl(), nonce, "s").status());
    assertEquals(
        200,
        PlatformIT.authorize(a, second, toolA.launchUrl(), UUID.randomUUID().toString(), "s")
            .status());
  }

  private static String result(long itemId) {
    return db().string(
            "SELECT CAST(score_given AS VARCHAR(30)) || '|' || activity_progress || '|' ||"
                + " CAST(score_timestamp AS VARCHAR(40)) FROM lti_results WHERE line_item_id = ?",
            itemId);
  }

  private static String enrolmentOf(String userId) {
    return db().string(
            "SELECT CAST(e.obtained_marks AS VARCHAR(20)) || '|' || CAST(e.progress AS VARCHAR(5))"
                + " || '|' || COALESCE(e.evaluation, '-') || '|' || e.status || '|' ||"
                + " CAST(e.updated_at AS VARCHAR(40)) FROM enrolments e JOIN learners l ON l.id ="
                + " e.learner_id WHERE l.public_id = ?",
            userId);
  }
}
