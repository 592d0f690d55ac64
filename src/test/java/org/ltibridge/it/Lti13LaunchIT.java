package org.ltibridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ltibridge.testsupport.FakePlatform;

/**
 * LTI 1.3 launches end to end, with the test playing the LMS (its own key pair and JWKS served over
 * HTTP): third-party-initiated login → authentication request → id_token form post → the same
 * Unified flow pages as over LTI 1.1. Also the browser binding without cookies, the registration
 * rules and the platform's key rotation.
 */
class Lti13LaunchIT extends ItBase {

  static final String DEMO_INSTRUCTOR = "demo-instructor@example.edu";
  static FakePlatform platform;

  @BeforeAll
  static void startPlatform() throws IOException {
    platform = FakePlatform.start();
  }

  @AfterAll
  static void stopPlatform() {
    platform.close();
  }

  @Test
  void loginRedirectsToThePlatformWithAnAuthenticationRequest() {
    Lms13 lms = new Lms13(platform).register();
    Lms13.Login login = lms.login();
    Map<String, String> q = login.authRequest();
    assertEquals("openid", q.get("scope"));
    assertEquals("id_token", q.get("response_type"));
    assertEquals("form_post", q.get("response_mode"));
    assertEquals("none", q.get("prompt"));
    assertEquals(lms.clientId(), q.get("client_id"));
    assertEquals(base().resolve("lti13/launch").toString(), q.get("redirect_uri"));
    assertEquals("msg-hint", q.get("lti_message_hint"));
    assertNotNull(q.get("login_hint"));
    assertTrue(q.get("state").length() >= 32 && q.get("nonce").length() >= 32);
    assertTrue(login.cookie().startsWith("lti13_"), login.cookie());
    // Only hashes are stored.
    assertEquals(
        0,
        db().count(
                "SELECT COUNT(*) FROM lti13_oidc_states WHERE state_hash = ? OR nonce_hash = ?",
                login.state(),
                login.nonce()));
  }

  @Test
  void instructorSetsUpAndStudentWithoutNameOrEmailChats() {
    Lms13 lms = new Lms13(platform).register();
    String placement = "rl13-" + UUID.randomUUID();

    Http.Res launch = lms.instructor(placement, DEMO_INSTRUCTOR);
    assertEquals(303, launch.status(), launch.body());
    assertTrue(launch.location().startsWith("/lamb/v1/lti/setup?token="), launch.location());
    assertTrue(launch.header("Set-Cookie").orElse("").contains("Max-Age=0"), "binding cleared");
    Http.Res setup = http().follow(launch);
    assertEquals(200, setup.status(), setup.body());
    assertTrue(setup.body().contains("Physics Tutor"), setup.body());

    long physics = db().demoAssistant("Physics Tutor");
    Http.Res configured =
        http()
            .postForm(
                "/lamb/v1/lti/configure",
                "token=" + launch.locationToken() + "&assistant_ids=" + physics);
    assertEquals(303, configured.status(), configured.body());
    Http.Res dashboard = http().follow(configured);
    assertEquals(200, dashboard.status(), dashboard.body());
    String platformKey =
        db().string(
                "SELECT platform_key FROM lti_activities WHERE resource_link_id = ?", placement);
    assertEquals(
        "lti13|" + platform.issuer() + "|" + lms.clientId() + "|" + lms.deploymentId(),
        platformKey);

    // A student with neither name nor email, and roles LTI Bridge does not know besides Learner.
    Http.Res student =
        lms.launch(
            placement,
            "s-" + UUID.randomUUID(),
            Lms13.LEARNER,
            b ->
                b.claim(
                        FakePlatform.LTI + "roles",
                        List.of(Lms13.LEARNER, "http://example.edu/roles#Unknown", "urn:odd:role"))
                    .claim("https://example.edu/unknown-claim", Map.of("x", 1)));
    assertEquals(303, student.status(), student.body());
    assertTrue(student.location().startsWith("/lamb/v1/lti/chat?token="), student.location());
    Http.Res chat = http().follow(student);
    assertEquals(200, chat.status(), chat.body());
    assertEquals(1, db().rowsOf("lti_activity_users", placement));
  }

