package org.ltibridge.lti11.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.ltibridge.system.control.Problem;
import org.ltibridge.testsupport.Rfc5849Signer;

/**
 * Our verifier against the independent RFC 5849 signer of the test sources: what one signs, the
 * other accepts, and every tampering is refused with the right status before a nonce is used.
 */
class OAuth1VerifierTest {

  static final String URL = "https://bridge.example.edu/lamb/v1/lti/launch";
  static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

  final Set<String> seen = new HashSet<>();
  final NonceStore memoryNonces =
      new NonceStore() {
        @Override
        public boolean firstUse(String key, String nonce, LocalDateTime expiresAt) {
          return seen.add(key + "|" + nonce);
        }
      };
  final OAuth1Verifier verifier =
      OAuth1Verifier.create(memoryNonces, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMinutes(5));
  final ConsumerSecrets secrets = k -> k.equals("key") ? Optional.of("s3cret&é") : Optional.empty();

  Map<String, String> launch() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("lti_message_type", "basic-lti-launch-request");
    p.put("resource_link_id", "rl 1+2");
    p.put("user_id", "u1");
    p.put("oauth_timestamp", Long.toString(NOW.getEpochSecond()));
    p.put("custom_text", "ça va? ~*!'()");
    return p;
  }

  static List<Map.Entry<String, String>> entries(Map<String, String> m) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    m.forEach((k, v) -> out.add(new AbstractMap.SimpleImmutableEntry<>(k, v)));
    return out;
  }

  OAuth1Verifier.Verified verify(Map<String, String> signed) {
    return verifier.verify("POST", URI.create(URL), entries(signed), secrets, p -> {});
  }

  @Test
  void acceptsWhatTheIndependentSignerSignsWithSha1AndSha256() {
    for (Rfc5849Signer.Method m : Rfc5849Signer.Method.values()) {
      Map<String, String> signed =
          new Rfc5849Signer("key", "s3cret&é", m).sign("POST", URL, launch());
      OAuth1Verifier.Verified v = verify(signed);
      assertEquals("key", v.consumerKey());
      assertEquals("rl 1+2", v.params().get("resource_link_id"));
    }
  }

  @Test
  void baseStringMatchesTheSignersForTheRfcExample() {
    // RFC 5849 §3.4.1.1 request, decoded as a server sees it.
    List<Map.Entry<String, String>> params =
        List.of(
            Map.entry("b5", "=%3D"),
            Map.entry("a3", "a"),
            Map.entry("c@", ""),
            Map.entry("a2", "r b"),
            Map.entry("oauth_consumer_key", "9djdj82h48djs9d2"),
            Map.entry("oauth_token", "kkk9d7dh3k39sjv7"),
            Map.entry("oauth_signature_method", "HMAC-SHA1"),
            Map.entry("oauth_timestamp", "137131201"),
            Map.entry("oauth_nonce", "7d8f3e4a"),
            Map.entry("c2", ""),
            Map.entry("a3", "2 q"));
    assertEquals(
        "POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7",
        OAuthSignature.baseString("POST", URI.create("http://EXAMPLE.com:80/request"), params));
  }

  @Test
  void wrongSecretIsRefusedAndUsesNoNonce() {
    Map<String, String> signed =
        new Rfc5849Signer("key", "other", Rfc5849Signer.Method.HMAC_SHA1)
            .sign("POST", URL, launch());
    Problem p = assertThrows(Problem.class, () -> verify(signed));
    assertEquals(401, p.status());
    assertTrue(p.detail().contains("signature does not match"));
    assertTrue(seen.isEmpty());
  }

  @Test
  void tamperedParameterIsRefused() {
    Map<String, String> signed =
        new Rfc5849Signer("key", "s3cret&é", Rfc5849Signer.Method.HMAC_SHA1)
            .sign("POST", URL, launch());
    signed.put("user_id", "someone-else");
    assertEquals(401, assertThrows(Problem.class, () -> verify(signed)).status());
  }

  @Test
  void otherUrlIsRefused() {
    Map<String, String> signed =
        new Rfc5849Signer("key", "s3cret&é", Rfc5849Signer.Method.HMAC_SHA1)
            .sign("POST", "http://internal:8080/lamb/v1/lti/launch", launch());
    assertEquals(401, assertThrows(Problem.class, () -> verify(signed)).status());
  }

  @Test
  void unknownKeyIsRefused() {
    Map<String, String> signed =
        new Rfc5849Signer("nope", "s3cret&é", Rfc5849Signer.Method.HMAC_SHA1)
            .sign("POST", URL, launch());
    Problem p = assertThrows(Problem.class, () -> verify(signed));
    assertEquals(401, p.status());
    assertTrue(p.detail().contains("not registered"));
  }

  @Test
  void whereKeysNameSomethingAnUnknownKeyIsAnsweredAsAWrongSignature() {
    ConsumerSecrets hiding = ConsumerSecrets.hidingUnknownKeys(secrets::secretFor);
    Map<String, String> unknown =
        new Rfc5849Signer("nope", "s3cret&é", Rfc5849Signer.Method.HMAC_SHA1)
            .sign("POST", URL, launch());
    Map<String, String> wrong =
        new Rfc5849Signer("key", "other", Rfc5849Signer.Method.HMAC_SHA1)
            .sign("POST", URL, launch());
    Problem forUnknown =
        assertThrows(
            Problem.class,
            () -> verifier.verify("POST", URI.create(URL), entries(unknown), hiding, p -> {}));
    Problem forWrong =
        assertThrows(
            Problem.class,
            () -> verifier.verify("POST", URI.create(URL), entries(wrong), hiding, p -> {}));
    assertEquals(401, forUnknown.status());
    assertEquals(forWrong.detail(), forUnknown.detail());
    assertTrue(seen.isEmpty());
    Map<String, String> right =
        new Rfc5849Signer("key", "s3cret&é", Rfc5849Signer.Method.HMAC_SHA256)
            .sign("POST", URL, launch());
    assertEquals(
        "key",
        verifier.verify("POST", URI.create(URL), entries(right), hiding, p -> {}).consumerKey());
  }

  @Test
  void staleAndFutureTimestampsAreRefused() {
    for (long offset : new long[] {-301, 301}) {
      Map<String, String> params = launch();
      params.put("oauth_timestamp", Long.toString(NOW.getEpochSecond() + offset));
      Map<String, String> signed =
          new Rfc5849Signer("key", "s3cret&é", Rfc5849Signer.Method.HMAC_SHA1)
              .sign("POST", URL, params);
      Problem p = assertThrows(Problem.class, () -> verify(signed));
      assertEquals(401, p.status());
      assertTrue(p.detail().contains("clock"));
    }
    assertTrue(seen.isEmpty());
  }

  @Test
  void replayIsRefused() {
    Map<String, String> signed =
        new Rfc5849Signer("key", "s3cret&é", Rfc5849Signer.Method.HMAC_SHA1)
            .sign("POST", URL, launch());
    verify(signed);
    Problem p = assertThrows(Problem.class, () -> verify(signed));
    assertEquals(401, p.status());
    assertTrue(p.detail().contains("already used"));
  }

  @Test
  void missingAndDuplicateOAuthParametersAreBadRequests() {
    Map<String, String> signed =
        new Rfc5849Signer("key", "s3cret&é", Rfc5849Signer.Method.HMAC_SHA1)
            .sign("POST", URL, launch());
    signed.remove("oauth_nonce");
    assertEquals(400, assertThrows(Problem.class, () -> verify(signed)).status());

    Map<String, String> again =
        new Rfc5849Signer("key", "s3cret&é", Rfc5849Signer.Method.HMAC_SHA1)
            .sign("POST", URL, launch());
    List<Map.Entry<String, String>> twice = entries(again);
    twice.add(Map.entry("oauth_nonce", "another"));
    assertEquals(
        400,
        assertThrows(
                Problem.class,
                () -> verifier.verify("POST", URI.create(URL), twice, secrets, p -> {}))
            .status());
  }

  @Test
  void unsupportedSignatureMethodIsABadRequest() {
    Map<String, String> signed =
        new Rfc5849Signer("key", "s3cret&é", Rfc5849Signer.Method.HMAC_SHA1)
            .sign("POST", URL, launch());
    signed.put("oauth_signature_method", "PLAINTEXT");
    assertEquals(400, assertThrows(Problem.class, () -> verify(signed)).status());
  }

  @Test
  void messageCheckRunsBeforeTheNonceIsUsed() {
    Map<String, String> signed =
        new Rfc5849Signer("key", "s3cret&é", Rfc5849Signer.Method.HMAC_SHA1)
            .sign("POST", URL, launch());
    assertThrows(
        Problem.class,
        () ->
            verifier.verify(
                "POST",
                URI.create(URL),
                entries(signed),
                secrets,
                p -> {
                  throw Problem.badRequest("no");
                }));
    assertTrue(seen.isEmpty());
    verify(signed); // still usable once
  }
}
