package org.ltibridge.admin.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.security.enterprise.SecurityContext;
import java.security.Principal;
import java.util.List;
import org.ltibridge.access.control.Actor;
import org.ltibridge.identity.control.AdminAccounts;
import org.ltibridge.identity.control.SignedIn;
import org.ltibridge.identity.entity.AdminUser;

/**
 * Turns whoever is calling into an {@link Actor}: the console's signed-in account (Jakarta
 * Security) or the account behind an admin API token ({@link ApiTokens}). An account that has been
 * disabled since it signed in counts as nobody, so a disabled admin's open console session stops
 * working at once.
 */
@ApplicationScoped
public class Callers {

  /**
   * One account's columns that decide what it may do. The creator's id says whether there is one:
   * EclipseLink answers a primitive attribute of an entity that a LEFT JOIN did not find as its
   * default value (false), not null as Hibernate does, so {@code c.enabled} alone cannot tell "no
   * creator" from "a disabled creator".
   */
  static final String ACCOUNT =
      "SELECT a.id, a.username, a.role, o.id, a.enabled, c.id, c.enabled FROM AdminUser a"
          + " LEFT JOIN a.organization o LEFT JOIN a.creator c";

  @Inject SecurityContext security;
  @PersistenceContext EntityManager em;

  /** The console's caller. */
  public Actor console() {
    Principal principal = SignedIn.principal(security);
    if (principal == null) {
      return Actor.ANONYMOUS;
    }
    List<Object[]> rows =
        em.createQuery(ACCOUNT + " WHERE a.username = :u", Object[].class)
            .setParameter("u", principal.getName())
            .getResultList();
    // A signed-in learner has no console account.
    return rows.isEmpty()
        ? new Actor(null, principal.getName(), Actor.Role.OTHER, null)
        : actorOf(rows.get(0));
  }

  /** The actor of one account row of {@link #ACCOUNT}; nobody if it may no longer sign in. */
  static Actor actorOf(Object[] row) {
    Boolean creatorEnabled = row[5] == null ? null : Boolean.TRUE.equals(row[6]);
    if (!AdminAccounts.maySignIn(Boolean.TRUE.equals(row[4]), creatorEnabled)) {
      return Actor.ANONYMOUS;
    }
    Actor.Role role =
        switch ((String) row[2]) {
          case AdminUser.SYSTEM_ADMIN -> Actor.Role.SYSTEM_ADMIN;
          case AdminUser.ORG_ADMIN -> Actor.Role.ORG_ADMIN;
          case AdminUser.CREATOR -> Actor.Role.CREATOR;
          default -> Actor.Role.OTHER;
        };
    return new Actor(
        ((Number) row[0]).longValue(),
        (String) row[1],
        role,
        row[3] == null ? null : ((Number) row[3]).longValue(),
        row[5] == null ? null : ((Number) row[5]).longValue());
  }
}
