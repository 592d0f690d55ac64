package org.ltibridge.system.control;

import java.security.DrbgParameters;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Where every secret value comes from: tokens, OIDC states, nonces and bindings, IVs, passwords.
 * One NIST SP 800-90A generator (the JDK's DRBG: Hash_DRBG with SHA-256 at 256-bit strength),
 * seeded from the operating system's entropy. The JDK's default on Linux, NativePRNG, reads {@code
 * /dev/urandom} under one lock on every call: a system call for each of the five values a launch
 * draws.
 */
public final class Randomness {

  /** Thread-safe; share it. */
  public static final SecureRandom SECURE = drbg();

  private Randomness() {}

  /** {@code bytes} random bytes, base64url without padding: for tokens that travel in URLs. */
  public static String token(int bytes) {
    byte[] raw = new byte[bytes];
    SECURE.nextBytes(raw);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
  }

  /** What is stored of a random token: its SHA-256, in lower-case hex. */
  public static String hashOf(String token) {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-256")
                  .digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  private static SecureRandom drbg() {
    try {
      return SecureRandom.getInstance(
          "DRBG", DrbgParameters.instantiation(256, DrbgParameters.Capability.RESEED_ONLY, null));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("The JDK's DRBG is not available", e);
    }
  }
}
