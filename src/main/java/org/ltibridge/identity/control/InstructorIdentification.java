package org.ltibridge.identity.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import org.ltibridge.identity.entity.CreatorUser;
import org.ltibridge.identity.entity.IdentityLink;
import org.ltibridge.launch.entity.Launch;
import org.ltibridge.launch.entity.LmsUser;
import org.ltibridge.launch.entity.PlatformKey;

/**
 * Seed 003 §3 step 5: finds the creator accounts of an instructor arriving from an LMS, first by an
 * identity link for (platform, LMS user id), then by email. May return accounts in several
 * organisations; an empty list means "contact your administrator".
 */
@ApplicationScoped
public class InstructorIdentification {

  @PersistenceContext EntityManager em;

  public List<CreatorUser> creatorAccounts(Launch launch) {
    return creatorAccounts(launch.platform(), launch.user());
  }

  /** The same for a message that is no resource link launch (an LTI 1.3 deep linking request). */
  public List<CreatorUser> creatorAccounts(PlatformKey platform, LmsUser user) {
    List<CreatorUser> linked =
        em
            .createNamedQuery(IdentityLink.FOR_LMS_USER, IdentityLink.class)
            .setParameter("platform", platform.value())
            .setParameter("lmsUserId", user.id())
            .getResultList()
            .stream()
            .map(IdentityLink::creatorUser)
            .filter(CreatorUser::enabled)
            .toList();
    if (!linked.isEmpty()) {
      return linked;
    }
    return user.email()
        .map(
            email ->
                em.createNamedQuery(CreatorUser.BY_EMAIL, CreatorUser.class)
                    .setParameter("email", email)
                    .getResultList())
        .orElse(List.of());
  }

  public CreatorUser find(Long id) {
    return id == null ? null : em.find(CreatorUser.class, id);
  }
}
