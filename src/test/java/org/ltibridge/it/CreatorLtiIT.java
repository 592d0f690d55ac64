package org.ltibridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ltibridge.it.AdminApi.call;
import static org.ltibridge.it.AdminApi.object;
import static org.ltibridge.it.AdminApi.unique;

import com.nimbusds.jwt.JWTClaimsSet;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ltibridge.testsupport.FakePlatform;
import org.ltibridge.testsupport.Rfc5849Signer;

/**
 * Creator LTI (LAMB's {@code backend/lamb/lti_creator_router.py}) over real HTTP: an instructor
 * launched with an organisation's own Creator LTI key lands signed in, in the creator interface
 * inside the LMS's frame, with no cookie and no token in any URL; LAMB's refusals in LAMB's order,
 * each writing nothing; the session travelling in the page's forms and as a bearer token of the
 * creator API; the same flow over LTI 1.3; the public info endpoint.
 */
class CreatorLtiIT extends ItBase {

  static final String LAUNCH = "lamb/v1/lti_creator/launch";
  static final String ASSISTANTS = "/api/v1/creator/assistants";
  static final String ENDED = "Your session in the creator interface has ended.";
  static final Pattern TOKEN_FIELD =
      Pattern.compile("<input type=\"hidden\" name=\"creator_session\" value=\"([^\"]+)\"");

  static String sys;
  static FakePlatform platform;

  @BeforeAll
  static void setUp() throws IOException {
    sys = AdminApi.token(AdminConsoleIT.ADMIN, AdminConsoleIT.ADMIN_PASSWORD);
    platform = FakePlatform.start();
  }

  @AfterAll
  static void stop() {
    platform.close();
  }

  /** An organisation with an enabled Creator LTI key, made through the admin API. */
  record Org(String slug, long id, String key, String secret) {

    static Org create(String prefix) {
      String slug = unique(prefix);
      long id = AdminApiIT.createOrganization(sys, slug).getJsonNumber("id").longValue();
      String key = "creator-key-" + slug;
      Http.Res generated =
          call(
              "PUT",
              "/organizations/" + slug + "/lti-creator",
              sys,
              "{\"enabled\": true, \"oauth_consumer_key\": \"" + key + "\"}");
      assertEquals(200, generated.status(), generated.body());
      return new Org(slug, id, key, object(generated).getString("oauth_consumer_secret"));
    }

    String name() {
      return "Organisation " + slug;
    }

    /** Launch parameters as Moodle sends them to a Creator link, signed with this key. */
    Map<String, String> signed(Map<String, String> params) {
      return signed(params, secret);
    }

    Map<String, String> signed(Map<String, String> params, String withSecret) {
      return new Rfc5849Signer(key, withSecret, Rfc5849Signer.Method.HMAC_SHA1)
          .sign("POST", base().resolve(LAUNCH).toString(), params);
    }

    long creators(String userId) {
      return db().count(
              "SELECT COUNT(*) FROM creator_users WHERE organization_id = ? AND lti_user_id = ?",
              id,
              userId);
    }

    /** Creators, their sessions and audit entries: what a refused launch must leave alone. */
    String rows() {
      return db().string(
              "SELECT (SELECT COUNT(*) FROM creator_users WHERE organization_id = ?) || '/' ||"
                  + " (SELECT COUNT(*) FROM creator_sessions s JOIN creator_users c ON c.id ="
                  + " s.creator_user_id WHERE c.organization_id = ?) || '/' || (SELECT COUNT(*)"
                  + " FROM admin_audit WHERE organization_id = ?) || '/' || (SELECT"
                  + " COALESCE(STRING_AGG(display_name || CAST(enabled AS VARCHAR(5)), ','),"
                  + " '') FROM creator_users WHERE organization_id = ?)",
              id,
              id,
              id,
              id);
    }

    /** OAuth nonces used with this key. */
    long nonces() {
      return db().count("SELECT COUNT(*) FROM oauth_nonces WHERE consumer_key = ?", key);
    }
  }

