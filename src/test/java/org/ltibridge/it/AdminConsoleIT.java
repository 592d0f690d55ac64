package org.ltibridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.Test;
import org.ltibridge.it.Lms.Person;

/**
 * The admin console over real HTTP: sign-in through Jakarta Security, the one-time-password flow,
 * what a system admin and an organisation admin see and may change, and that refused changes write
 * nothing. The Unified LTI key and secret stay those the other ITs sign with.
 */
class AdminConsoleIT extends ItBase {

  static final String ADMIN = "it-admin";
  static final String ADMIN_PASSWORD = "it-admin-password-1";
  static final String HOME = "/ui/admin/index.xhtml";
  static final String CAP =
      "SELECT CAST(model_max_concurrent AS VARCHAR(10)) FROM organizations WHERE id = ?";
  static final String LOGIN = "/ui/login.xhtml";
  static final String PASSWORD_PAGE = "/ui/admin/password.xhtml";
  static final String CONSOLE_MARK = "LTI 1.1 (Unified LTI)";
  static final String LOGIN_MARK = "Sign in to the console";

  @Test
  void adminPathSendsToConsoleHome() {
    Http.Res res = browser().get("/admin");
    assertEquals(303, res.status());
    assertEquals(HOME, res.location());
    assertNoFraming(res);
  }

  @Test
  void consoleAsksForSignInWithoutShowingItself() {
    Http.Res res = browser().get(HOME);
    // Payara's Jakarta Security forwards to the login page (LoginToContinue's default): the
    // address stays that of the console page, the body is the sign-in form.
    assertEquals(200, res.status(), res.body());
    assertTrue(res.body().contains(LOGIN_MARK), res.body());
    assertTrue(res.body().contains("action=\"/ui/login.xhtml\""), res.body());
    assertFalse(res.body().contains(CONSOLE_MARK), res.body());
    assertFalse(res.body().contains(KEY), res.body());
    assertNoFraming(res);

    Http.Res login = browser().get(LOGIN);
    assertEquals(200, login.status());
    assertTrue(login.body().contains("for=\"login:username\""), "labelled fields");
    assertNoFraming(login);
  }

  @Test
  void wrongPasswordIsRefusedWithoutSayingWhichPart() {
    Browser browser = browser();
    Http.Res wrongPassword = signIn(browser, ADMIN, "not-the-password");
    assertTrue(wrongPassword.body().contains("Wrong username or password."), wrongPassword.body());
    assertNoFraming(wrongPassword);
    Http.Res unknownUser = signIn(browser, "nobody-" + UUID.randomUUID(), ADMIN_PASSWORD);
    assertTrue(unknownUser.body().contains("Wrong username or password."), unknownUser.body());

    Http.Res console = browser.get(HOME);
    assertTrue(console.body().contains(LOGIN_MARK), "still not signed in");
    assertFalse(console.body().contains(CONSOLE_MARK));
  }

  @Test
  void repeatedWrongPasswordsLockTheUsernameEvenForTheRightPassword() {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String username = "lockout-admin-" + suffix;
    String password = "lockout-password-" + suffix;
    db().update(
            "INSERT INTO admin_users (username, password_hash, role, must_change_password,"
                + " created_at) VALUES (?, ?, 'org-admin', FALSE, CURRENT_TIMESTAMP)",
            username,
            pbkdf2(password));
    try {
      Browser browser = browser();
      for (int i = 0; i < 5; i++) {
        Http.Res wrong = signIn(browser, username, "guess-" + i);
        assertTrue(wrong.body().contains("Wrong username or password."), wrong.body());
      }
      Http.Res locked = signIn(browser, username, password);
      assertTrue(locked.body().contains("Too many failed sign-ins"), locked.body());
      assertTrue(browser.get(HOME).body().contains(LOGIN_MARK), "not signed in");

      // Another username from the same browser is not affected.
      Http.Res admin = signInFromConsole(browser(), ADMIN, ADMIN_PASSWORD);
      assertTrue(admin.body().contains(CONSOLE_MARK), admin.body());
    } finally {
      db().update("DELETE FROM admin_users WHERE username = ?", username);
    }
  }

