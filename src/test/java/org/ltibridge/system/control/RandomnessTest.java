package org.ltibridge.system.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RandomnessTest {

  @Test
  void tokensAreUrlSafeOfTheirLengthAndDoNotRepeat() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      String token = Randomness.token(32);
      assertEquals(43, token.length(), "32 bytes, base64url without padding");
      assertTrue(token.matches("[A-Za-z0-9_-]+"), token);
      assertTrue(seen.add(token), "repeated: " + token);
    }
    assertEquals(22, Randomness.token(16).length());
  }

  @Test
  void theGeneratorIsTheJdksDrbgAtFullStrength() {
    assertEquals("DRBG", Randomness.SECURE.getAlgorithm());
    assertTrue(Randomness.SECURE.getParameters().toString().contains("256"));
  }
}
