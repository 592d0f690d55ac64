package org.ltibridge.activity.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.ltibridge.activity.entity.Activity;
import org.ltibridge.activity.entity.IdentityPolicy;
import org.ltibridge.assistant.entity.Assistant;
import org.ltibridge.identity.entity.CreatorUser;
import org.ltibridge.launch.entity.PlatformKey;
import org.ltibridge.launch.entity.ResourceLinkId;

/** Finding and configuring Unified LTI activities. */
@ApplicationScoped
public class Activities {

  @PersistenceContext EntityManager em;
  @Inject Clock clock;
  @Inject Activities self;
  @Inject ReturningStudents returning;

  public Optional<Activity> at(PlatformKey platform, ResourceLinkId resourceLink) {
    return at(platform.value(), resourceLink.value());
  }

  public Optional<Activity> at(String platformKey, String resourceLinkId) {
    return em.createNamedQuery(Activity.BY_PLACEMENT, Activity.class)
        .setParameter("platform", platformKey)
        .setParameter("rlid", resourceLinkId)
        .getResultStream()
        .findFirst();
  }

  /** Prefix of the placeholder link id of an activity configured by deep linking. */
  public static final String PRECONFIGURED = "dl:";

  /**
   * Binds an activity configured by deep linking (its placement was unknown then: it carries the
   * placeholder {@code dl:<reference>}) to the resource link of its first launch. One UPDATE that
   * only the first launch wins; later launches find the activity by its real placement.
   */
  public Optional<Activity> bindPreconfigured(
      PlatformKey platform, String reference, ResourceLinkId resourceLink) {
    if (reference == null || reference.isBlank() || reference.length() > 64) {
      return Optional.empty();
    }
    return self.bind(platform, reference, resourceLink) == 1
        ? at(platform, resourceLink)
        : Optional.empty();
  }

  /**
   * The binding commits on its own: the launch then inserts the student's identity in another
   * transaction (ActivityUsers), whose foreign key check would wait forever for a lock this
   * launch's transaction held on the re-keyed activity row.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public int bind(PlatformKey platform, String reference, ResourceLinkId resourceLink) {
    return em.createQuery(
            "UPDATE Activity a SET a.resourceLinkId = :rlid, a.updatedAt = :now"
                + " WHERE a.platformKey = :platform AND a.resourceLinkId = :placeholder")
        .setParameter("rlid", resourceLink.value())
        .setParameter("now", LocalDateTime.now(clock))
        .setParameter("platform", platform.value())
        .setParameter("placeholder", PRECONFIGURED + reference.strip())
        .executeUpdate();
  }

  public Activity find(Long id) {
    return em.find(Activity.class, id);
  }

  public List<Activity> all() {
    return em.createNamedQuery(Activity.ALL, Activity.class).getResultList();
  }

  /**
   * Inserts a new activity in its own transaction, so that when two instructors configure the same
   * placement at once the loser's unique-constraint violation (23505) poisons nothing: the caller
   * catches it and sends the loser to the dashboard.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Long create(
      Claims.Setup setup,
      CreatorUser owner,
      String name,
      boolean chatVisibility,
      List<Assistant> assistants) {
    CreatorUser managedOwner = em.find(CreatorUser.class, owner.id());
    List<Assistant> managed =
        assistants.stream().map(a -> em.find(Assistant.class, a.id())).toList();
    Activity activity =
        new Activity(
            setup.platformKey(),
            setup.resourceLinkId(),
            managedOwner.organization(),
            setup.contextId(),
            setup.contextTitle(),
            name,
            managedOwner,
            setup.name(),
            chatVisibility,
            managed,
            LocalDateTime.now(clock));
    em.persist(activity);
    em.flush();
    return activity.id();
  }

  /** An activity changed elsewhere (migrated, say): its students go the full way next time. */
  public void changed(long activityId) {
    returning.forgetActivity(activityId);
  }

  @Transactional
  public void reconfigure(
      Long activityId, String name, boolean chatVisibility, List<Assistant> assistants) {
    Activity activity = em.find(Activity.class, activityId);
    List<Assistant> managed =
        assistants.stream().map(a -> em.find(Assistant.class, a.id())).toList();
    activity.reconfigure(name, chatVisibility, managed, LocalDateTime.now(clock));
    returning.forgetActivity(activityId);
  }

  /** The owner's choice of identity policy ({@link Configuration#chooseIdentityPolicy}). */
  @Transactional
  public void chooseIdentityPolicy(Long activityId, IdentityPolicy policy) {
    em.find(Activity.class, activityId).chooseIdentityPolicy(policy, LocalDateTime.now(clock));
    returning.forgetActivity(activityId);
  }
}
