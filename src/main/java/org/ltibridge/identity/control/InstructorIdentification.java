package org.ltibridge.identity.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Locale;
import org.ltibridge.identity.entity.CreatorUser;
import org.ltibridge.identity.entity.IdentityLink;
import org.ltibridge.launch.entity.Launch;
import org.ltibridge.launch.entity.LmsUser;
import org.ltibridge.launch.entity.PlatformKey;

/**
 * LAMB lti_landscape.md §3 step 5: finds the creator accounts of an instructor arriving from an
 * LMS, first by an identity link for (platform, LMS user id), then by email. May return accounts in
 * several organisations; only accounts that may act now count ({@link CreatorUser#mayCreate}:
 * enabled, in an enabled organisation). An empty list means "contact your administrator", or "your
 * organisation is disabled" when {@link #onlyInDisabledOrganizations} says so.
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
        linked(platform, user).stream().filter(CreatorUser::mayCreate).toList();
    if (!linked.isEmpty()) {
      return linked;
    }
    return byEmail(user).stream().filter(CreatorUser::mayCreate).toList();
  }

  /**
   * Whether the instructor has enabled creator accounts, all of them in disabled organisations
   * (read only when {@link #creatorAccounts} found none).
   */
  public boolean onlyInDisabledOrganizations(Launch launch) {
    return !linked(launch.platform(), launch.user()).isEmpty() || !byEmail(launch.user()).isEmpty();
  }

  private List<CreatorUser> linked(PlatformKey platform, LmsUser user) {
    return em
        .createNamedQuery(IdentityLink.FOR_LMS_USER, IdentityLink.class)
        .setParameter("platform", platform.value())
        .setParameter("lmsUserId", user.id())
        .getResultList()
        .stream()
        .map(IdentityLink::creatorUser)
        .filter(CreatorUser::enabled)
        .toList();
  }

  /** Enabled accounts with the user's email (creator emails are stored in lower case). */
  private List<CreatorUser> byEmail(LmsUser user) {
    return user.email()
        .map(
            email ->
                em.createNamedQuery(CreatorUser.BY_EMAIL, CreatorUser.class)
                    .setParameter("email", email.strip().toLowerCase(Locale.ROOT))
                    .getResultList())
        .orElse(List.of());
  }

  public CreatorUser find(Long id) {
    return id == null ? null : em.find(CreatorUser.class, id);
  }
}
