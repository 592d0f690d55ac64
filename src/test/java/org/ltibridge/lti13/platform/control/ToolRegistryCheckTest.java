package org.ltibridge.lti13.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.ltibridge.lti13.platform.control.ToolRegistry.Registration;
import org.ltibridge.system.control.Problem;

/** What an admin enters for a tool, checked the same way to register and to edit it. */
class ToolRegistryCheckTest {

  static Registration with(String name, String login, String jwks, String pem, Set<String> s) {
    return new Registration(name, "client", login, "https://tool.example/launch", "", jwks, pem, s);
  }

  @Test
  void aGoodRegistrationIsNormalised() {
    ToolRegistry.Checked c =
        ToolRegistry.check(
            with(
                " Quiz ",
                "https://tool.example/login",
                "https://tool.example/keys",
                " ",
                Set.of(Scopes.SCORE)));
    assertEquals("Quiz", c.name());
    assertEquals(List.of("https://tool.example/launch"), c.redirectUris(), "the launch URL");
    assertEquals(null, c.publicKeyPem());
    assertEquals(Set.of(Scopes.SCORE), c.scopes());
  }

  @Test
  void eachBadFieldIsRefusedWithItsMessage() {
    String login = "https://tool.example/login";
    String jwks = "https://tool.example/keys";
    Set<String> scopes = Set.of(Scopes.SCORE);
    assertRefused(with("", login, jwks, null, scopes), "Give the tool a name.");
    assertRefused(with("x".repeat(201), login, jwks, null, scopes), "200 characters at most");
    assertRefused(with("Quiz", "ftp://x", jwks, null, scopes), "must be an absolute");
    assertRefused(
        with("Quiz", "https://x.example/" + "a".repeat(1000), jwks, null, scopes),
        "1000 characters at most");
    assertRefused(with("Quiz", login, null, null, scopes), "not both and not neither");
    assertRefused(with("Quiz", login, jwks, "pem", scopes), "not both and not neither");
    assertRefused(with("Quiz", login, null, "not a key", scopes), "RSA public key");
    assertRefused(with("Quiz", login, jwks, null, Set.of("https://x/scope")), "Unknown scope");
  }

  static void assertRefused(Registration r, String message) {
    Problem p = assertThrows(Problem.class, () -> ToolRegistry.check(r));
    assertEquals(400, p.status());
    assertTrue(p.detail().contains(message), p.detail());
  }
}