  @Test
  void instructorReturnsToTheDashboardAndAStudentIsAskedForConsent() {
    Lms13 lms = new Lms13(platform).register();
    String placement = "rl13-" + UUID.randomUUID();
    Http.Res launch = lms.instructor(placement, DEMO_INSTRUCTOR);
    long physics = db().demoAssistant("Physics Tutor");
    assertEquals(
        303,
        http()
            .postForm(
                "/lamb/v1/lti/configure",
                "token="
                    + launch.locationToken()
                    + "&assistant_ids="
                    + physics
                    + "&chat_visibility_enabled=1")
            .status());

    Http.Res again = lms.instructor(placement, DEMO_INSTRUCTOR);
    assertEquals(303, again.status(), again.body());
    assertTrue(again.location().startsWith("/lamb/v1/lti/dashboard?token="), again.location());
    Http.Res dashboard = http().follow(again);
    assertEquals(200, dashboard.status(), dashboard.body());
    assertTrue(dashboard.body().contains("Manage assistants"), "the owner");

    Http.Res student =
        lms.launch(
            placement,
            "s-" + UUID.randomUUID(),
            Lms13.LEARNER,
            b -> b.claim("given_name", "Sam").claim("family_name", "Student"));
    assertEquals(303, student.status(), student.body());
    assertTrue(student.location().startsWith("/lamb/v1/lti/consent?token="), student.location());
    Http.Res consent = http().follow(student);
    assertEquals(200, consent.status(), consent.body());
    Http.Res accepted = http().postForm("/lamb/v1/lti/consent", "token=" + student.locationToken());
    assertEquals(303, accepted.status(), accepted.body());
    assertTrue(accepted.location().startsWith("/lamb/v1/lti/chat?token="));
  }

  @Test
  void simpleRoleNamesAndUrnsInTheRolesClaimAreReadAsInLti11() {
    // Issue #15: LTI 1.3 Core §5.3.7 and Appendix A.2 let platforms send "Instructor" for the full
    // URI.
    Lms13 lms = new Lms13(platform).register();
    String placement = "rl13-" + UUID.randomUUID();
    Http.Res setup =
        lms.launch(
            placement,
            "i-" + UUID.randomUUID(),
            "Instructor",
            b -> b.claim("email", DEMO_INSTRUCTOR).claim("name", "Ines Instructor"));
    assertEquals(303, setup.status(), setup.body());
    assertTrue(setup.location().startsWith("/lamb/v1/lti/setup?token="), setup.location());
    Http.Res configured =
        http()
            .postForm(
                "/lamb/v1/lti/configure",
                "token="
                    + setup.locationToken()
                    + "&assistant_ids="
                    + db().demoAssistant("Physics Tutor"));
    assertEquals(303, configured.status(), configured.body());

    Http.Res urn =
        lms.launch(placement, "i-" + UUID.randomUUID(), "urn:lti:role:ims/lis/Instructor", b -> b);
    assertEquals(303, urn.status(), urn.body());
    assertTrue(urn.location().startsWith("/lamb/v1/lti/dashboard?token="), urn.location());

    // "Learner" chats; the same person back as "Instructor" is judged as staff on the quick way
    // for returning students too, and goes to the dashboard, not the chat.
    String person = "s-" + UUID.randomUUID();
    Http.Res learner = lms.launch(placement, person, "Learner", b -> b);
    assertEquals(303, learner.status(), learner.body());
    assertTrue(learner.location().startsWith("/lamb/v1/lti/chat?token="), learner.location());
    Http.Res promoted = lms.launch(placement, person, "Instructor", b -> b);
    assertEquals(303, promoted.status(), promoted.body());
    assertTrue(
        promoted.location().startsWith("/lamb/v1/lti/dashboard?token="), promoted.location());
  }

  @Test
  void aReturningStudentIsLetInAtOnceAndTheirLaunchCannotBeReplayed() {
    Lms13 lms = new Lms13(platform).register();
    String placement = configuredPlacement(lms);
    String student = "s-" + UUID.randomUUID();
    assertEquals(303, lms.launch(placement, student, Lms13.LEARNER, b -> b).status());

    // Back a moment later: the quick way (login used up, visit counted, token stored at once).
    Lms13.Login login = lms.login();
    String token = platform.sign(lms.claims(login, placement, student, Lms13.LEARNER).build());
    Http.Res back = lms.launch(login, token);
    assertEquals(303, back.status(), back.body());
    assertTrue(back.location().startsWith("/lamb/v1/lti/chat?token="), back.location());
    assertEquals(200, http().follow(back).status());
    String visits =
        "SELECT access_count FROM lti_activity_users u JOIN lti_activities a ON a.id ="
            + " u.activity_id WHERE a.resource_link_id = ?";
    String tokens =
        "SELECT COUNT(*) FROM page_tokens t JOIN lti_activities a ON a.id = t.activity_id"
            + " WHERE a.resource_link_id = ?";
    assertEquals(2, db().count(visits, placement));
    long tokensBefore = db().count(tokens, placement);

    Http.Res replay = lms.launch(login, token);
    assertEquals(401, replay.status(), replay.body());
    assertTrue(replay.body().contains("already used"), replay.body());
    assertEquals(2, db().count(visits, placement), "a replay is not a visit");
    assertEquals(tokensBefore, db().count(tokens, placement), "and gets no page token");
  }

