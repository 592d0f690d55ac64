package org.ltibridge.identity.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.Optional;
import org.ltibridge.identity.entity.CreatorUser;
import org.ltibridge.launch.control.LaunchFlow;
import org.ltibridge.launch.entity.Launch;
import org.ltibridge.launch.entity.LaunchOutcome;
import org.ltibridge.launch.entity.LtiVersion;
import org.ltibridge.org.entity.Organization;
import org.ltibridge.system.control.Problem;

/**
 * The Creator LTI flow (LAMB's {@code backend/lamb/lti_creator_router.py}): an instructor who opens
 * the organisation's Creator link lands signed in, as a creator of that organisation, in the
 * creator interface inside the LMS's frame. The organisation is the one that authenticated the
 * launch: the owner of the Creator LTI key (LTI 1.1) or of the LTI 1.3 registration. Any LMS user
 * the link is shown to may enter, as in LAMB; the LMS decides who sees the link.
 *
 * <p>Runs in the launch's transaction. A refusal (system or disabled organisation, disabled
 * creator) is a 403 page and writes nothing but the launch's nonce or OIDC login, which a verified
 * launch uses up, as every flow's refusals do, so that it cannot be replayed later.
 */
@ApplicationScoped
public class CreatorLtiFlow implements LaunchFlow {

  /** LAMB's Creator LTI launch path, into the creator interface (LAMB lti_landscape.md §7.4). */
  public static final String PATH = "/lamb/v1/lti_creator/launch";

  @Override
  public boolean serves(String path) {
    return path.endsWith(PATH);
  }

  static final Problem.Text ERROR_NO_ORGANIZATION =
      Problem.text("identity.CreatorLtiFlow.noOrganization");
  static final Problem.Text ERROR_SYSTEM = Problem.text("identity.CreatorLtiFlow.system");
  static final Problem.Text ERROR_ORGANIZATION_DISABLED =
      Problem.text("identity.CreatorLtiFlow.organizationDisabled");
  static final Problem.Text ERROR_CREATOR_DISABLED =
      Problem.text("identity.CreatorLtiFlow.creatorDisabled");

  @PersistenceContext EntityManager em;
  @Inject LtiCreators creators;
  @Inject CreatorSessions sessions;

  @Transactional(Transactional.TxType.MANDATORY)
  @Override
  public LaunchOutcome handle(Launch launch) {
    Organization org =
        launch.registeredOrganization().map(id -> em.find(Organization.class, id)).orElse(null);
    if (org == null) {
      return forbidden(ERROR_NO_ORGANIZATION);
    }
    if (org.isSystem()) {
      return forbidden(ERROR_SYSTEM);
    }
    if (!org.enabled()) {
      return forbidden(ERROR_ORGANIZATION_DISABLED);
    }
    Optional<CreatorUser> known = creators.find(org, launch.user().id());
    if (known.isPresent() && !known.get().enabled()) {
      return forbidden(ERROR_CREATOR_DISABLED);
    }
    CreatorUser creator =
        known.isPresent()
            ? creators.returning(known.get(), launch.user())
            : creators.enrol(org, launch.user(), over(launch.version()));
    CreatorSessions.Issued session = sessions.issue(creator);
    return new LaunchOutcome.Frame(CreatorSessions.actorOf(creator), session.token());
  }

  private static LaunchOutcome forbidden(Problem.Text detail) {
    Problem refused = Problem.forbidden(detail);
    return new LaunchOutcome.Page(refused.status(), "error", refused);
  }

  /** "LTI 1.1" or "LTI 1.3", for the audit entry only. */
  private static String over(LtiVersion version) {
    return version.name().replace("LTI_1_", "LTI 1.");
  }
}
