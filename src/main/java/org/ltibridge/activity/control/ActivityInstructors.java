package org.ltibridge.activity.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import jakarta.transaction.TransactionalException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import org.ltibridge.activity.entity.Activity;
import org.ltibridge.activity.entity.ActivityInstructor;
import org.ltibridge.identity.entity.CreatorUser;
import org.ltibridge.system.control.UniqueViolation;

/**
 * Who the instructors of an activity are, as creator accounts of its organisation: an instructor is
 * recorded when they configure the activity or launch it (its dashboard) with such an account. The
 * owner may hand the activity over to one of them ({@link Handover}).
 */
@ApplicationScoped
public class ActivityInstructors {

  @PersistenceContext EntityManager em;
  @Inject Clock clock;
  @Inject ActivityInstructors self;

  /**
   * Records the accounts of an instructor who came to {@code activity} that belong to its
   * organisation and may act there, with the LMS user they came as; each once (a lost race is no
   * failure).
   */
  public void arrived(Activity activity, List<CreatorUser> accounts, String lmsUserId) {
    Long org = activity.organization().id();
    for (CreatorUser c : accounts) {
      if (!c.mayCreate() || !c.organization().id().equals(org)) {
        continue;
      }
      ActivityInstructor known =
          em.find(ActivityInstructor.class, new ActivityInstructor.Key(activity.id(), c.id()));
      if (known != null) {
        known.arrivedAs(lmsUserId);
        continue;
      }
      try {
        self.insert(activity.id(), c.id(), lmsUserId);
      } catch (PersistenceException | TransactionalException e) {
        if (!UniqueViolation.isCauseOf(e)) {
          throw e;
        }
      }
    }
  }

  /** In a transaction of its own, so that a lost race poisons nothing. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void insert(Long activityId, Long creatorUserId, String lmsUserId) {
    em.persist(
        new ActivityInstructor(activityId, creatorUserId, lmsUserId, LocalDateTime.now(clock)));
    em.flush();
  }

  /**
   * Whom the owner may hand the activity to: its recorded instructors who are enabled creators of
   * its organisation ({@link Ownership}'s rule), other than the owner, by email.
   */
  public List<CreatorUser> others(Activity activity) {
    return em.createQuery(
            "SELECT c FROM CreatorUser c, ActivityInstructor i WHERE i.creatorUserId = c.id"
                + " AND i.activityId = :activity AND c.organization.id = :org"
                + " AND c.enabled = TRUE AND c.id <> :owner ORDER BY c.email",
            CreatorUser.class)
        .setParameter("activity", activity.id())
        .setParameter("org", activity.organization().id())
        .setParameter("owner", activity.owner().id())
        .getResultList();
  }
}
