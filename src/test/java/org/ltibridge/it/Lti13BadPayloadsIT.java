package org.ltibridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import java.io.IOException;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ltibridge.testsupport.FakePlatform;

/**
 * The "known bad payloads" of the LTI Advantage certification guide, plus our own: each is refused
 * with the right status and a readable page, and writes nothing (no activity, no identity, the
 * login's state still unused, so the genuine launch could still follow).
 */
class Lti13BadPayloadsIT extends ItBase {

  static FakePlatform platform;
  static Lms13 lms;

  @BeforeAll
  static void start() throws IOException {
    platform = FakePlatform.start();
    lms = new Lms13(platform).register();
  }

  @AfterAll
  static void stop() {
    platform.close();
  }

  /** Makes the posted id_token from the login and valid claims. */
  interface Bad extends BiFunction<Lms13.Login, JWTClaimsSet.Builder, String> {}

  static Arguments bad(String name, int status, String message, Bad bad) {
    return Arguments.of(name, status, message, bad);
  }

  static String signed(JWTClaimsSet.Builder b) {
    return platform.sign(b.build());
  }

  static String without(JWTClaimsSet.Builder b, String claim) {
    return signed(b.claim(claim, null));
  }

  static Stream<Arguments> payloads() {
    String lti = FakePlatform.LTI;
    return Stream.of(
        bad(
            "no kid",
            401,
            "names no signing key",
            (l, b) ->
                FakePlatform.sign(
                    b.build(), platform.key(), new JWSHeader.Builder(JWSAlgorithm.RS256))),
        bad(
            "wrong kid",
            401,
            "does not verify",
            (l, b) ->
                FakePlatform.sign(
                    b.build(),
                    platform.key(),
                    new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("no-such-key"))),
        bad(
            "signed by another key with our kid",
            401,
            "does not verify",
            (l, b) ->
                FakePlatform.sign(
                    b.build(),
                    FakePlatform.newKey(),
                    new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(platform.key().getKeyID()))),
        bad("not a JWT", 400, "not a signed JWT", (l, b) -> "this.is.not-a-jwt"),
        bad(
            "unsigned JWT",
            400,
            "not a signed JWT",
            (l, b) -> new com.nimbusds.jwt.PlainJWT(b.build()).serialize()),
        bad(
            "wrong LTI version",
            400,
            "version is 1.2.0",
            (l, b) -> signed(b.claim(lti + "version", "1.2.0"))),
        bad("no LTI version", 400, "version", (l, b) -> without(b, lti + "version")),
        bad("no message type", 400, "message_type", (l, b) -> without(b, lti + "message_type")),
        bad(
            "unknown message type",
            400,
            "LtiSubmissionReviewRequest",
            (l, b) -> signed(b.claim(lti + "message_type", "LtiSubmissionReviewRequest"))),
        bad("no roles", 400, "roles", (l, b) -> without(b, lti + "roles")),
        bad("no deployment id", 400, "deployment_id", (l, b) -> without(b, lti + "deployment_id")),
        bad(
            "unregistered deployment id",
            403,
            "not registered",
            (l, b) -> signed(b.claim(lti + "deployment_id", "someone-else"))),
        bad("no resource link", 400, "resource_link", (l, b) -> without(b, lti + "resource_link")),
        bad(
            "no resource link id",
            400,
            "resource_link",
            (l, b) -> signed(b.claim(lti + "resource_link", java.util.Map.of("title", "x")))),
        bad(
            "no target link uri",
            400,
            "target_link_uri",
            (l, b) -> without(b, lti + "target_link_uri")),
        bad("no sub", 400, "no user", (l, b) -> signed(b.subject(null))),
        bad(
            "expired",
            401,
            "expired",
            (l, b) -> signed(b.expirationTime(new Date(System.currentTimeMillis() - 120_000)))),
        bad("no exp", 401, "no expiry", (l, b) -> signed(b.expirationTime(null))),
        bad(
            "iat in the future",
            401,
            "in the future",
            (l, b) -> signed(b.issueTime(new Date(System.currentTimeMillis() + 600_000)))),
        bad("no iat", 401, "no issue time", (l, b) -> signed(b.issueTime(null))),
        bad(
            "wrong audience",
            401,
            "no registration",
            (l, b) -> signed(b.audience("another-client"))),
        bad(
            "several audiences without azp",
            401,
            "authorized party",
            (l, b) -> signed(b.audience(List.of(lms.clientId(), "other")))),
        bad(
            "azp not our client",
            401,
            "authorized party",
            (l, b) -> signed(b.claim("azp", "other"))),
        bad(
            "wrong issuer",
            401,
            "no registration",
            (l, b) -> signed(b.issuer("https://evil.example.com"))),
        bad("no nonce", 401, "no nonce", (l, b) -> without(b, "nonce")),
        bad(
            "foreign nonce",
            401,
            "nonce does not belong",
            (l, b) -> signed(b.claim("nonce", "made-up"))),
        bad("no id_token", 400, "did not send an id_token", (l, b) -> ""),
        // Signed and otherwise valid, only padded: refused by size before it is parsed (#15).
        bad(
            "padded id_token (about 20 KB)",
            413,
            "LTI Bridge accepts id_tokens of at most 16 KB",
            (l, b) -> padded(b, 14_000)),
        bad(
            "padded launch form (about 67 KB)",
            413,
            "LTI Bridge accepts launch forms of at most 24 KB",
            (l, b) -> padded(b, 49_000)));
  }

  /** A signed id_token with a custom parameter of {@code length} characters. */
  static String padded(JWTClaimsSet.Builder b, int length) {
    return signed(
        b.claim(FakePlatform.LTI + "custom", java.util.Map.of("pad", "x".repeat(length))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("payloads")
  void isRefusedAndWritesNothing(String name, int status, String message, Bad bad) {
    Lms13.Login login = lms.login();
    String placement = "rl13-bad-" + UUID.randomUUID();
    String sub = "s-" + UUID.randomUUID();
    String token =
        bad.apply(
            login,
            lms.claims(login, placement, sub, Lms13.INSTRUCTOR)
                .claim("email", "demo-instructor@example.edu"));
    Http.Res res = lms.launch(login, token);
    assertEquals(status, res.status(), name + ": " + res.body());
    assertTrue(res.body().contains(message), name + ": " + res.body());
    assertTrue(res.body().contains("<html"), "a readable page");
    assertEquals(
        0, db().count("SELECT COUNT(*) FROM lti_activities WHERE resource_link_id = ?", placement));
    assertEquals(
        0, db().count("SELECT COUNT(*) FROM lti_activity_users WHERE lms_user_id = ?", sub));
    assertEquals(
        0,
        db().count(
                "SELECT COUNT(*) FROM lti13_oidc_states WHERE state_hash = ? AND consumed_at IS NOT"
                    + " NULL",
                Lti13LaunchIT.sha256(login.state())),
        "the login is still unused");
  }
}
