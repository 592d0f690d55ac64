package org.ltibridge.identity.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Set;

/**
 * Console accounts sign in here (Jakarta Security calls every identity store in priority order; the
 * learners' store comes after this one). The account's role is its only group: {@code
 * system-admin}, {@code org-admin} or {@code creator}. A disabled account, or one whose creator is
 * disabled, is refused as a wrong password would be.
 */
@ApplicationScoped
public class ConsoleIdentityStore implements IdentityStore {

  @Inject AdminAccounts accounts;

  @Override
  public CredentialValidationResult validate(Credential credential) {
    if (!(credential instanceof UsernamePasswordCredential login)) {
      return CredentialValidationResult.NOT_VALIDATED_RESULT;
    }
    return accounts
        .verify(login.getCaller(), login.getPasswordAsString())
        .map(a -> new CredentialValidationResult(a.username(), Set.of(a.role())))
        .orElse(CredentialValidationResult.NOT_VALIDATED_RESULT);
  }

  @Override
  public int priority() {
    return 100;
  }
}
