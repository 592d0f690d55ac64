package org.ltibridge.legacy.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.Optional;
import org.ltibridge.access.control.Actor;
import org.ltibridge.access.control.Permissions;
import org.ltibridge.activity.entity.Activity;
import org.ltibridge.activity.entity.ActivityRole;
import org.ltibridge.activity.entity.ActivityUser;
import org.ltibridge.assistant.entity.Assistant;
import org.ltibridge.identity.control.CreatorSessions;
import org.ltibridge.identity.entity.CreatorUser;
import org.ltibridge.system.control.Problem;

/**
 * Who, chatting in a legacy placement, may manage its assistant. An instructor who clicks a legacy
 * link lands in its chat like a student (LAMB lti_landscape.md §11); if a creator account they
 * arrived with is allowed to change the assistant ({@link Permissions#requireAuthorOf}: its
 * creator, LAMB lti_landscape.md §16), the chat page offers them the assistant's placements, where
 * they can migrate this link in place (§19, future direction 12). The account is the one recorded
 * when the instructor launched ({@code lti_activity_instructors}, by LMS user id), and the rule is
 * asked again when they follow the offer.
 */
@ApplicationScoped
public class PlacementManagers {

  static final Problem.Text ERROR_NOT_MANAGER = Problem.text("legacy.PlacementManagers.notManager");

  @PersistenceContext EntityManager em;
  @Inject CreatorSessions sessions;

  /**
   * A creator session opened from the chat: who, its token (for the page only), which assistant.
   */
  public record Entered(Actor actor, String token, long assistantId) {
    @Override
    public String toString() {
      return "Entered[actor=" + actor + ", token=…, assistantId=" + assistantId + "]";
    }
  }

  /**
   * The assistant that the person {@code activityUserId} of placement {@code activityId} may
   * manage, if any: only an instructor of a placement that is still a legacy link, with a creator
   * account they launched it with that may change its assistant now.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Optional<Long> assistantManagedBy(long activityId, long activityUserId) {
    return manager(activityId, activityUserId).map(m -> m.assistant().id());
  }

  /**
   * Signs the instructor in to the creator interface as that account, inside the LMS frame, as the
   * Creator LTI link does; refuses with 403 whoever may not manage the assistant (now).
   */
  @Transactional
  public Entered enter(long activityId, long activityUserId) {
    Manager m =
        manager(activityId, activityUserId).orElseThrow(() -> Problem.forbidden(ERROR_NOT_MANAGER));
    CreatorSessions.Issued session = sessions.issue(m.account());
    return new Entered(CreatorSessions.actorOf(m.account()), session.token(), m.assistant().id());
  }

  private record Manager(CreatorUser account, Assistant assistant) {}

  private Optional<Manager> manager(long activityId, long activityUserId) {
    Activity placement = em.find(Activity.class, activityId);
    ActivityUser person = em.find(ActivityUser.class, activityUserId);
    if (placement == null
        || !placement.isLegacy()
        || placement.assistants().size() != 1
        || person == null
        || !person.activity().id().equals(placement.id())
        || person.role() != ActivityRole.INSTRUCTOR
        || person.lmsUserId().isEmpty()) {
      return Optional.empty();
    }
    Assistant assistant = placement.assistants().get(0);
    Long organization = assistant.organization().id();
    Long author = assistant.owner() == null ? null : assistant.owner().id();
    return em.createQuery(
            "SELECT c FROM CreatorUser c, ActivityInstructor i WHERE i.creatorUserId = c.id"
                + " AND i.activityId = :activity AND i.lmsUserId = :lmsUser ORDER BY c.id",
            CreatorUser.class)
        .setParameter("activity", placement.id())
        .setParameter("lmsUser", person.lmsUserId().get())
        .getResultStream()
        .filter(CreatorUser::mayCreate)
        .filter(c -> Permissions.allowsAuthorOf(CreatorSessions.actorOf(c), organization, author))
        .findFirst()
        .map(c -> new Manager(c, assistant));
  }
}
