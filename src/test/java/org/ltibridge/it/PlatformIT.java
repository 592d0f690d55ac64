package org.ltibridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The platform role end to end over real HTTP, with the test playing the external tool (its own key
 * pair, its JWKS on a JDK HttpServer): register → launch → token → line item → score → results →
 * NRPS → enrolments updated, for two learners.
 */
class PlatformIT extends ItBase {

  static final String LTI = "https://purl.imsglobal.org/spec/lti/claim/";
  static final String ALL_SCOPES =
      "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem"
          + " https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly"
          + " https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly"
          + " https://purl.imsglobal.org/spec/lti-ags/scope/score"
          + " https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly";
  static final String LINEITEM = "application/vnd.ims.lis.v2.lineitem+json";
  static final String SCORE = "application/vnd.ims.lis.v1.score+json";

  @Test
  void registerLaunchGradeAndRosterForTwoLearners() throws Exception {
    try (FakeTool tool = new FakeTool()) {
      PlatformFixture f =
          new PlatformFixture(PlatformFixture.signedInAdmin(), tool)
              .register(ALL_SCOPES)
              .course(true)
              .place("{\"unit\":\"1\"}");
      String ada = f.learner("Ada", true);
      String bob = f.learner("Bob", false); // enrolled by launching the open course

      // The console shows every value the tool's admin needs.
      String console = f.page().body();
      for (String v :
          List.of(
              base() + "lti/authorize",
              base() + "lti/token",
              base() + "lti/jwks",
              f.clientId,
              f.deploymentId)) {
        assertTrue(console.contains(v), v);
      }

      JWTClaimsSet adaToken = launch(f, ada);
      assertEquals(f.clientId, adaToken.getAudience().get(0));
      assertEquals(PlatformFixture.userId(ada), adaToken.getSubject());
      assertEquals("LtiResourceLinkRequest", adaToken.getStringClaim(LTI + "message_type"));
      assertEquals("1.3.0", adaToken.getStringClaim(LTI + "version"));
      assertEquals(f.deploymentId, adaToken.getStringClaim(LTI + "deployment_id"));
      assertEquals(f.contextId, adaToken.getJSONObjectClaim(LTI + "context").get("id"));
      assertEquals("1", adaToken.getJSONObjectClaim(LTI + "custom").get("unit"));
      assertEquals(
          List.of("http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"),
          adaToken.getStringListClaim(LTI + "roles"));
      Map<String, Object> ags =
          adaToken.getJSONObjectClaim("https://purl.imsglobal.org/spec/lti-ags/claim/endpoint");
      String lineItemsUrl = (String) ags.get("lineitems");
      assertEquals(base() + "api/v1/lti/ags/contexts/" + f.contextId + "/lineitems", lineItemsUrl);
      Map<String, Object> nrps =
          adaToken.getJSONObjectClaim(
              "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice");
      assertEquals(List.of("2.0"), nrps.get("service_versions"));

      assertEquals(
          0,
          db().count(
                  "SELECT COUNT(*) FROM enrolments e JOIN learners l ON l.id = e.learner_id WHERE l.email = ?",
                  bob));
      launch(f, bob);
      assertEquals(
          1,
          db().count(
                  "SELECT COUNT(*) FROM enrolments e JOIN learners l ON l.id = e.learner_id"
                      + " WHERE l.email = ? AND e.course_id = ?",
                  bob,
                  f.courseId),
          "auto-enrolled at launch");

      // Token: several scopes in one request, as ltijs asks.
      String token = token(tool, f.clientId, ALL_SCOPES);

      Http.Res created =
          http()
              .send(
                  "POST",
                  lineItemsUrl,
                  LINEITEM,
                  "{\"label\":\"Module 1 Assessment\",\"scoreMaximum\":100,"
                      + "\"resourceLinkId\":\"resource-123\",\"tag\":\"assessment\"}",
                  "Authorization",
                  "Bearer " + token,
                  "Accept",
                  "application/json");
      assertEquals(201, created.status(), created.body());
      JsonObject item = json(created.body());
      String lineItemUrl = item.getString("id");
      assertEquals(lineItemUrl, created.header("Location").orElseThrow());

      for (String[] s :
          new String[][] {
            {ada, "85", "2026-01-20T10:30:00Z"}, {bob, "40", "2026-01-20T10:31:00Z"}
          }) {
        Http.Res scored =
            http()
                .send(
                    "POST",
                    lineItemUrl + "/scores",
                    SCORE,
                    score(PlatformFixture.userId(s[0]), s[1], s[2]),
                    "Authorization",
                    "Bearer " + token);
        assertEquals(200, scored.status(), scored.body());
      }

      Http.Res results = http().get(lineItemUrl + "/results", "Authorization", "Bearer " + token);
      assertEquals(200, results.status(), results.body());
      assertEquals(
          "application/vnd.ims.lis.v2.resultcontainer+json",
          results.header("Content-Type").orElse(""));
      JsonArray r = Json.createReader(new StringReader(results.body())).readArray();
      assertEquals(2, r.size(), results.body());

      Http.Res roster =
          http()
              .get(
                  (String) nrps.get("context_memberships_url"),
                  "Authorization",
                  "Bearer " + token,
                  "Accept",
                  "application/vnd.ims.lti-nrps.v2.membershipcontainer+json");
      assertEquals(200, roster.status(), roster.body());
      JsonObject container = json(roster.body());
      assertEquals(f.contextId, container.getJsonObject("context").getString("id"));
      JsonArray members = container.getJsonArray("members");
      assertEquals(2, members.size());
      JsonObject adaMember =
          members.stream()
              .map(v -> v.asJsonObject())
              .filter(m -> m.getString("email").equals(ada))
              .findFirst()
              .orElseThrow();
      assertEquals(PlatformFixture.userId(ada), adaMember.getString("user_id"));
      assertEquals(
          85, adaMember.getJsonObject("message").getJsonNumber("obtained_marks").intValue());
      assertEquals("passed", adaMember.getJsonObject("message").getString("evaluation"));

      assertEquals("85.00|100|PASSED|COMPLETED", enrolment(ada, f.courseId));
      assertEquals("40.00|100|FAILED|COMPLETED", enrolment(bob, f.courseId));

      // The learner and the admin see it.
      Browser adaBrowser = PlatformFixture.signedInLearner(ada);
      String page = adaBrowser.get("/ui/learn/index.xhtml").body();
      assertTrue(page.contains("IT Course " + f.suffix), page);
      assertTrue(page.contains("85.00 %"), page);
      assertTrue(page.contains("passed"), page);
      assertTrue(f.page().body().contains("PASSED"), "console shows the evaluation");

      // Consumer side: the admin pulls grades and progress on demand.
      Http.Res grades =
          f.admin.get("/api/v1/lti/tools/" + f.toolId + "/grades?context_id=" + f.contextId);
      assertEquals(200, grades.status(), grades.body());
      assertTrue(grades.body().contains("Module 1 Assessment"), grades.body());
      Http.Res progress =
          f.admin.get(
              "/api/v1/lti/tools/" + f.toolId + "/progress/learners?context_id=" + f.contextId);
      assertEquals(200, progress.status(), progress.body());
      assertTrue(progress.body().contains("\"progress\":100"), progress.body());
      assertEquals(
          401,
          http()
              .get("/api/v1/lti/tools/" + f.toolId + "/grades?context_id=" + f.contextId)
              .status());
    }
  }