  /**
   * Logins initiated with a form POST take the same ways as GETs: the first student launch the full
   * way, the returning one the quick way, and a login offering platform storage its page (the body
   * read before JAX-RS reaches it intact).
   */
  @Test
  void aLoginPostedAsAFormIsAnsweredLikeAGet() {
    Lms13 lms = new Lms13(platform).register();
    String placement = configuredPlacement(lms);
    String student = "s-" + UUID.randomUUID();
    for (int visit = 1; visit <= 2; visit++) {
      Lms13.Login login = lms.loginPosted();
      Http.Res launch =
          lms.launch(
              login, platform.sign(lms.claims(login, placement, student, Lms13.LEARNER).build()));
      assertEquals(303, launch.status(), launch.body());
      assertTrue(launch.location().startsWith("/lamb/v1/lti/chat?token="), launch.location());
      assertEquals(200, http().follow(launch).status());
    }

    Http.Res page =
        http()
            .postForm(
                "/lti13/login",
                Lms13.form(
                    Map.of(
                        "iss", platform.issuer(),
                        "login_hint", "hint",
                        "target_link_uri", Lms13.target(),
                        "client_id", lms.clientId(),
                        "lti_storage_target", "_parent")));
    assertEquals(200, page.status(), page.body());
    assertEquals("put", attribute(page.body(), "data-mode"));
    assertEquals("_parent", attribute(page.body(), "data-target"));
  }

  /**
   * The state is sealed: one changed in transit is a login LTI Bridge never started, and one sent
   * back from another browser (its binding cookie) is refused as such. Either way nothing is used
   * up or written, and the genuine launch still goes through.
   */
  @Test
  void aForgedStateOrAnotherBrowsersLaunchIsRefusedAndWritesNothing() {
    Lms13 lms = new Lms13(platform).register();
    String placement = configuredPlacement(lms);
    String student = "s-" + UUID.randomUUID();
    Lms13.Login login = lms.login();
    String token = platform.sign(lms.claims(login, placement, student, Lms13.LEARNER).build());
    String binding = login.cookie().substring(login.cookie().indexOf('=') + 1);
    String state = login.state();
    String forged =
        state.substring(0, 10) + (state.charAt(10) == 'A' ? 'B' : 'A') + state.substring(11);
    Map<String, String> forgedRequest = new java.util.HashMap<>(login.authRequest());
    forgedRequest.put("state", forged);
    long usedBefore = db().count("SELECT COUNT(*) FROM lti13_oidc_states");
    String visits =
        "SELECT COUNT(*) FROM lti_activity_users u JOIN lti_activities a ON a.id = u.activity_id"
            + " WHERE a.resource_link_id = ? AND u.lms_user_id = ?";

    Http.Res unknown =
        lms.launch(
            new Lms13.Login(
                forgedRequest, "lti13_" + sha256(forged).substring(0, 16) + "=" + binding),
            token);
    assertEquals(401, unknown.status(), unknown.body());
    assertTrue(unknown.body().contains("does not belong to a login"), unknown.body());

    Http.Res otherBrowser =
        lms.launch(
            new Lms13.Login(login.authRequest(), login.cookie().replace(binding, "x" + binding)),
            token);
    assertEquals(401, otherBrowser.status(), otherBrowser.body());
    assertTrue(otherBrowser.body().contains("not started in this browser"), otherBrowser.body());

    assertEquals(usedBefore, db().count("SELECT COUNT(*) FROM lti13_oidc_states"), "none used");
    assertEquals(0, db().count(visits, placement, student), "no student written");
    Http.Res genuine = lms.launch(login, token);
    assertEquals(303, genuine.status(), genuine.body());
    assertEquals(1, db().count(visits, placement, student));
  }

  @Test
  void theSameIdTokenTwiceIsRefusedTheSecondTime() {
    Lms13 lms = new Lms13(platform).register();
    Lms13.Login login = lms.login();
    String placement = "rl13-" + UUID.randomUUID();
    String token =
        platform.sign(
            lms.claims(login, placement, "s-" + UUID.randomUUID(), Lms13.LEARNER).build());
    Http.Res first = lms.launch(login, token);
    assertEquals(200, first.status(), first.body()); // not set up yet
    assertTrue(first.body().contains("Not set up yet"), first.body());
    Http.Res again = lms.launch(login, token);
    assertEquals(401, again.status(), again.body());
    assertTrue(again.body().contains("already used"), again.body());
  }

