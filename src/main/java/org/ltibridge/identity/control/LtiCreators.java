package org.ltibridge.identity.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import jakarta.transaction.TransactionalException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Optional;
import org.ltibridge.identity.entity.CreatorUser;
import org.ltibridge.launch.entity.LmsUser;
import org.ltibridge.org.entity.Organization;
import org.ltibridge.system.control.AuditLog;
import org.ltibridge.system.control.Problem;
import org.ltibridge.system.control.UniqueViolation;

/**
 * The creators who enter through Creator LTI links (LAMB's {@code
 * backend/lamb/lti_creator_router.py}): found by (organisation, LMS user id) among creators with
 * {@code auth_provider = 'lti_creator'}, created at their first launch with a synthetic email,
 * never with a password or a console account. One instructor in two organisations is two creators
 * (as in LAMB, whose creators are keyed by organisation and LMS user id).
 */
@ApplicationScoped
public class LtiCreators {

  /** The audit action recorded when a launch creates a creator, with the creator as actor. */
  public static final String ACTION = "creator.lti-creator";

  static final Problem.Text ERROR_TAKEN = Problem.text("identity.LtiCreators.taken");

  /** LAMB's {@code sanitize_lti_user_id}: at most this many characters of the user id. */
  static final int MAX_USER_ID = 120;

  static final int MAX_NAME = 200;
  static final String DEFAULT_NAME = "LTI User";

  @PersistenceContext EntityManager em;
  @Inject AuditLog audit;
  @Inject Clock clock;
  @Inject LtiCreators self;

  /**
   * As LAMB's {@code sanitize_lti_user_id} and launch: {@code lti_creator_{org slug}_{user
   * id}@lamb-lti.local}, the user id with every character outside {@code [A-Za-z0-9._-]} replaced
   * by {@code _} and cut to 120 characters. (The creator table keeps emails in lower case, as it
   * does for every creator.)
   */
  public static String email(String organizationSlug, String ltiUserId) {
    String sanitized = ltiUserId.replaceAll("[^A-Za-z0-9._-]", "_");
    if (sanitized.length() > MAX_USER_ID) {
      sanitized = sanitized.substring(0, MAX_USER_ID);
    }
    return "lti_creator_" + organizationSlug + "_" + sanitized + "@lamb-lti.local";
  }

  /**
   * As LAMB's launch: {@code lis_person_name_full}, else {@code ext_user_username}, else {@code
   * user_id}, else "LTI User"; at most 200 characters. (Over LTI 1.3 the name is the {@code name}
   * claim, or given and family name.)
   */
  public static String displayName(LmsUser user) {
    String name =
        user.name()
            .or(user::username)
            .orElse(user.id().isBlank() ? DEFAULT_NAME : user.id().strip());
    return name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : name;
  }

  /** The creator of {@code org} whom the LMS knows as {@code ltiUserId}, enabled or not. */
  public Optional<CreatorUser> find(Organization org, String ltiUserId) {
    return em.createNamedQuery(CreatorUser.BY_LTI_USER, CreatorUser.class)
        .setParameter("org", org.id())
        .setParameter("user", ltiUserId)
        .getResultStream()
        .findFirst();
  }

  /**
   * A returning creator, whose LMS now sends another name or username: it becomes their display
   * name (the LMS is where people change their names). An LMS that sends neither leaves the name as
   * it is.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public CreatorUser returning(CreatorUser creator, LmsUser user) {
    if (user.name().or(user::username).isPresent()
        && !displayName(user).equals(creator.givenName())) {
      creator.rename(displayName(user));
    }
    return creator;
  }

  /**
   * A first visit: the user's creator in {@code org}, created now (or by a simultaneous first
   * launch, a double click), managed by the caller's transaction. Refuses (409) a user id whose
   * email another user id of the organisation has already.
   *
   * @param over how the launch came, for the audit entry (e.g. "LTI 1.1")
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public CreatorUser enrol(Organization org, LmsUser user, String over) {
    String email = email(org.slug(), user.id());
    CreatorUser created;
    try {
      created = self.create(org.id(), email, displayName(user), user.id(), over);
    } catch (PersistenceException | TransactionalException e) {
      if (!UniqueViolation.isCauseOf(e)) {
        throw e;
      }
      created = find(org, user.id()).orElseThrow(() -> Problem.conflict(ERROR_TAKEN.with(email)));
    }
    return em.find(CreatorUser.class, created.id());
  }

  /** Inserts a creator and records it, in a transaction of their own (see {@link #enrol}). */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public CreatorUser create(
      long organizationId, String email, String displayName, String ltiUserId, String over) {
    Organization org = em.find(Organization.class, organizationId);
    CreatorUser creator =
        CreatorUser.fromLti(org, email, displayName, ltiUserId, LocalDateTime.now(clock));
    em.persist(creator);
    em.flush();
    audit.record(
        creator.email(), organizationId, ACTION, creator.email(), "first launch over " + over);
    return creator;
  }
}
