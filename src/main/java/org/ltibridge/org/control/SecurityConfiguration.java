package org.ltibridge.org.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.CustomFormAuthenticationMechanismDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.LoginToContinue;
import jakarta.security.enterprise.identitystore.DatabaseIdentityStoreDefinition;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;

/**
 * Console sign-in (Jakarta Security): a form at {@code /ui/login.xhtml}, checked against the PBKDF2
 * hashes in {@code admin_users}. The hash parameters here are the ones {@link AdminAccounts} hashes
 * with.
 */
@ApplicationScoped
@DatabaseIdentityStoreDefinition(
    dataSourceLookup = "java:comp/env/jdbc/app",
    callerQuery = "SELECT password_hash FROM admin_users WHERE username = ?",
    groupsQuery = "SELECT role FROM admin_users WHERE username = ?",
    hashAlgorithm = Pbkdf2PasswordHash.class,
    hashAlgorithmParameters = {
      "Pbkdf2PasswordHash.Iterations=210000",
      "Pbkdf2PasswordHash.Algorithm=PBKDF2WithHmacSHA256",
      "Pbkdf2PasswordHash.SaltSizeBytes=32",
      "Pbkdf2PasswordHash.KeySizeBytes=32"
    })
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