  // --- helpers used by the bad-input tests too ------------------------------------------------

  /** A learner clicks "Launch course"; the tool runs the OIDC round trip; returns the id_token. */
  static JWTClaimsSet launch(PlatformFixture f, String email) throws Exception {
    Browser learner = PlatformFixture.signedInLearner(email);
    String page = learner.get("/ui/learn/index.xhtml").body();
    assertTrue(page.contains("Launch course"), page);
    Http.Res start =
        learner.post("/lti/launch/" + f.deploymentId, Map.of("context_id", f.contextId));
    assertEquals(303, start.status(), start.body());
    String location = start.header("Location").orElseThrow();
    assertTrue(location.startsWith(f.tool.loginUrl() + "?"), location);
    Map<String, String> login = PlatformFixture.query(location);
    assertEquals(base().toString().replaceAll("/$", ""), login.get("iss"));
    assertEquals(f.clientId, login.get("client_id"));
    assertEquals(f.deploymentId, login.get("lti_deployment_id"));
    assertEquals(PlatformFixture.userId(email), login.get("login_hint"));
    assertNotNull(login.get("lti_message_hint"));

    String state = UUID.randomUUID().toString();
    String nonce = UUID.randomUUID().toString();
    Http.Res auth = authorize(f, login, f.tool.launchUrl(), nonce, state);
    assertEquals(200, auth.status(), auth.body());
    assertTrue(auth.body().contains("action=\"" + f.tool.launchUrl() + "\""), auth.body());
    assertEquals(state, PlatformFixture.hidden(auth.body(), "state"));
    SignedJWT idToken = SignedJWT.parse(PlatformFixture.hidden(auth.body(), "id_token"));
    assertEquals(JWSAlgorithm.RS256, idToken.getHeader().getAlgorithm());
    JWKSet jwks = JWKSet.parse(new Http(base()).get("/lti/jwks").body());
    RSAKey key = (RSAKey) jwks.getKeyByKeyId(idToken.getHeader().getKeyID());
    assertNotNull(key, "the id_token's kid is published");
    assertTrue(idToken.verify(new RSASSAVerifier(key)), "signature");
    JWTClaimsSet claims = idToken.getJWTClaimsSet();
    assertEquals(nonce, claims.getStringClaim("nonce"));
    assertTrue(claims.getExpirationTime().toInstant().isAfter(Instant.now()));

    // The launch is single use.
    Http.Res again = authorize(f, login, f.tool.launchUrl(), UUID.randomUUID().toString(), state);
    assertEquals(410, again.status(), again.body());
    return claims;
  }