  @Test
  void withoutTheCookieAndWithoutPlatformStorageANewWindowIsOffered() {
    Lms13 lms = new Lms13(platform).register();
    Lms13.Login login = lms.login();
    String placement = "rl13-" + UUID.randomUUID();
    String token =
        platform.sign(
            lms.claims(login, placement, "s-" + UUID.randomUUID(), Lms13.LEARNER).build());
    Http.Res res =
        http()
            .postForm(
                "/lti13/launch",
                Lms13.form(Map.of("id_token", token, "state", login.state())),
                "Accept",
                "text/html");
    assertEquals(200, res.status(), res.body());
    assertTrue(res.body().contains("Open in a new window"), res.body());
    assertTrue(res.body().contains("target=\"_blank\""), res.body());
    assertTrue(res.body().contains("name=\"login_hint\""), res.body());
    assertFalse(res.body().contains(login.nonce()), "the nonce stays private");
    assertEquals(0, unconsumedMissing(login));

    // The same id_token with the cookie still works: nothing was used up.
    Http.Res withCookie = lms.launch(login, token);
    assertEquals(200, withCookie.status(), withCookie.body());
    assertTrue(withCookie.body().contains("Not set up yet"));
  }

  @Test
  void platformStorageCarriesTheBindingWhenCookiesAreBlocked() {
    Lms13 lms = new Lms13(platform).register();
    Map<String, String> p =
        Map.of(
            "iss", platform.issuer(),
            "login_hint", "hint",
            "target_link_uri", Lms13.target(),
            "client_id", lms.clientId(),
            "lti_storage_target", "post_message_forwarding");
    Http.Res page = http().get("/lti13/login?" + Lms13.form(p));
    assertEquals(200, page.status(), page.body());
    String value = attribute(page.body(), "data-value");
    String next = attribute(page.body(), "data-next").replace("&amp;", "&");
    assertEquals("post_message_forwarding", attribute(page.body(), "data-target"));
    assertEquals(platform.issuer(), attribute(page.body(), "data-origin"));
    assertEquals("put", attribute(page.body(), "data-mode"));
    Map<String, String> auth = FakePlatform.query(java.net.URI.create(next));
    Lms13.Login login = new Lms13.Login(auth, "none=1");
    String placement = "rl13-" + UUID.randomUUID();
    String token =
        platform.sign(
            lms.claims(login, placement, "s-" + UUID.randomUUID(), Lms13.LEARNER).build());

    Http.Res get =
        http()
            .postForm(
                "/lti13/launch",
                Lms13.form(Map.of("id_token", token, "state", login.state())),
                "Accept",
                "text/html");
    assertEquals(200, get.status(), get.body());
    assertEquals("get", attribute(get.body(), "data-mode"));
    assertEquals(attribute(page.body(), "data-key"), attribute(get.body(), "data-key"));

    Http.Res wrong =
        http()
            .postForm(
                "/lti13/launch",
                Lms13.form(
                    Map.of(
                        "id_token", token, "state", login.state(), "lti_storage_binding", "nope")),
                "Accept",
                "text/html");
    assertEquals(401, wrong.status(), wrong.body());
    assertTrue(wrong.body().contains("not started in this browser"), wrong.body());

    Http.Res ok =
        http()
            .postForm(
                "/lti13/launch",
                Lms13.form(
                    Map.of(
                        "id_token", token, "state", login.state(), "lti_storage_binding", value)),
                "Accept",
                "text/html");
    assertEquals(200, ok.status(), ok.body());
    assertTrue(ok.body().contains("Not set up yet"), ok.body());
  }

  @Test
  void sameIssuerWithSeveralClientIdsKeepsActivitiesApart() {
    Lms13 a = new Lms13(platform).register();
    Lms13 b = new Lms13(platform).register();
    String placement = "rl13-" + UUID.randomUUID();
    assertEquals(303, a.instructor(placement, DEMO_INSTRUCTOR).status());
    assertEquals(303, b.instructor(placement, DEMO_INSTRUCTOR).status());

    Http.Res ambiguous =
        http()
            .get(
                "/lti13/login?"
                    + Lms13.form(
                        Map.of(
                            "iss",
                            platform.issuer(),
                            "login_hint",
                            "x",
                            "target_link_uri",
                            Lms13.target())),
                "Accept",
                "text/html");
    assertEquals(400, ambiguous.status(), ambiguous.body());
    assertTrue(ambiguous.body().contains("client_id"), ambiguous.body());
  }

