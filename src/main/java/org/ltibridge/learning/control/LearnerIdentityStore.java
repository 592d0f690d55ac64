package org.ltibridge.learning.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.util.Locale;
import java.util.Set;
import org.ltibridge.identity.control.SecurityConfiguration;
import org.ltibridge.learning.entity.Learner;

/**
 * Learners sign in through the same Jakarta Security form as console admins (one authentication
 * mechanism per application), with their email and password. This store runs after the console's
 * database store (higher priority number) and only ever grants the group {@value Learner#ROLE}, so
 * a learner account can never reach the console, whose pages require an admin role. A disabled
 * learner account does not sign in.
 */
@ApplicationScoped
public class LearnerIdentityStore implements IdentityStore {

  @PersistenceContext EntityManager em;
  @Inject Pbkdf2PasswordHash hash;

  @Override
  public CredentialValidationResult validate(Credential credential) {
    if (!(credential instanceof UsernamePasswordCredential login)) {
      return CredentialValidationResult.NOT_VALIDATED_RESULT;
    }
    String email = login.getCaller().strip().toLowerCase(Locale.ROOT);
    // A disabled account is refused as a wrong password is: the sign-in page says no more.
    String stored =
        em.createQuery(
                "SELECT l.passwordHash FROM Learner l WHERE l.email = :e AND l.enabled = TRUE",
                String.class)
            .setParameter("e", email)
            .getResultStream()
            .findFirst()
            .orElse(null);
    if (stored == null) {
      return CredentialValidationResult.INVALID_RESULT;
    }
    hash.initialize(SecurityConfiguration.HASH_PARAMETERS);
    if (!hash.verify(login.getPassword().getValue(), stored)) {
      return CredentialValidationResult.INVALID_RESULT;
    }
    return new CredentialValidationResult(email, Set.of(Learner.ROLE));
  }

  @Override
  public int priority() {
    return 200;
  }
}
