package org.ltibridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ltibridge.testsupport.FakePlatform;

/**
 * Deep Linking 2.0 round trip: the instructor picks assistants in the LMS's dialog, the LMS gets a
 * signed LtiDeepLinkingResponse (checked against our published JWKS), the activities exist before
 * any student arrives, and the first launch of a returned link binds it.
 */
public class Lti13DeepLinkingIT extends ItBase {

  static final String DL = "https://purl.imsglobal.org/spec/lti-dl/claim/";
  static FakePlatform platform;

  @BeforeAll
  static void start() throws IOException {
    platform = FakePlatform.start();
  }

  @AfterAll
  static void stop() {
    platform.close();
  }

  /** A deep linking request of {@code lms} (1EdTech LTI Deep Linking 2.0, 4.4). */
  public static JWTClaimsSet.Builder deepLinkingRequest(
      Lms13 lms, Lms13.Login login, String role, boolean acceptMultiple) {
    return lms.claims(login, "unused", "i-" + UUID.randomUUID(), role)
        .claim(FakePlatform.LTI + "message_type", "LtiDeepLinkingRequest")
        .claim(FakePlatform.LTI + "resource_link", null)
        .claim(
            FakePlatform.LTI + "target_link_uri", base().resolve("lti13/deep-linking").toString())
        .claim("email", Lti13LaunchIT.DEMO_INSTRUCTOR)
        .claim(
            DL + "deep_linking_settings",
            Map.of(
                "deep_link_return_url",
                lms.platform().issuer() + "/deep-link-return",
                "accept_types",
                List.of("ltiResourceLink"),
                "accept_presentation_document_targets",
                List.of("iframe", "window"),
                "accept_multiple",
                acceptMultiple,
                "data",
                "opaque-" + login.state().substring(0, 6)));
  }

  @Test
  void instructorPicksTwoAssistantsAndStudentsFindThemConfigured() throws Exception {
    Lms13 lms = new Lms13(platform).register();
    Lms13.Login login = lms.login();
    JWTClaimsSet request = deepLinkingRequest(lms, login, Lms13.INSTRUCTOR, true).build();
    Http.Res launch = lms.launch(login, platform.sign(request));
    assertEquals(303, launch.status(), launch.body());
    assertTrue(launch.location().startsWith("/lti13/deep-linking?token="), launch.location());

    Http.Res page = http().follow(launch);
    assertEquals(200, page.status(), page.body());
    assertTrue(page.body().contains("Physics Tutor") && page.body().contains("Essay Coach"));
    assertTrue(page.body().contains("value=\"each\""), "several links may be returned");

    long physics = db().demoAssistant("Physics Tutor");
    long essay = db().demoAssistant("Essay Coach");
    Http.Res answer =
        http()
            .postForm(
                "/lti13/deep-linking",
                "token="
                    + launch.locationToken()
                    + "&assistant_ids="
                    + physics
                    + "&assistant_ids="
                    + essay
                    + "&mode=each",
                "Accept",
                "text/html");
    assertEquals(200, answer.status(), answer.body());
    assertTrue(
        answer.body().contains("action=\"" + platform.issuer() + "/deep-link-return\""),
        answer.body());
    String jwt = Lti13LaunchIT.attribute(answer.body(), "name=\"JWT\" value");

    // The signature checks out against our published keyset.
    SignedJWT signed = SignedJWT.parse(jwt);
    JWKSet published = JWKSet.parse(http().get("/lti/jwks").body());
    RSAKey key = (RSAKey) published.getKeyByKeyId(signed.getHeader().getKeyID());
    assertNotNull(key, "signed with a published key");
    assertTrue(signed.verify(new RSASSAVerifier(key)));
    JWTClaimsSet c = signed.getJWTClaimsSet();
    assertEquals(lms.clientId(), c.getIssuer());
    assertEquals(List.of(platform.issuer()), c.getAudience());
    assertEquals("LtiDeepLinkingResponse", c.getClaim(FakePlatform.LTI + "message_type"));
    assertEquals("1.3.0", c.getClaim(FakePlatform.LTI + "version"));
    assertEquals(lms.deploymentId(), c.getClaim(FakePlatform.LTI + "deployment_id"));
    assertEquals(
        ((Map<?, ?>) request.getClaim(DL + "deep_linking_settings")).get("data"),
        c.getClaim(DL + "data"));
    assertNotNull(c.getClaim("nonce"));
    assertTrue(c.getExpirationTime().getTime() - c.getIssueTime().getTime() <= 3_600_000);
    List<Object> items = c.getListClaim(DL + "content_items");
    assertEquals(2, items.size());
    String reference = null;
    for (Object o : items) {
      Map<?, ?> item = (Map<?, ?>) o;
      assertEquals("ltiResourceLink", item.get("type"));
      assertEquals(Lms13.target(), item.get("url"));
      reference = (String) ((Map<?, ?>) item.get("custom")).get("ltibridge_activity");
      assertNotNull(reference);
    }
    assertEquals(
        1,
        db().count(
                "SELECT COUNT(*) FROM lti_activities WHERE resource_link_id = ?",
                "dl:" + reference));

    // The token was used up.
    Http.Res again =
        http()
            .postForm(
                "/lti13/deep-linking",
                "token=" + launch.locationToken() + "&assistant_ids=" + physics);
    assertEquals(410, again.status(), again.body());

    // A student opens the new link: the activity is already configured, and now bound.
    String placement = "rl13-dl-" + UUID.randomUUID();
    String ref = reference;
    Http.Res student =
        lms.launch(
            placement,
            "s-" + UUID.randomUUID(),
            Lms13.LEARNER,
            b -> b.claim(FakePlatform.LTI + "custom", Map.of("ltibridge_activity", ref)));
    assertEquals(303, student.status(), student.body());
    assertTrue(student.location().startsWith("/lamb/v1/lti/chat?token="), student.location());
    assertEquals(
        1, db().count("SELECT COUNT(*) FROM lti_activities WHERE resource_link_id = ?", placement));
    assertEquals(
        0,
        db().count("SELECT COUNT(*) FROM lti_activities WHERE resource_link_id = ?", "dl:" + ref));
    assertEquals(1, db().rowsOf("lti_activity_assistants", placement));
  }

