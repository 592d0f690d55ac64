package org.ltibridge.identity.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Optional;
import java.util.Set;
import org.ltibridge.identity.entity.AdminUser;

/**
 * Console accounts sign in here (Jakarta Security calls every identity store in priority order; the
 * learners' store comes after this one). The account's role is its only group: {@code
 * system-admin}, {@code org-admin} or {@code creator}. A disabled account, or one whose creator is
 * disabled, is refused as a wrong password would be; and signed out at its next request once
 * disabled ({@link SignInRealm}).
 */
@ApplicationScoped
public class ConsoleIdentityStore implements IdentityStore, SignInRealm {

  private static final Set<String> ROLES =
      Set.of(AdminUser.SYSTEM_ADMIN, AdminUser.ORG_ADMIN, AdminUser.CREATOR);

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
  public String name() {
    return "console";
  }

  @Override
  public boolean owns(CredentialValidationResult result) {
    return result.getCallerGroups().stream().anyMatch(ROLES::contains);
  }

  /** The account's role now; nothing once it (or its creator) is disabled or gone. */
  @Override
  public Optional<Set<String>> groupsNow(String caller) {
    return accounts.find(caller).filter(AdminAccounts::maySignIn).map(a -> Set.of(a.role()));
  }

  @Override
  public int priority() {
    return 100;
  }
}
