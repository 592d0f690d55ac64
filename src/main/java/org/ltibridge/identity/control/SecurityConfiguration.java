package org.ltibridge.identity.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.CustomFormAuthenticationMechanismDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.LoginToContinue;

/**
 * Console sign-in (Jakarta Security): a form at {@code /ui/login.xhtml}, checked by {@link
 * ConsoleIdentityStore} against the PBKDF2 hashes in {@code admin_users} (and by the learners'
 * store). The hash parameters here are the ones {@link AdminAccounts} hashes with.
 */
@ApplicationScoped
@CustomFormAuthenticationMechanismDefinition(
    loginToContinue = @LoginToContinue(loginPage = "/ui/login.xhtml", errorPage = ""))
public class SecurityConfiguration {

  public static final java.util.Map<String, String> HASH_PARAMETERS =
      java.util.Map.of(
          "Pbkdf2PasswordHash.Iterations", "210000",
          "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA256",
          "Pbkdf2PasswordHash.SaltSizeBytes", "32",
          "Pbkdf2PasswordHash.KeySizeBytes", "32");
}