  @Test
  void unregisteredPendingAndDisabledPlatformsAreRefusedAtLogin() {
    long before = db().count("SELECT COUNT(*) FROM lti13_oidc_states");
    Http.Res unknown =
        http()
            .get(
                "/lti13/login?"
                    + Lms13.form(
                        Map.of(
                            "iss",
                            "https://unknown.example.edu",
                            "login_hint",
                            "x",
                            "target_link_uri",
                            Lms13.target())),
                "Accept",
                "text/html");
    assertEquals(401, unknown.status(), unknown.body());
    assertTrue(unknown.body().contains("no registration"), unknown.body());

    Lms13 pending = new Lms13(platform).register("PENDING");
    Http.Res refused =
        http()
            .get(
                "/lti13/login?"
                    + Lms13.form(
                        Map.of(
                            "iss",
                            platform.issuer(),
                            "login_hint",
                            "x",
                            "client_id",
                            pending.clientId(),
                            "target_link_uri",
                            Lms13.target())),
                "Accept",
                "text/html");
    assertEquals(403, refused.status(), refused.body());
    assertTrue(refused.body().contains("pending"), refused.body());

    Lms13 lms = new Lms13(platform).register();
    Http.Res wrongDeployment =
        http()
            .get(
                "/lti13/login?"
                    + Lms13.form(
                        Map.of(
                            "iss",
                            platform.issuer(),
                            "login_hint",
                            "x",
                            "client_id",
                            lms.clientId(),
                            "lti_deployment_id",
                            "not-deployed",
                            "target_link_uri",
                            Lms13.target())),
                "Accept",
                "text/html");
    assertEquals(403, wrongDeployment.status(), wrongDeployment.body());
    assertEquals(before, db().count("SELECT COUNT(*) FROM lti13_oidc_states"), "nothing written");
  }

  @Test
  void aRotatedPlatformKeyIsFetchedOnceAndKnownKeysAreNot() throws IOException {
    try (FakePlatform own = FakePlatform.start()) {
      Lms13 lms = new Lms13(own).register();
      assertEquals(
          200, lms.launch("rl13-" + UUID.randomUUID(), "s-1", Lms13.LEARNER, b -> b).status());
      assertEquals(
          200, lms.launch("rl13-" + UUID.randomUUID(), "s-2", Lms13.LEARNER, b -> b).status());
      assertEquals(1, own.jwksFetches(), "the keyset is cached");
      own.rotate();
      Http.Res rotated = lms.launch("rl13-" + UUID.randomUUID(), "s-3", Lms13.LEARNER, b -> b);
      assertEquals(200, rotated.status(), rotated.body());
      assertEquals(2, own.jwksFetches(), "fetched again for the unknown kid");
      assertEquals(
          200, lms.launch("rl13-" + UUID.randomUUID(), "s-4", Lms13.LEARNER, b -> b).status());
      assertEquals(2, own.jwksFetches());
    }
  }

  @Test
  void jsonConfigurationNamesOurUrls() {
    Http.Res res = http().get("/lti13/config.json");
    assertEquals(200, res.status(), res.body());
    assertTrue(res.body().contains("\"oidc_initiation_url\":\"" + base() + "lti13/login\""));
    assertTrue(res.body().contains("\"public_jwk_url\":\"" + base() + "lti/jwks\""));
    assertTrue(res.body().contains("\"target_link_uri\":\"" + Lms13.target() + "\""));
    assertTrue(res.body().contains("LtiDeepLinkingRequest"));
  }

  /** A fresh resource link, set up by the demo instructor with the Physics Tutor. */
  private static String configuredPlacement(Lms13 lms) {
    String placement = "rl13-" + UUID.randomUUID();
    Http.Res setup = lms.instructor(placement, DEMO_INSTRUCTOR);
    Http.Res configured =
        http()
            .postForm(
                "/lamb/v1/lti/configure",
                "token="
                    + setup.locationToken()
                    + "&assistant_ids="
                    + db().demoAssistant("Physics Tutor"));
    assertEquals(303, configured.status(), configured.body());
    return placement;
  }

  private static long unconsumedMissing(Lms13.Login login) {
    return db().count(
            "SELECT COUNT(*) FROM lti13_oidc_states WHERE consumed_at IS NOT NULL AND state_hash = ?",
            sha256(login.state()));
  }

  static String sha256(String value) {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-256")
                  .digest(value.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String attribute(String html, String name) {
    Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(html);
    if (!m.find()) {
      throw new AssertionError("no " + name + " in " + html);
    }
    return m.group(1);
  }
}