  @Test
  void systemAdminSeesCredentialsAndRevealsTheSecretOnRequest() {
    Browser browser = browser();
    Http.Res console = signInFromConsole(browser, ADMIN, ADMIN_PASSWORD);
    assertEquals(200, console.status(), console.body());
    assertTrue(console.body().contains(CONSOLE_MARK), console.body());
    assertNoFraming(console);
    assertTrue(console.body().contains(base() + "lamb/v1/lti/launch"), console.body());
    assertTrue(console.body().contains("<code id=\"consumer-key\">" + KEY + "</code>"));
    assertFalse(console.body().contains(SECRET), "the secret stays hidden until revealed");
    assertTrue(console.body().contains("Reveal secret"));

    Http.Res revealed = browser.ajax(Browser.Form.in(console.body(), "lti"), "lti:reveal", "lti");
    assertEquals(200, revealed.status(), revealed.body());
    assertTrue(revealed.body().contains("<partial-response"), revealed.body());
    assertTrue(revealed.body().contains(SECRET), revealed.body());
    assertNoFraming(revealed);
  }

  /**
   * The sign-in is an opaque cookie, not an HTTP session (so that any instance behind a load
   * balancer recognises it): HttpOnly, SameSite=Lax, only its SHA-256 in the database, a fresh one
   * at every sign-in, and sign-out ends it on the server too.
   */
  @Test
  void signInIsAnOpaqueCookieAndSignOutEndsIt() {
    Browser browser = browser();
    Http.Res first = browser.get(HOME);
    assertTrue(first.body().contains(LOGIN_MARK), first.body());
    assertTrue(browser.cookie("JSESSIONID").isEmpty(), "no HTTP session");
    Http.Res posted = browser.submit(loginForm(first, ADMIN, ADMIN_PASSWORD), "login:signIn");
    assertEquals(3, posted.status() / 100, posted.body());
    String setCookie = String.join("\n", posted.raw().headers().allValues("Set-Cookie"));
    assertTrue(setCookie.contains(SIGN_IN_COOKIE + "="), setCookie);
    assertTrue(setCookie.contains("SameSite=Lax"), setCookie);
    assertTrue(setCookie.contains("HttpOnly"), setCookie);
    assertFalse(setCookie.contains("Secure"), "plain http here: " + setCookie);
    String token = browser.cookie(SIGN_IN_COOKIE).orElseThrow();
    assertEquals(
        1, db().count("SELECT COUNT(*) FROM sign_in_sessions WHERE token_hash = ?", sha256(token)));
    assertEquals(
        0, db().count("SELECT COUNT(*) FROM sign_in_sessions WHERE token_hash = ?", token));
    Http.Res console = browser.settle(posted);
    assertTrue(console.body().contains(CONSOLE_MARK));
    assertTrue(browser.cookie("JSESSIONID").isEmpty(), "still no HTTP session");

    Http.Res again = signInFromConsole(browser(), ADMIN, ADMIN_PASSWORD);
    assertTrue(again.body().contains(CONSOLE_MARK));

    Http.Res out = browser.submit(Browser.Form.in(console.body(), "account"), "account:signOut");
    assertEquals(LOGIN, browser.settle(out).raw().uri().getPath());
    assertTrue(browser.get(HOME).body().contains(LOGIN_MARK), "signed out");
    assertEquals(
        0, db().count("SELECT COUNT(*) FROM sign_in_sessions WHERE token_hash = ?", sha256(token)));
    Http.Res replayed = http().get(HOME, "Cookie", SIGN_IN_COOKIE + "=" + token);
    assertTrue(replayed.body().contains(LOGIN_MARK), "the old cookie signs nobody in");
  }

  /** A page asked for before signing in is where the sign-in leads (a local path only). */
  @Test
  void signInContinuesToThePageAskedFor() {
    Browser browser = browser();
    String page = "/ui/admin/organizations.xhtml";
    Http.Res login = browser.get(page);
    assertTrue(login.body().contains(LOGIN_MARK), login.body());
    Http.Res posted = browser.submit(loginForm(login, ADMIN, ADMIN_PASSWORD), "login:signIn");
    assertEquals(page, posted.location());

    Browser other = browser();
    Http.Res form = other.get(LOGIN);
    Http.Res elsewhere =
        other.submit(
            loginForm(form, ADMIN, ADMIN_PASSWORD).with("login:next", "//evil.example/ui/admin/"),
            "login:signIn");
    assertEquals(HOME, elsewhere.location());
  }