  @Test
  void aStudentCannotDeepLinkAndNothingIsWritten() {
    Lms13 lms = new Lms13(platform).register();
    Lms13.Login login = lms.login();
    long tokens = db().count("SELECT COUNT(*) FROM page_tokens WHERE kind = 'DEEP_LINK'");
    Http.Res res =
        lms.launch(
            login, platform.sign(deepLinkingRequest(lms, login, Lms13.LEARNER, true).build()));
    assertEquals(403, res.status(), res.body());
    assertTrue(res.body().contains("Only instructors"), res.body());
    assertEquals(tokens, db().count("SELECT COUNT(*) FROM page_tokens WHERE kind = 'DEEP_LINK'"));
  }

  @Test
  void onePlatformThatAcceptsOneLinkGetsOneActivityWithSeveralAssistants() throws Exception {
    Lms13 lms = new Lms13(platform).register();
    Lms13.Login login = lms.login();
    Http.Res launch =
        lms.launch(
            login, platform.sign(deepLinkingRequest(lms, login, Lms13.INSTRUCTOR, false).build()));
    assertEquals(303, launch.status(), launch.body());
    Http.Res page = http().follow(launch);
    assertTrue(!page.body().contains("value=\"each\""), "one link only");
    long physics = db().demoAssistant("Physics Tutor");
    long essay = db().demoAssistant("Essay Coach");
    Http.Res refused =
        http()
            .postForm(
                "/lti13/deep-linking",
                "token="
                    + launch.locationToken()
                    + "&assistant_ids="
                    + physics
                    + "&assistant_ids="
                    + essay
                    + "&mode=each",
                "Accept",
                "text/html");
    assertEquals(400, refused.status(), refused.body());
    Http.Res answer =
        http()
            .postForm(
                "/lti13/deep-linking",
                "token="
                    + launch.locationToken()
                    + "&assistant_ids="
                    + physics
                    + "&assistant_ids="
                    + essay
                    + "&mode=one&activity_name=Both+helpers",
                "Accept",
                "text/html");
    assertEquals(200, answer.status(), answer.body());
    JWTClaimsSet c =
        SignedJWT.parse(Lti13LaunchIT.attribute(answer.body(), "name=\"JWT\" value"))
            .getJWTClaimsSet();
    List<Object> items = c.getListClaim(DL + "content_items");
    assertEquals(1, items.size());
    assertEquals("Both helpers", ((Map<?, ?>) items.get(0)).get("title"));
  }
}
