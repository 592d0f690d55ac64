package org.ltibridge.admin.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ltibridge.access.control.Actor;
import org.ltibridge.access.control.Permissions;
import org.ltibridge.access.control.Views;
import org.ltibridge.activity.entity.Activity;
import org.ltibridge.activity.entity.ActivityRole;
import org.ltibridge.identity.entity.CreatorUser;
import org.ltibridge.system.control.Problem;

/**
 * What a creator who signs in to LTI Bridge sees of their own work: who they are, in which
 * organisation, and the activities they own. Only the caller's own account is ever read, so this
 * needs no rule of {@link Permissions}: a creator (or an org admin, who is a creator too) sees
 * themselves, anybody else is refused.
 */
@ApplicationScoped
public class CreatorHome {

  static final Problem.Text ERROR_NOT_A_CREATOR = Problem.text("admin.CreatorHome.notACreator");

  @PersistenceContext EntityManager em;

  /** The signed-in creator and what they own. */
  public record Home(
      String username, String name, String organization, List<OwnedActivity> activities) {}

  /** One activity the creator owns. */
  public record OwnedActivity(
      Long id, String name, String course, long students, String status, String createdAt) {}

  @Transactional
  public Home of(Actor actor) {
    if (actor.role() == Actor.Role.ANONYMOUS) {
      throw new Problem(401, Problem.text("title.notSignedIn"), Permissions.ERROR_SIGN_IN);
    }
    // The actor's creator, with or without a console account (a Creator LTI creator has none).
    CreatorUser creator =
        actor.creatorId() == null ? null : em.find(CreatorUser.class, actor.creatorId());
    if (creator == null
        || (actor.role() != Actor.Role.CREATOR && actor.role() != Actor.Role.ORG_ADMIN)) {
      throw Problem.forbidden(ERROR_NOT_A_CREATOR);
    }
    Map<Long, Long> students = new HashMap<>();
    for (Object[] r :
        em.createQuery(
                "SELECT u.activity.id, COUNT(u) FROM ActivityUser u WHERE u.role = :role"
                    + " AND u.activity.owner.id = :c GROUP BY u.activity.id",
                Object[].class)
            .setParameter("role", ActivityRole.STUDENT)
            .setParameter("c", creator.id())
            .getResultList()) {
      students.put(((Number) r[0]).longValue(), ((Number) r[1]).longValue());
    }
    List<OwnedActivity> owned =
        em.createQuery(
                "SELECT a FROM Activity a WHERE a.owner.id = :c ORDER BY a.createdAt DESC",
                Activity.class)
            .setParameter("c", creator.id())
            .getResultStream()
            .map(
                a ->
                    new OwnedActivity(
                        a.id(),
                        a.name(),
                        a.contextTitle() == null ? "" : a.contextTitle(),
                        students.getOrDefault(a.id(), 0L),
                        a.status().name().toLowerCase(Locale.ROOT),
                        Views.time(a.createdAt())))
            .toList();
    return new Home(actor.username(), creator.displayName(), creator.organization().name(), owned);
  }
}