  static final String SIGN_IN_COOKIE = "ltibridge_signin";

  static String sha256(String token) {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-256")
                  .digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void tooShortSecretIsRefusedAndNothingChanges() {
    Browser browser = browser();
    Http.Res console = signInFromConsole(browser, ADMIN, ADMIN_PASSWORD);
    String before = globalConfig();

    Browser.Form change =
        Browser.Form.in(console.body(), "ltiChange")
            .with("ltiChange:key", KEY)
            .with("ltiChange:secret", "too-short");
    Http.Res refused = browser.ajax(change, "ltiChange:save", "ltiChange lti");
    assertEquals(200, refused.status(), refused.body());
    assertTrue(
        refused.body().contains("The secret must be at least 16 characters long."), refused.body());
    assertEquals(before, globalConfig(), "a refused change writes nothing");

    // A change that succeeds, to the very key and secret every other IT signs with.
    Http.Res saved =
        browser.ajax(
            change.after(refused).with("ltiChange:secret", SECRET), "ltiChange:save", "ltiChange");
    assertTrue(saved.body().contains("have been saved"), saved.body());
    assertFalse(saved.body().contains(SECRET), "the secret is not echoed");
    assertEquals(
        KEY + "|" + ADMIN,
        db().string("SELECT consumer_key || '|' || updated_by FROM lti_global_config"));
    assertEquals(200, lms().launch(Person.student(), Lms.newPlacement()).status(), "still signs");
  }

  @Test
  void oneTimePasswordMustBeReplacedBeforeAnythingElse() {
    String username = "otp-" + UUID.randomUUID();
    String oneTime = "one-time-" + UUID.randomUUID();
    // Not ASCII: browsers post forms without a charset, and the password is checked before JSF
    // sets one (web.xml request-character-encoding).
    String chosen = "chösen-pässwörd-" + UUID.randomUUID();
    db().update(
            "INSERT INTO admin_users (username, password_hash, role, must_change_password,"
                + " created_at) VALUES (?, ?, 'system-admin', TRUE, CURRENT_TIMESTAMP)",
            username,
            pbkdf2(oneTime));
    try {
      Browser browser = browser();
      Http.Res signedIn = signIn(browser, username, oneTime);
      assertEquals(PASSWORD_PAGE, signedIn.raw().uri().getPath(), signedIn.body());
      // Someone else signed in with the same password, elsewhere.
      Browser elsewhere = browser();
      assertEquals(PASSWORD_PAGE, signIn(elsewhere, username, oneTime).raw().uri().getPath());
      assertTrue(signedIn.body().contains("one-time password"), signedIn.body());

      for (String page : new String[] {HOME, "/ui/admin/other.xhtml", "/admin"}) {
        Http.Res res = browser.get(page);
        assertEquals(3, res.status() / 100, page + " answered " + res.status());
        Http.Res landed = browser.settle(res);
        assertEquals(PASSWORD_PAGE, landed.raw().uri().getPath(), page);
        assertFalse(landed.body().contains(CONSOLE_MARK), page);
      }
      Http.Res ajax =
          browser.post(
              HOME, Map.of("jakarta.faces.partial.ajax", "true"), "Faces-Request", "partial/ajax");
      assertTrue(ajax.body().contains("<redirect url=\"/ui/admin/password.xhtml\""), ajax.body());

      Http.Res page = browser.get(PASSWORD_PAGE);
      Http.Res mismatch =
          browser.submit(passwordForm(page, oneTime, chosen, chosen + "x"), "password:change");
      assertTrue(mismatch.body().contains("differ"), mismatch.body());
      Http.Res wrongCurrent =
          browser.submit(passwordForm(page, "wrong", chosen, chosen), "password:change");
      assertTrue(wrongCurrent.body().contains("current password is not correct"));
      Http.Res weak =
          browser.submit(passwordForm(page, oneTime, "short", "short"), "password:change");
      assertTrue(weak.body().contains("at least 12 characters"), weak.body());
      assertEquals(
          "true",
          db().string(
                  "SELECT CAST(must_change_password AS VARCHAR(5)) FROM admin_users WHERE"
                      + " username = ?",
                  username));

      Http.Res changed =
          browser.submit(passwordForm(page, oneTime, chosen, chosen), "password:change");
      assertEquals(3, changed.status() / 100, changed.body());
      Http.Res console = browser.settle(changed);
      assertEquals(HOME, console.raw().uri().getPath());
      assertTrue(console.body().contains(CONSOLE_MARK), console.body());
      assertTrue(console.body().contains("Your password has been changed."), console.body());
      // The change ended the other sign-in, and kept this one.
      Http.Res signedOut = elsewhere.settle(elsewhere.get(HOME));
      assertFalse(signedOut.body().contains(CONSOLE_MARK), signedOut.body());
      assertTrue(signedOut.body().contains(LOGIN_MARK), signedOut.body());
      assertTrue(browser.settle(browser.get(HOME)).body().contains(CONSOLE_MARK));
      assertEquals(
          "false",
          db().string(
                  "SELECT CAST(must_change_password AS VARCHAR(5)) FROM admin_users WHERE"
                      + " username = ?",
                  username));
      assertTrue(signIn(browser(), username, chosen).body().contains(CONSOLE_MARK));
    } finally {
      db().update("DELETE FROM admin_users WHERE username = ?", username);
    }
  }

  @Test
  void activitiesShowOwnerReviewAndStudentCount() {
    Lms lms = lms();
    String placement = Lms.newPlacement();
    Activities.configure(lms, placement, true);
    lms.launch(Person.student(), placement);
    lms.launch(Person.student(), placement);
    String name = "Admin IT " + UUID.randomUUID();
    db().update(
            "UPDATE lti_activities SET activity_name = ? WHERE resource_link_id = ?",
            name,
            placement);

    Http.Res console = signInFromConsole(browser(), ADMIN, ADMIN_PASSWORD);
    String row = rowOf(console.body(), name);
    assertTrue(row.contains("Demo University"), row);
    assertTrue(row.contains("Physics 101"), row);
    assertTrue(row.contains(UnifiedLaunchIT.DEMO_INSTRUCTOR), row);
    assertTrue(row.contains(">On<"), row);
    assertTrue(row.contains(">2<"), row);
  }

  @Test
  void organisationAdminSeesOnlyTheirOrganisationAndCannotTouchTheSecret() {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String slug = "it-org-" + suffix;
    String orgName = "IT Organisation " + suffix;
    String username = "org-admin-" + suffix;
    String password = "org-admin-password-" + suffix;
    db().update(
            "INSERT INTO organizations (slug, name, created_at) VALUES (?, ?, CURRENT_TIMESTAMP)",
            slug,
            orgName);
    long org = db().count("SELECT id FROM organizations WHERE slug = ?", slug);
    db().update(
            "INSERT INTO admin_users (username, password_hash, role, organization_id,"
                + " must_change_password, created_at) VALUES (?, ?, 'org-admin', ?, FALSE,"
                + " CURRENT_TIMESTAMP)",
            username,
            pbkdf2(password),
            org);
    String ownActivity = "Own activity " + suffix;
    insertActivity(org, ownActivity);
    String demoPlacement = Lms.newPlacement();
    Activities.configure(lms(), demoPlacement, false);
    String demoActivity = "Demo activity " + suffix;
    db().update(
            "UPDATE lti_activities SET activity_name = ? WHERE resource_link_id = ?",
            demoActivity,
            demoPlacement);

    try {
      Browser browser = browser();
      Http.Res console = signInFromConsole(browser, username, password);
      String body = console.body();
      assertTrue(body.contains(CONSOLE_MARK), body);
      assertTrue(body.contains(ownActivity), body);
      assertFalse(body.contains(demoActivity), "another organisation's activity");
      assertTrue(body.contains("<legend>" + orgName + "</legend>"), body);
      assertFalse(body.contains("Demo University"), "another organisation's endpoint");
      assertTrue(body.contains(KEY), "the key is no secret");
      assertFalse(body.contains("Reveal secret"));
      assertFalse(body.contains("id=\"ltiChange\""));

      // Hand-crafted postbacks of what the page did not offer change and reveal nothing.
      Browser.Form lti = Browser.Form.in(body, "lti");
      Http.Res reveal = browser.ajax(lti, "lti:reveal", "lti");
      assertFalse(reveal.body().contains(SECRET), reveal.body());
      String before = globalConfig();
      Browser.Form forged =
          new Browser.Form("ltiChange", lti.action(), new LinkedHashMap<>(lti.fields()))
              .withExtra("ltiChange", "ltiChange")
              .withExtra("ltiChange:key", "hijacked-key")
              .withExtra("ltiChange:secret", "hijacked-secret-0123456789");
      Http.Res change = browser.ajax(forged, "ltiChange:save", "ltiChange");
      assertFalse(change.body().contains("have been saved"), change.body());
      assertEquals(before, globalConfig());

      // Their own model endpoint: validated, the key stored encrypted and never shown.
      String formId = "endpoints:0:endpoint";
      Browser.Form endpoint = Browser.Form.in(body, formId);
      Http.Res bad =
          browser.ajax(
              endpoint.with(formId + ":url", "ftp://models.example.edu"), formId + ":save", formId);
      assertTrue(bad.body().contains("absolute http:// or https:// URL"), bad.body());
      assertEquals(null, db().string("SELECT model_base_url FROM organizations WHERE id = ?", org));
      Http.Res good =
          browser.ajax(
              endpoint
                  .after(bad)
                  .with(formId + ":url", "https://models.example.edu/v1")
                  .with(formId + ":key", "sk-it-" + suffix),
              formId + ":save",
              formId);
      assertTrue(good.body().contains("has been saved"), good.body());
      assertTrue(good.body().contains("A key is set"), good.body());
      assertFalse(good.body().contains("sk-it-" + suffix), "the key is write-only");
      assertEquals(
          "https://models.example.edu/v1",
          db().string("SELECT model_base_url FROM organizations WHERE id = ?", org));
      String sealed = db().string("SELECT model_api_key_enc FROM organizations WHERE id = ?", org);
      assertTrue(sealed.startsWith("v1:") && !sealed.contains("sk-it-"), sealed);

      // Its cap on concurrent model requests: labelled, explained, 1 to 10000 or empty.
      String cap = formId + ":maxConcurrent";
      assertTrue(
          body.contains("<label id=\"" + cap + "_label\"") || body.contains("for=\"" + cap + "\""),
          "the field has a label: " + body);
      assertTrue(body.contains("Concurrent requests to the model"), body);
      assertTrue(body.contains("aria-describedby=\"max-concurrent-help-" + org + "\""), body);
      assertTrue(body.contains("<p id=\"max-concurrent-help-" + org + "\""), body);
      assertTrue(body.contains("leave empty for the default (100)."), body);
      Browser.Form withUrl = endpoint.with(formId + ":url", "https://models.example.edu/v1");
      Http.Res badCap =
          browser.ajax(withUrl.after(good).with(cap, "abc"), formId + ":save", formId);
      assertTrue(
          badCap
              .body()
              .contains("must be a whole number from 1 to 10000, or empty for the default"),
          badCap.body());
      assertNull(db().string(CAP, org));
      Http.Res capped =
          browser.ajax(withUrl.after(badCap).with(cap, " 40 "), formId + ":save", formId);
      assertTrue(capped.body().contains("has been saved"), capped.body());
      assertEquals("40", db().string(CAP, org));
      assertEquals(
          "https://models.example.edu/v1",
          db().string("SELECT model_base_url FROM organizations WHERE id = ?", org));
      assertEquals(
          sealed, db().string("SELECT model_api_key_enc FROM organizations WHERE id = ?", org));
      // Read back on the page as it opens next time.
      Http.Res again = browser.get(HOME);
      assertEquals("40", Browser.Form.in(again.body(), formId).fields().get(cap), again.body());
      Http.Res cleared =
          browser.ajax(
              Browser.Form.in(again.body(), formId).with(cap, ""), formId + ":save", formId);
      assertTrue(cleared.body().contains("has been saved"), cleared.body());
      assertNull(db().string(CAP, org));
    } finally {
      db().update("DELETE FROM admin_users WHERE username = ?", username);
    }
  }

  // --- helpers -------------------------------------------------------------------------------

  static Browser browser() {
    return new Browser(base());
  }

  /** Signs in on the login page itself; returns the page the browser ends on. */
  private static Http.Res signIn(Browser browser, String username, String password) {
    Http.Res page = browser.get(LOGIN);
    return browser.settle(browser.submit(loginForm(page, username, password), "login:signIn"));
  }

  /** Asks for the console first, signs in on the page that answers, ends where that leads. */
  static Http.Res signInFromConsole(Browser browser, String username, String password) {
    Http.Res page = browser.get(HOME);
    assertTrue(page.body().contains(LOGIN_MARK), page.body());
    Http.Res posted = browser.submit(loginForm(page, username, password), "login:signIn");
    assertEquals(3, posted.status() / 100, "a redirect back to the console: " + posted.body());
    return browser.settle(posted);
  }

  private static Browser.Form loginForm(Http.Res page, String username, String password) {
    return Browser.Form.in(page.body(), "login")
        .with("login:username", username)
        .with("login:password", password);
  }

  private static Browser.Form passwordForm(
      Http.Res page, String current, String fresh, String repeat) {
    return Browser.Form.in(page.body(), "password")
        .with("password:current", current)
        .with("password:fresh", fresh)
        .with("password:repeat", repeat);
  }

  private static void assertNoFraming(Http.Res res) {
    assertEquals("DENY", res.header("X-Frame-Options").orElse(null), "X-Frame-Options");
    assertTrue(
        res.header("Content-Security-Policy").orElse("").contains("frame-ancestors 'none'"),
        "CSP: " + res.header("Content-Security-Policy"));
  }

  private static String globalConfig() {
    return db().count("SELECT COUNT(*) FROM lti_global_config")
        + "|"
        + db().string(
                "SELECT consumer_key || '|' || consumer_secret_enc || '|' || CAST(updated_at AS"
                    + " VARCHAR(40)) FROM lti_global_config");
  }

  private static String rowOf(String html, String marker) {
    Matcher m =
        Pattern.compile(
                "<tr\\b[^>]*>(?:(?!</tr>).)*?" + Pattern.quote(marker) + ".*?</tr>", Pattern.DOTALL)
            .matcher(html);
    if (!m.find()) {
      throw new AssertionError("no row with " + marker + " in:\n" + html);
    }
    return m.group();
  }

  /** An activity of another organisation, dated back so that it never crowds page one. */
  private static void insertActivity(long org, String name) {
    String email = "owner-" + UUID.randomUUID() + "@example.edu";
    db().update(
            "INSERT INTO creator_users (organization_id, email, display_name, auth_provider,"
                + " enabled, created_at) VALUES (?, ?, 'Org Owner', 'password', TRUE,"
                + " CURRENT_TIMESTAMP)",
            org,
            email);
    long owner = db().count("SELECT id FROM creator_users WHERE email = ?", email);
    db().update(
            "INSERT INTO lti_activities (platform_key, resource_link_id, organization_id,"
                + " context_id, context_title, activity_name, owner_creator_user_id, owner_email,"
                + " configured_by_email, chat_visibility_enabled, status, created_at, updated_at)"
                + " VALUES ('it-platform', ?, ?, 'c-1', 'Org course', ?, ?, ?, ?, FALSE,"
                + " 'ACTIVE', TIMESTAMP '2020-01-01 00:00:00', TIMESTAMP '2020-01-01 00:00:00')",
            Lms.newPlacement(),
            org,
            name,
            owner,
            email,
            email);
  }

  /**
   * A PBKDF2 hash in the format of Soteria's Pbkdf2PasswordHashImpl ({@code
   * algorithm:iterations:base64(salt):base64(hash)}), with the parameters of SecurityConfiguration.
   */
  static String pbkdf2(String password) {
    try {
      byte[] salt = new byte[32];
      new SecureRandom().nextBytes(salt);
      byte[] hash =
          SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
              .generateSecret(new PBEKeySpec(password.toCharArray(), salt, 210_000, 32 * 8))
              .getEncoded();
      return "PBKDF2WithHmacSHA256:210000:"
          + Base64.getEncoder().encodeToString(salt)
          + ":"
          + Base64.getEncoder().encodeToString(hash);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
