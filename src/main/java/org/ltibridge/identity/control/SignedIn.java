package org.ltibridge.identity.control;

import jakarta.security.enterprise.SecurityContext;
import java.security.Principal;
import java.util.List;
import org.ltibridge.identity.entity.AdminUser;

/** Who the application's identity stores signed in, if anybody. */
public final class SignedIn {

  /**
   * The roles the identity stores give (console accounts: {@link ConsoleIdentityStore}; learners:
   * learning's LearnerIdentityStore), as web.xml declares them: every signed-in caller has one.
   */
  static final List<String> ROLES =
      List.of(AdminUser.SYSTEM_ADMIN, AdminUser.ORG_ADMIN, AdminUser.CREATOR, "learner");

  private SignedIn() {}

  /**
   * The caller's principal, or null if nobody is signed in. {@link
   * SecurityContext#getCallerPrincipal()} answers null for an unauthenticated caller (Jakarta
   * Security 3.0 API); WildFly (Elytron) answers a principal named "anonymous" instead, which must
   * not count as the account of that name. A caller counts only with one of {@link #ROLES}.
   */
  public static Principal principal(SecurityContext security) {
    Principal principal = security.getCallerPrincipal();
    if (principal == null) {
      return null;
    }
    for (String role : ROLES) {
      if (security.isCallerInRole(role)) {
        return principal;
      }
    }
    return null;
  }
}
