package org.ltibridge.lti13.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ltibridge.system.control.Problem;

class PlatformControlTest {

  static final String TOKEN_URL = "https://bridge.example.edu/lti/token";

  @Test
  void assertionAudienceToleratesATrailingSlashAndAnArray() {
    assertTrue(AccessTokens.audienceMatches(List.of(TOKEN_URL), TOKEN_URL));
    assertTrue(AccessTokens.audienceMatches(List.of(TOKEN_URL + "/"), TOKEN_URL));
    assertTrue(
        AccessTokens.audienceMatches(List.of("https://other.example", TOKEN_URL), TOKEN_URL));
    assertFalse(AccessTokens.audienceMatches(List.of("https://bridge.example.edu/lti"), TOKEN_URL));
    assertFalse(AccessTokens.audienceMatches(null, TOKEN_URL));
  }

  @Test
  void anUnsupportedGrantTypeIsJudgedBeforeTheMissingAssertion() {
    // RFC 6749 §5.2 (issue #15): grant_type=password without client_assertion fields.
    AccessTokens tokens = new AccessTokens();
    OAuthError password =
        assertThrows(OAuthError.class, () -> tokens.issue("password", null, null, null, null));
    assertEquals(400, password.status());
    assertEquals("unsupported_grant_type", password.error());
    OAuthError code =
        assertThrows(
            OAuthError.class, () -> tokens.issue("authorization_code", "x", "y", null, null));
    assertEquals("unsupported_grant_type", code.error());
    OAuthError missing =
        assertThrows(OAuthError.class, () -> tokens.issue(null, null, null, null, null));
    assertEquals("invalid_request", missing.error());
    OAuthError noAssertion =
        assertThrows(
            OAuthError.class, () -> tokens.issue("client_credentials", null, null, null, null));
    assertEquals("invalid_request", noAssertion.error());
  }

  @Test
  void scopesParseAsASet() {
    assertEquals(List.of("a", "b"), List.copyOf(Scopes.parse("  a b\ta ")));
    assertTrue(Scopes.parse(null).isEmpty());
  }

  @Test
  void customParametersMustBeAJsonObjectOfStrings() {
    assertEquals("{\"unit\":\"1\"}", ToolRegistry.customParams(" {\"unit\": \"1\"} "));
    assertEquals(null, ToolRegistry.customParams("  "));
    assertThrows(Problem.class, () -> ToolRegistry.customParams("{\"unit\": 1}"));
    assertThrows(Problem.class, () -> ToolRegistry.customParams("[\"a\"]"));
    assertThrows(Problem.class, () -> ToolRegistry.customParams("{unit"));
  }

  @Test
  void urlsMustBeAbsoluteHttp() {
    assertEquals(
        "https://tool.example/login",
        ToolRegistry.url(
            " https://tool.example/login ", Problem.text("lti13.platform.field.loginUrl")));
    assertThrows(
        Problem.class,
        () ->
            ToolRegistry.url("ftp://tool.example", Problem.text("lti13.platform.field.loginUrl")));
    assertThrows(
        Problem.class,
        () -> ToolRegistry.url("/login", Problem.text("lti13.platform.field.loginUrl")));
    assertThrows(
        Problem.class,
        () -> ToolRegistry.url("https://", Problem.text("lti13.platform.field.loginUrl")));
  }

  @Test
  void loginInitiationKeepsTheToolsOwnQuery() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("iss", "https://bridge.example.edu");
    p.put("login_hint", "user-1 2");
    assertEquals(
        "https://tool.example/login?a=1&iss=https%3A%2F%2Fbridge.example.edu&login_hint=user-1+2",
        PlatformLaunches.withQuery("https://tool.example/login?a=1", p));
  }

  @Test
  void pemKeysParseAndRubbishIsRefused() throws Exception {
    var key = new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048).generate();
    String pem =
        "-----BEGIN PUBLIC KEY-----\n"
            + java.util.Base64.getMimeEncoder().encodeToString(key.toRSAPublicKey().getEncoded())
            + "\n-----END PUBLIC KEY-----\n";
    assertEquals(key.toRSAPublicKey().getModulus(), ToolKeys.parsePem(pem).getModulus());
    assertThrows(
        IllegalArgumentException.class,
        () -> ToolKeys.parsePem("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----"));
  }
}
