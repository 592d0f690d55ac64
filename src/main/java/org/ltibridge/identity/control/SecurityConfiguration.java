package org.ltibridge.identity.control;

/**
 * The hash parameters that {@link AdminAccounts} hashes console passwords with (and the learners'
 * store verifies with). Who is signed in is decided by {@link SignInMechanism}.
 */
public final class SecurityConfiguration {

  public static final java.util.Map<String, String> HASH_PARAMETERS =
      java.util.Map.of(
          "Pbkdf2PasswordHash.Iterations", "210000",
          "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA256",
          "Pbkdf2PasswordHash.SaltSizeBytes", "32",
          "Pbkdf2PasswordHash.KeySizeBytes", "32");

  private SecurityConfiguration() {}
}
