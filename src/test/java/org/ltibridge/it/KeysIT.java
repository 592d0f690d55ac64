package org.ltibridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.KeyUse;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Our keyset over HTTP and a rotation driven from the console. The ITs run with a 5-second
 * publishing time (failsafe sets LTI_BRIDGE_KEYS_PUBLISH_AHEAD), so the test can watch a new key go
 * from published to signing while the old one stays published.
 */
class KeysIT extends ItBase {

  static final String KEYS_PAGE = "/ui/admin/keys.xhtml";
  static final Pattern ROW =
      Pattern.compile(
          "<code>([A-Za-z0-9_-]{20,})</code>.*?<span class=\"key-state\">([^<]+)</span>",
          Pattern.DOTALL);

  @Test
  void keysetIsPublicRsaForSigningAtBothAddresses() throws Exception {
    Http.Res jwks = http().get("/lti/jwks");
    assertEquals(200, jwks.status(), jwks.body());
    assertTrue(jwks.header("Content-Type").orElse("").startsWith("application/json"));
    assertTrue(jwks.header("Cache-Control").orElse("").contains("max-age="));
    JWKSet set = JWKSet.parse(jwks.body());
    assertFalse(set.getKeys().isEmpty());
    for (JWK key : set.getKeys()) {
      assertEquals(KeyType.RSA, key.getKeyType());
      assertEquals(KeyUse.SIGNATURE, key.getKeyUse());
      assertEquals(JWSAlgorithm.RS256, key.getAlgorithm());
      assertFalse(key.isPrivate(), "public halves only");
      assertTrue(key.getKeyID() != null && !key.getKeyID().isBlank());
    }
    for (String privatePart : List.of("\"d\"", "\"p\"", "\"q\"", "\"dp\"", "\"dq\"", "\"qi\"")) {
      assertFalse(jwks.body().contains(privatePart), privatePart);
    }

    Http.Res wellKnown = http().get("/.well-known/jwks.json");
    assertEquals(200, wellKnown.status());
    assertEquals(set.toString(), JWKSet.parse(wellKnown.body()).toString());
  }

  @Test
  void aRotationPublishesTheNewKeyBeforeItSignsAndKeepsTheOldOnePublished() throws Exception {
    Browser browser = AdminConsoleIT.browser();
    AdminConsoleIT.signInFromConsole(browser, AdminConsoleIT.ADMIN, AdminConsoleIT.ADMIN_PASSWORD);
    Http.Res page = browser.get(KEYS_PAGE);
    assertEquals(200, page.status(), page.body());
    String oldKid = kidIn(page.body(), "signing");
    assertTrue(kids().contains(oldKid), "the signing key is published");
    long before = db().count("SELECT COUNT(*) FROM signing_keys");

    Browser.Form form = Browser.Form.in(page.body(), "keysForm");
    Http.Res rotated = browser.ajax(form, "keysForm:rotate", "keysForm");
    // A second click while the new key waits (the ITs give it 5 s) does not stack another key.
    browser.ajax(form.after(rotated), "keysForm:rotate", "keysForm");
    long keysAfterTwoClicks = db().count("SELECT COUNT(*) FROM signing_keys");
    assertTrue(rotated.body().contains("will sign once its waiting time is over"), rotated.body());
    String newKid = kidIn(rotated.body(), "published, waiting to sign");
    assertNotEquals(oldKid, newKid);
    assertEquals(before + 1, keysAfterTwoClicks);
    assertTrue(kids().containsAll(List.of(oldKid, newKid)), "published before it signs");
    assertEquals(oldKid, kidIn(browser.get(KEYS_PAGE).body(), "signing"), "old key still signs");

    Thread.sleep(5_500);
    String after = browser.get(KEYS_PAGE).body();
    assertEquals(newKid, kidIn(after, "signing"));
    assertEquals(oldKid, kidIn(after, "retired, still published"));
    assertTrue(kids().containsAll(List.of(oldKid, newKid)), "the old key stays published");
  }

  @Test
  void anOrganisationAdminSeesTheKeysButCannotRotate() {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String username = "keys-org-admin-" + suffix;
    String password = "keys-org-admin-password-" + suffix;
    db().update(
            "INSERT INTO admin_users (username, password_hash, role, must_change_password,"
                + " created_at) VALUES (?, ?, 'org-admin', FALSE, CURRENT_TIMESTAMP)",
            username,
            AdminConsoleIT.pbkdf2(password));
    try {
      Browser browser = AdminConsoleIT.browser();
      AdminConsoleIT.signInFromConsole(browser, username, password);
      Http.Res page = browser.get(KEYS_PAGE);
      assertEquals(200, page.status());
      assertFalse(page.body().contains("keysForm:rotate"), "no rotate button offered");
      long before = db().count("SELECT COUNT(*) FROM signing_keys");
      Http.Res forged =
          browser.ajax(Browser.Form.in(page.body(), "keysForm"), "keysForm:rotate", "keysForm");
      assertFalse(forged.body().contains("is published"), forged.body());
      assertEquals(before, db().count("SELECT COUNT(*) FROM signing_keys"));
    } finally {
      db().update("DELETE FROM admin_users WHERE username = ?", username);
    }
  }

  @Test
  void theKeysPageNeedsSignIn() {
    Http.Res page = AdminConsoleIT.browser().get(KEYS_PAGE);
    assertTrue(page.body().contains(AdminConsoleIT.LOGIN_MARK), page.body());
    assertNull(firstKid(page.body()));
  }

  private static List<String> kids() {
    try {
      return JWKSet.parse(http().get("/lti/jwks").body()).getKeys().stream()
          .map(JWK::getKeyID)
          .toList();
    } catch (java.text.ParseException e) {
      throw new AssertionError(e);
    }
  }

  private static String kidIn(String html, String state) {
    Matcher m = ROW.matcher(html);
    while (m.find()) {
      if (m.group(2).equals(state)) {
        return m.group(1);
      }
    }
    throw new AssertionError("no key in state '" + state + "' on: " + html);
  }

  private static String firstKid(String html) {
    Matcher m = ROW.matcher(html);
    return m.find() ? m.group(1) : null;
  }
}
