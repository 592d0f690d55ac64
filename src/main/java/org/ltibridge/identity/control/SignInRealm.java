package org.ltibridge.identity.control;

import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import java.util.Optional;
import java.util.Set;

/**
 * An identity store whose callers stay signed in across requests ({@link SignInSessions}): it says
 * which validated callers are its own, and on every later request whether that caller may still be
 * signed in, with the groups they have now. A disabled account is signed out at its next request.
 */
public interface SignInRealm {

  /** Stored with the sign-in: which realm to ask again. */
  String name();

  /** Whether this realm validated {@code result} (by its groups). */
  boolean owns(CredentialValidationResult result);

  /** The caller's groups now, or empty if they may no longer be signed in. */
  Optional<Set<String>> groupsNow(String caller);
}