  static Map<String, String> params(String userId, String name) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("lti_message_type", "basic-lti-launch-request");
    p.put("lti_version", "LTI-1p0");
    p.put("context_id", "course-101");
    p.put("user_id", userId);
    p.put("roles", "Instructor");
    if (name != null) {
      p.put("lis_person_name_full", name);
    }
    p.put("launch_presentation_document_target", "iframe");
    return p;
  }

  static Http.Res post(Map<String, String> signed) {
    return http().postForm(LAUNCH, Lms.body(signed), "Accept", "text/html");
  }

  static String tokenIn(Http.Res page) {
    Matcher m = TOKEN_FIELD.matcher(page.body());
    assertTrue(m.find(), page.body());
    return m.group(1);
  }

  static String sha256(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A landing in the frame: 200, the page itself, no cookie, no redirect. */
  static void assertSignedInPage(Http.Res res, String name, String organization) {
    assertEquals(200, res.status(), res.body());
    assertTrue(res.header("Content-Type").orElse("").startsWith("text/html"));
    assertTrue(res.body().contains("Signed in as <strong>" + name + "</strong>"), res.body());
    assertTrue(
        res.body().contains("<strong id=\"creator-organization\">" + organization + "</strong>"),
        res.body());
    assertTrue(res.header("Set-Cookie").isEmpty(), "no cookie: " + res.header("Set-Cookie"));
    assertTrue(res.header("Location").isEmpty(), "no redirect");
    assertEquals("frame-ancestors *", res.header("Content-Security-Policy").orElse(""));
    assertTrue(res.header("X-Frame-Options").isEmpty());
    assertEquals("no-store", res.header("Cache-Control").orElse(""));
  }

  // --- the launch ------------------------------------------------------------------------------

  @Test
  void firstVisitCreatesTheCreatorAndLandsSignedInInTheFrame() {
    Org org = Org.create("it-clti");
    String userId = "Jörg Smith/" + UUID.randomUUID();
    Http.Res res = post(org.signed(params(userId, "Jörg Smith")));
    assertSignedInPage(res, "Jörg Smith", org.name());

    String email =
        ("lti_creator_"
                + org.slug()
                + "_"
                + userId.replaceAll("[^A-Za-z0-9._-]", "_")
                + "@lamb-lti.local")
            .toLowerCase();
    assertTrue(res.body().contains("(" + email + ")"), res.body());
    assertEquals(
        email + "|Jörg Smith|lti_creator|creator_lti|" + userId + "|true",
        db().string(
                "SELECT email || '|' || display_name || '|' || auth_provider || '|' || created_via"
                    + " || '|' || lti_user_id || '|' || CAST(enabled AS VARCHAR(5)) FROM"
                    + " creator_users WHERE organization_id = ? AND lti_user_id = ?",
                org.id(),
                userId));
    assertEquals(0, db().count("SELECT COUNT(*) FROM admin_users WHERE username = ?", email));
    assertEquals(
        1,
        db().count(
                "SELECT COUNT(*) FROM admin_audit WHERE organization_id = ? AND action ="
                    + " 'creator.lti-creator' AND actor = ?",
                org.id(),
                email));

    // The session: in the page only, stored as its SHA-256, ending after 8 hours.
    String token = tokenIn(res);
    assertTrue(token.length() >= 40, token);
    assertEquals(
        1,
        db().count(
                "SELECT COUNT(*) FROM creator_sessions s JOIN creator_users c ON c.id ="
                    + " s.creator_user_id WHERE s.token_hash = ? AND c.lti_user_id = ? AND"
                    + " s.expires_at > CURRENT_TIMESTAMP + INTERVAL '7 hours' AND s.expires_at <"
                    + " CURRENT_TIMESTAMP + INTERVAL '9 hours'",
                sha256(token),
                userId));
    assertEquals(
        0, db().count("SELECT COUNT(*) FROM creator_sessions WHERE token_hash = ?", token));
  }

  @Test
  void returningCreatorGetsTheSameAccountAndANewSession() {
    Org org = Org.create("it-clti-ret");
    String userId = "u-" + UUID.randomUUID();
    String first = tokenIn(post(org.signed(params(userId, "Ada Lovelace"))));
    long creatorId =
        db().count(
                "SELECT id FROM creator_users WHERE organization_id = ? AND lti_user_id = ?",
                org.id(),
                userId);

    Http.Res again = post(org.signed(params(userId, "Ada King")));
    assertSignedInPage(again, "Ada King", org.name());
    String second = tokenIn(again);
    assertNotEquals(first, second);
    assertEquals(1, org.creators(userId));
    assertEquals(
        "Ada King", db().string("SELECT display_name FROM creator_users WHERE id = ?", creatorId));
    assertEquals(
        2,
        db().count("SELECT COUNT(*) FROM creator_sessions WHERE creator_user_id = ?", creatorId));

    // An LMS that sends no name leaves the name as it is.
    assertSignedInPage(post(org.signed(params(userId, null))), "Ada King", org.name());
    // Both sessions work.
    assertEquals(200, bearer(first).status());
    assertEquals(200, bearer(second).status());
  }

  @Test
  void oneInstructorInTwoOrganisationsIsTwoCreators() {
    Org a = Org.create("it-clti-a");
    Org b = Org.create("it-clti-b");
    String userId = "u-" + UUID.randomUUID();
    assertSignedInPage(post(a.signed(params(userId, "Grace Hopper"))), "Grace Hopper", a.name());
    assertSignedInPage(post(b.signed(params(userId, "Grace Hopper"))), "Grace Hopper", b.name());
    assertEquals(1, a.creators(userId));
    assertEquals(1, b.creators(userId));
    assertEquals(2, db().count("SELECT COUNT(*) FROM creator_users WHERE lti_user_id = ?", userId));

    // B's key signs nothing for A: a launch with B's key and A's secret is refused.
    Http.Res crossed = post(b.signed(params("u-" + UUID.randomUUID(), "X"), a.secret()));
    assertEquals(401, crossed.status(), crossed.body());
  }

  @Test
  void aDisabledCreatorIsRefusedAndNothingButTheNonceIsWritten() {
    Org org = Org.create("it-clti-dis");
    String userId = "u-" + UUID.randomUUID();
    assertEquals(200, post(org.signed(params(userId, "Alan Turing"))).status());
    db().update(
            "UPDATE creator_users SET enabled = FALSE WHERE organization_id = ? AND lti_user_id"
                + " = ?",
            org.id(),
            userId);
    String before = org.rows();
    long nonces = org.nonces();
    Http.Res refused = post(org.signed(params(userId, "Alan M. Turing")));
    assertEquals(403, refused.status(), refused.body());
    assertTrue(refused.body().contains("disabled"), refused.body());
    assertTrue(refused.body().startsWith("<!DOCTYPE html>"), refused.body());
    assertEquals(before, org.rows());
    // Verified, so its nonce is used up (as every flow's refusals do): it cannot be replayed.
    assertEquals(nonces + 1, org.nonces());
    assertEquals(
        "Alan Turing",
        db().string(
                "SELECT display_name FROM creator_users WHERE organization_id = ? AND"
                    + " lti_user_id = ?",
                org.id(),
                userId));
  }

  @Test
  void aDisabledOrganisationIsRefusedAndNothingButTheNonceIsWritten() {
    Org org = Org.create("it-clti-off");
    Http.Res off = call("PATCH", "/organizations/" + org.slug(), sys, "{\"enabled\": false}");
    assertEquals(200, off.status(), off.body());
    String before = org.rows();
    long nonces = org.nonces();
    Http.Res refused = post(org.signed(params("u-" + UUID.randomUUID(), "N")));
    assertEquals(403, refused.status(), refused.body());
    assertEquals(before, org.rows());
    // Verified, so its nonce is used up (as every flow's refusals do): it cannot be replayed.
    assertEquals(nonces + 1, org.nonces());
  }

  @Test
  void aDisabledKeyIsNoKey() {
    Org org = Org.create("it-clti-key");
    Http.Res off =
        call("PUT", "/organizations/" + org.slug() + "/lti-creator", sys, "{\"enabled\": false}");
    assertEquals(200, off.status(), off.body());
    String before = org.rows();
    long nonces = org.nonces();
    Http.Res refused = post(org.signed(params("u-" + UUID.randomUUID(), "N")));
    assertEquals(401, refused.status(), refused.body());
    assertTrue(refused.body().contains("Invalid consumer key"), refused.body());
    assertEquals(before, org.rows());
    assertEquals(nonces, org.nonces());
  }

  @Test
  void aWrongSecretOrAnUnknownKeyIsRefusedAndNothingIsWritten() {
    Org org = Org.create("it-clti-sec");
    String before = org.rows();
    long nonces = org.nonces();
    String userId = "u-" + UUID.randomUUID();
    Http.Res wrong = post(org.signed(params(userId, "N"), org.secret() + "x"));
    assertEquals(401, wrong.status(), wrong.body());
    assertTrue(wrong.body().contains("signature does not match"), wrong.body());
    assertEquals(before, org.rows());
    assertEquals(nonces, org.nonces());
    assertEquals(0, org.creators(userId));

    Map<String, String> unknown =
        new Rfc5849Signer("no-such-key-" + UUID.randomUUID(), "s", Rfc5849Signer.Method.HMAC_SHA1)
            .sign("POST", base().resolve(LAUNCH).toString(), params(userId, "N"));
    Http.Res refused = post(unknown);
    assertEquals(401, refused.status(), refused.body());
    assertTrue(refused.body().contains("Invalid consumer key"), refused.body());

    Map<String, String> unsigned = params(userId, "N");
    Http.Res noKey = post(unsigned);
    assertEquals(400, noKey.status(), noKey.body());
    assertTrue(noKey.body().contains("oauth_consumer_key"), noKey.body());

    // An API client gets the same refusal as JSON.
    Http.Res json = http().postForm(LAUNCH, Lms.body(unknown), "Accept", "application/json");
    assertEquals(401, json.status());
    assertTrue(json.body().contains("\"message\""), json.body());
    assertEquals(before, org.rows());
    assertEquals(nonces, org.nonces());
  }

  @Test
  void aReplayedNonceIsRefused() {
    Org org = Org.create("it-clti-rep");
    Map<String, String> signed = org.signed(params("u-" + UUID.randomUUID(), "N"));
    assertEquals(200, post(signed).status());
    String after = org.rows();
    long nonces = org.nonces();
    Http.Res replay = post(signed);
    assertEquals(401, replay.status(), replay.body());
    assertTrue(replay.body().contains("already used"), replay.body());
    assertEquals(after, org.rows());
    assertEquals(nonces, org.nonces());
  }

  @Test
  void theSystemOrganisationIsRefused() {
    Org org = Org.create("it-clti-sys");
    db().update("UPDATE organizations SET is_system = TRUE WHERE id = ?", org.id());
    String before = org.rows();
    long nonces = org.nonces();
    Http.Res refused = post(org.signed(params("u-" + UUID.randomUUID(), "N")));
    assertEquals(403, refused.status(), refused.body());
    assertTrue(refused.body().contains("system organisation"), refused.body());
    assertEquals(before, org.rows());
    // Verified, so its nonce is used up (as every flow's refusals do): it cannot be replayed.
    assertEquals(nonces + 1, org.nonces());
  }

  @Test
  void aLaunchWithoutUserIdIsRefusedButNoResourceLinkIsNeeded() {
    Org org = Org.create("it-clti-uid");
    Map<String, String> p = params("ignored", "N");
    p.remove("user_id");
    String before = org.rows();
    long nonces = org.nonces();
    Http.Res refused = post(org.signed(p));
    assertEquals(400, refused.status(), refused.body());
    assertTrue(refused.body().contains("user_id"), refused.body());
    assertEquals(before, org.rows());
    assertEquals(nonces, org.nonces());
    // The launches above carry no resource_link_id at all, and succeed.
    assertFalse(params("u", "N").containsKey("resource_link_id"));
  }

  // --- the session in the frame ----------------------------------------------------------------

  @Test
  void aPostbackCarriesTheSessionInTheFormAndIsRefusedWithoutIt() {
    Org org = Org.create("it-clti-pb");
    Http.Res landed = post(org.signed(params("u-" + UUID.randomUUID(), "Barbara Liskov")));
    assertSignedInPage(landed, "Barbara Liskov", org.name());
    Browser browser = new Browser(base());
    Browser.Form form = Browser.Form.in(landed.body(), "assistantList");
    assertTrue(form.action().endsWith("/ui/lti-creator/index.xhtml"), form.action());
    assertEquals(tokenIn(landed), form.fields().get("creator_session"));

    // A PrimeFaces ajax postback, then a full one: the page answers signed in.
    Http.Res ajax = browser.ajax(form, "assistantList:new", "assistantList");
    assertEquals(200, ajax.status(), ajax.body());
    assertTrue(ajax.body().contains("<partial-response"), ajax.body());
    assertTrue(ajax.body().contains("name=\"creator_session\""), ajax.body());
    assertTrue(ajax.header("Set-Cookie").isEmpty(), "no cookie: " + ajax.header("Set-Cookie"));
    Http.Res full = browser.submit(form.after(ajax), "assistantList:new");
    assertSignedInPage(full, "Barbara Liskov", org.name());

    // Without the field, with garbage, or with the token in the URL: 401 and a readable page.
    Map<String, String> without = new LinkedHashMap<>(form.fields());
    without.remove("creator_session");
    for (Http.Res refused :
        List.of(
            browser.submit(
                new Browser.Form("assistantList", form.action(), without), "assistantList:new"),
            browser.submit(form.with("creator_session", "garbage"), "assistantList:new"),
            browser.submit(
                new Browser.Form(
                    "assistantList",
                    form.action() + "?creator_session=" + tokenIn(landed),
                    without),
                "assistantList:new"),
            http().get("/ui/lti-creator/index.xhtml"))) {
      assertEquals(401, refused.status(), refused.body());
      assertTrue(refused.body().contains(ENDED), refused.body());
      assertEquals("frame-ancestors *", refused.header("Content-Security-Policy").orElse(""));
      assertEquals("no-referrer", refused.header("Referrer-Policy").orElse(""));
    }
    assertTrue(browser.cookie("JSESSIONID").isEmpty(), "no session was opened");
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static Http.Res bearer(String token) {
    return http().get(ASSISTANTS, "Accept", "application/json", "Authorization", "Bearer " + token);
  }

  @Test
  void theSessionIsABearerTokenOfTheCreatorApiUntilItEnds() {
    Org org = Org.create("it-clti-api");
    String userId = "u-" + UUID.randomUUID();
    String token = tokenIn(post(org.signed(params(userId, "Edsger Dijkstra"))));
    long creatorId =
        db().count(
                "SELECT id FROM creator_users WHERE organization_id = ? AND lti_user_id = ?",
                org.id(),
                userId);
    Http.Res list = bearer(token);
    assertEquals(200, list.status(), list.body());

    // The creator authors as themselves (no console account: the audit names their email).
    String name = unique("Algorithms");
    Http.Res created =
        http()
            .postJson(
                ASSISTANTS,
                "{\"name\": \"" + name + "\", \"system_prompt\": \"Ask.\", \"model\": \"m\"}",
                "Accept",
                "application/json",
                "Authorization",
                "Bearer " + token);
    assertEquals(201, created.status(), created.body());
    assertEquals(
        creatorId,
        db().count(
                "SELECT owner_creator_user_id FROM assistants WHERE organization_id = ? AND name ="
                    + " ?",
                org.id(),
                name));
    assertEquals(
        1,
        db().count(
                "SELECT COUNT(*) FROM admin_audit WHERE organization_id = ? AND action ="
                    + " 'assistant.create' AND actor LIKE 'lti_creator_%'",
                org.id()));
    JsonArray listed = Json.createReader(new StringReader(bearer(token).body())).readArray();
    assertTrue(listed.toString().contains(name), listed.toString());

    // A disabled creator's session stops at once; enabled again, it works again.
    db().update("UPDATE creator_users SET enabled = FALSE WHERE id = ?", creatorId);
    assertEquals(401, bearer(token).status());
    db().update("UPDATE creator_users SET enabled = TRUE WHERE id = ?", creatorId);
    assertEquals(200, bearer(token).status());

    // An ended session opens nothing, neither the API nor the page.
    db().update(
            "UPDATE creator_sessions SET expires_at = CURRENT_TIMESTAMP - INTERVAL '1 minute'"
                + " WHERE token_hash = ?",
            sha256(token));
    assertEquals(401, bearer(token).status());
    Http.Res page = http().get("/ui/lti-creator/index.xhtml", "Authorization", "Bearer " + token);
    assertEquals(401, page.status(), page.body());
    assertTrue(page.body().contains(ENDED), page.body());

    // Housekeeping deletes ended sessions (it runs every minute).
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(75);
    while (db().count("SELECT COUNT(*) FROM creator_sessions WHERE token_hash = ?", sha256(token))
        > 0) {
      assertTrue(System.nanoTime() < deadline, "an ended session is purged within a minute");
      sleep(1000);
    }

    // Garbage is nobody; an admin API token still works.
    assertEquals(401, bearer("garbage").status());
    assertEquals(
        200,
        http()
            .get(
                ASSISTANTS + "?organization=" + org.slug(),
                "Accept",
                "application/json",
                "Authorization",
                "Bearer " + sys)
            .status());
  }

  @Test
  void theConsolesCreatorPagesAreNotFrameable() {
    Http.Res res = http().get("/ui/creator/index.xhtml");
    assertEquals("DENY", res.header("X-Frame-Options").orElse(""), "status " + res.status());
    assertEquals("frame-ancestors 'none'", res.header("Content-Security-Policy").orElse(""));
  }

  // --- LTI 1.3 ---------------------------------------------------------------------------------

  @Test
  void overLti13TheRegistrationsOrganisationIsTheCreatorsOrganisation() {
    Lms13 lms = new Lms13(platform).register();
    String target = base().resolve(LAUNCH).toString();
    Lms13.Login login = lms.login(Map.of("target_link_uri", target));
    String sub = "sub-" + UUID.randomUUID();
    JWTClaimsSet claims =
        platform
            .launchClaims(
                lms.clientId(),
                lms.deploymentId(),
                login.nonce(),
                target,
                "rl-" + UUID.randomUUID(),
                sub,
                List.of(Lms13.INSTRUCTOR))
            .claim("name", "Katherine Johnson")
            .build();
    Http.Res res = lms.launch(login, platform.sign(claims));
    String demo = db().string("SELECT name FROM organizations WHERE slug = 'demo'");
    assertEquals(200, res.status(), res.body());
    assertTrue(res.body().contains("Signed in as <strong>Katherine Johnson</strong>"), res.body());
    assertTrue(
        res.body().contains("<strong id=\"creator-organization\">" + demo + "</strong>"),
        res.body());
    assertTrue(res.header("Location").isEmpty());
    assertEquals(
        "lti_creator_demo_" + sub + "@lamb-lti.local",
        db().string(
                "SELECT c.email FROM creator_users c JOIN organizations o ON o.id ="
                    + " c.organization_id WHERE o.slug = 'demo' AND c.lti_user_id = ? AND"
                    + " c.auth_provider = 'lti_creator'",
                sub));
    assertEquals(200, bearer(tokenIn(res)).status());
  }

  // --- info ------------------------------------------------------------------------------------

  @Test
  void infoTellsAnLmsAdministratorWhatToConfigureWithoutSecrets() {
    Org org = Org.create("it-clti-info");
    Http.Res res = http().get("/lamb/v1/lti_creator/info", "Accept", "application/json");
    assertEquals(200, res.status(), res.body());
    JsonObject info = Json.createReader(new StringReader(res.body())).readObject();
    assertEquals(base() + LAUNCH, info.getString("launch_url"));
    assertEquals(base() + LAUNCH, info.getJsonObject("lti13").getString("target_link_uri"));
    assertEquals(
        List.of("oauth_consumer_key", "user_id"),
        info.getJsonArray("required_parameters")
            .getValuesAs(v -> ((jakarta.json.JsonString) v).getString()));
    assertEquals(
        List.of("lis_person_name_full", "ext_user_username"),
        info.getJsonArray("optional_parameters")
            .getValuesAs(v -> ((jakarta.json.JsonString) v).getString()));
    assertFalse(info.getString("name").isBlank());
    assertFalse(info.getString("description").isBlank());
    assertFalse(res.body().contains(org.secret()));
    assertFalse(res.body().contains(org.key()));
    assertFalse(res.body().contains(SECRET));
    assertFalse(res.body().contains(KEY));
  }
}
