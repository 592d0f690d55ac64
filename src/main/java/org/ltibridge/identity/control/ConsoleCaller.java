package org.ltibridge.identity.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.Objects;
import java.util.Optional;
import org.ltibridge.identity.entity.AdminUser;
import org.ltibridge.system.control.Problem;

/**
 * Who is signed in to the admin console, and what they may see and change. Every console control
 * method asks here rather than trusting the page: a hidden button stops nobody who crafts a
 * postback by hand.
 *
 * <p>A system admin sees and manages everything; an organisation admin only their own organisation,
 * and nothing at all if their account names none.
 */
@ApplicationScoped
public class ConsoleCaller {

  static final Problem.Text ERROR_NOT_SIGNED_IN =
      Problem.text("identity.ConsoleCaller.notSignedIn");
  static final Problem.Text ERROR_SYSTEM_ADMIN = Problem.text("identity.ConsoleCaller.systemAdmin");
  static final Problem.Text ERROR_NOT_ADMIN = Problem.text("identity.ConsoleCaller.notAdmin");
  static final Problem.Text ERROR_REPEAT = Problem.text("identity.ConsoleCaller.repeat");

  private static final String ORGANIZATION_OF =
      "SELECT a.organization.id FROM AdminUser a WHERE a.username = :u";

  @Inject SecurityContext security;
  @Inject AdminAccounts accounts;
  @Inject SignInSessions sessions;
  @Inject ConsoleIdentityStore identityStore;
  @Inject HttpServletRequest request;
  @PersistenceContext EntityManager em;

  /** What a caller's console covers: every organisation, or one (or none). */
  public record Scope(boolean everything, Long organizationId) {

    public boolean covers(Long organization) {
      return everything || (organizationId != null && organizationId.equals(organization));
    }

    /** An organisation admin whose account names no organisation sees nothing. */
    public boolean nothing() {
      return !everything && organizationId == null;
    }
  }

  /**
   * The signed-in console user. An account disabled since it signed in (or whose creator was
   * disabled) counts as signed out at once, whatever its session says.
   */
  public String username() {
    Principal principal = SignedIn.principal(security);
    if (principal == null || noLongerAllowed()) {
      throw new Problem(401, Problem.text("title.notSignedIn"), ERROR_NOT_SIGNED_IN);
    }
    return principal.getName();
  }

  /** A session whose account has been disabled since it signed in (or whose creator has). */
  public boolean noLongerAllowed() {
    Principal principal = SignedIn.principal(security);
    return principal != null
        && accounts.find(principal.getName()).filter(a -> !AdminAccounts.maySignIn(a)).isPresent();
  }

  public boolean isSystemAdmin() {
    return security.isCallerInRole(AdminUser.SYSTEM_ADMIN);
  }

  public void requireSystemAdmin() {
    username();
    if (!isSystemAdmin()) {
      throw Problem.forbidden(ERROR_SYSTEM_ADMIN);
    }
  }

  public Scope scope() {
    String username = username();
    if (isSystemAdmin()) {
      return new Scope(true, null);
    }
    if (!security.isCallerInRole(AdminUser.ORG_ADMIN)) {
      throw Problem.forbidden(ERROR_NOT_ADMIN);
    }
    // A projection, not AdminUser.organization(): the association is lazy and this bean holds no
    // transaction, which Hibernate (WildFly) would refuse to load from.
    Optional<Long> organization =
        em.createQuery(ORGANIZATION_OF, Long.class)
            .setParameter("u", username)
            .getResultStream()
            .filter(Objects::nonNull)
            .findFirst();
    return new Scope(false, organization.orElse(null));
  }

  /** The one-time password of a new account must be replaced before anything else. */
  public boolean mustChangePassword() {
    return accounts.find(username()).map(AdminUser::mustChangePassword).orElse(false);
  }

  /**
   * The signed-in admin replaces their own password; their other sign-ins (another browser, a
   * stolen cookie) end, this one stays.
   */
  public void changeOwnPassword(String current, String fresh, String repeat) {
    if (!Objects.equals(fresh, repeat)) {
      throw Problem.badRequest(ERROR_REPEAT);
    }
    String username = username();
    accounts.changePassword(username, current == null ? "" : current, fresh);
    sessions.endOthers(username, identityStore.name(), SignInCookie.read(request).orElse(null));
  }
}
