package org.ltibridge.activity.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Locale;
import org.ltibridge.activity.entity.Activity;
import org.ltibridge.identity.entity.CreatorUser;
import org.ltibridge.system.control.Problem;

/**
 * Who may receive an activity (LAMB lti_landscape.md §3 "Organization admins can transfer
 * ownership", §19 future direction 11): an enabled creator of the activity's own organisation. The
 * one rule that the org admin's console, the admin API and the owner's dashboard all go through.
 */
@ApplicationScoped
public class Ownership {

  static final Problem.Text ERROR_NOT_A_CREATOR = Problem.text("activity.Ownership.notACreator");

  @PersistenceContext EntityManager em;
  @Inject Clock clock;

  /**
   * Hands {@code activity} to the creator of its organisation with this email (nothing changes if
   * they own it already); a Problem (and no change) if there is none.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public CreatorUser transfer(Activity activity, String email) {
    String e = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    CreatorUser to =
        em.createQuery(
                "SELECT c FROM CreatorUser c WHERE c.organization.id = :org AND c.email = :e"
                    + " AND c.enabled = TRUE",
                CreatorUser.class)
            .setParameter("org", activity.organization().id())
            .setParameter("e", e)
            .getResultStream()
            .findFirst()
            .orElseThrow(
                () ->
                    Problem.badRequest(
                        ERROR_NOT_A_CREATOR.with(
                            e.isEmpty() ? Problem.text("activity.nobody") : e)));
    if (!activity.isOwnedBy(to)) {
      activity.transferTo(to, LocalDateTime.now(clock));
    }
    return to;
  }
}
