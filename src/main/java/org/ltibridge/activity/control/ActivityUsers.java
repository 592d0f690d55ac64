package org.ltibridge.activity.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Optional;
import org.ltibridge.activity.entity.Activity;
import org.ltibridge.activity.entity.ActivityRole;
import org.ltibridge.activity.entity.ActivityUser;
import org.ltibridge.launch.entity.LmsUser;
import org.ltibridge.system.control.UniqueViolation;

/**
 * People inside activities. Creating an identity is race-safe: many simultaneous first launches of
 * one student insert at most one row (unique (activity, email)); the others read it back.
 */
@ApplicationScoped
public class ActivityUsers {

  private static final int PSEUDONYM_ATTEMPTS = 5;

  @PersistenceContext EntityManager em;
  @Inject Clock clock;
  @Inject ActivityUsers self;
  @Inject ReturningStudents returning;

  /**
   * The person's identity in the activity, created on first arrival (in its own transaction, so
   * that a lost race poisons nothing); records the access in the caller's transaction.
   */
  @Transactional
  public ActivityUser arrive(Activity activity, LmsUser person, ActivityRole role) {
    return arrive(activity, person, role, find(activity, person));
  }

  /** The same, for a person the caller has just looked up ({@link #find(Activity, LmsUser)}). */
  @Transactional
  public ActivityUser arrive(
      Activity activity, LmsUser person, ActivityRole role, Optional<ActivityUser> known) {
    String email = activity.identityOf(person);
    ActivityUser user = known.orElseGet(() -> createOrRead(activity, person, role, email));
    countAccess(user.id());
    return user;
  }

  /** The person's identity in the activity, if they were here before; writes nothing. */
  public Optional<ActivityUser> find(Activity activity, LmsUser person) {
    return find(activity.id(), activity.identityOf(person));
  }

  private ActivityUser createOrRead(
      Activity activity, LmsUser person, ActivityRole role, String email) {
    for (int attempt = 0; attempt < PSEUDONYM_ATTEMPTS; attempt++) {
      try {
        return self.insert(activity.id(), person, role, email, Pseudonyms.next());
      } catch (PersistenceException | jakarta.transaction.TransactionalException e) {
        if (!UniqueViolation.isCauseOf(e)) {
          throw e;
        }
        Optional<ActivityUser> winner = find(activity.id(), email);
        if (winner.isPresent()) {
          return winner.get();
        }
        // Otherwise the pseudonym collided: draw another.
      }
    }
    throw new IllegalStateException("Could not allocate a pseudonym");
  }

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public ActivityUser insert(
      Long activityId, LmsUser person, ActivityRole role, String email, String pseudonym) {
    ActivityUser user =
        new ActivityUser(
            em.getReference(Activity.class, activityId),
            email,
            person.id(),
            person.usernameOrId(),
            person.name().orElse(null),
            role,
            pseudonym,
            LocalDateTime.now(clock));
    em.persist(user);
    em.flush();
    return user;
  }

  public Optional<ActivityUser> find(Long activityId, String email) {
    return em.createNamedQuery(ActivityUser.BY_IDENTITY, ActivityUser.class)
        .setParameter("activityId", activityId)
        .setParameter("email", email)
        .getResultStream()
        .findFirst();
  }

  public ActivityUser find(Long id) {
    return em.find(ActivityUser.class, id);
  }

  /** One more access, counted in the database so concurrent launches lose no update. */
  private void countAccess(Long activityUserId) {
    em.createQuery(
            "UPDATE ActivityUser u SET u.accessCount = u.accessCount + 1, u.lastAccessAt = :now"
                + " WHERE u.id = :id")
        .setParameter("now", LocalDateTime.now(clock))
        .setParameter("id", activityUserId)
        .executeUpdate();
  }

  /** Records consent to transcript review (LAMB lti_landscape.md §10.4). */
  @Transactional
  public void giveConsent(Long activityUserId, String noticeVersion) {
    em.find(ActivityUser.class, activityUserId)
        .giveConsent(noticeVersion, LocalDateTime.now(clock));
    returning.forgetStudent(activityUserId);
  }

  /** Records that the student declines transcript review, or withdraws their consent. */
  @Transactional
  public void declineConsent(Long activityUserId, String noticeVersion) {
    em.find(ActivityUser.class, activityUserId).declineConsent(noticeVersion);
    returning.forgetStudent(activityUserId);
  }
}