  static Http.Res authorize(
      PlatformFixture f,
      Map<String, String> login,
      String redirectUri,
      String nonce,
      String state) {
    return new Http(base())
        .get(
            "/lti/authorize?scope=openid&response_type=id_token&response_mode=form_post"
                + "&prompt=none&client_id="
                + PlatformFixture.enc(f.clientId)
                + "&redirect_uri="
                + PlatformFixture.enc(redirectUri)
                + "&login_hint="
                + PlatformFixture.enc(login.get("login_hint"))
                + "&lti_message_hint="
                + PlatformFixture.enc(login.get("lti_message_hint"))
                + "&nonce="
                + PlatformFixture.enc(nonce)
                + "&state="
                + PlatformFixture.enc(state));
  }

  static Http.Res tokenRequest(String assertion, String scope) {
    return new Http(base())
        .postForm(
            "/lti/token",
            "grant_type=client_credentials&client_assertion_type="
                + PlatformFixture.enc("urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                + "&client_assertion="
                + PlatformFixture.enc(assertion)
                + "&scope="
                + PlatformFixture.enc(scope));
  }

  static String token(FakeTool tool, String clientId, String scope) {
    Http.Res res =
        tokenRequest(
            tool.assertion(clientId, base() + "lti/token", UUID.randomUUID().toString()), scope);
    assertEquals(200, res.status(), res.body());
    assertEquals("no-store", res.header("Cache-Control").orElse(""));
    JsonObject o = json(res.body());
    assertEquals("Bearer", o.getString("token_type"));
    assertTrue(o.getInt("expires_in") <= 3600 && o.getInt("expires_in") > 0);
    return o.getString("access_token");
  }

  static String score(String userId, String given, String timestamp) {
    return "{\"userId\":\""
        + userId
        + "\",\"scoreGiven\":"
        + given
        + ",\"scoreMaximum\":100,\"comment\":\"Excellent work!\","
        + "\"activityProgress\":\"Completed\",\"gradingProgress\":\"FullyGraded\","
        + "\"timestamp\":\""
        + timestamp
        + "\"}";
  }

  static String enrolment(String email, long courseId) {
    return db().string(
            "SELECT CAST(e.obtained_marks AS VARCHAR(20)) || '|' || CAST(e.progress AS VARCHAR(5))"
                + " || '|' || COALESCE(e.evaluation, '-') || '|' || e.status FROM enrolments e JOIN"
                + " learners l ON l.id = e.learner_id WHERE l.email = ? AND e.course_id = ?",
            email,
            courseId);
  }

  static JsonObject json(String body) {
    return Json.createReader(new StringReader(body)).readObject();
  }
}
