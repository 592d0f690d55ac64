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
import java.util.Locale;
import java.util.Optional;
import org.ltibridge.identity.entity.CreatedVia;
import org.ltibridge.identity.entity.CreatorUser;
import org.ltibridge.launch.entity.Launch;
import org.ltibridge.org.entity.EmailDomain;
import org.ltibridge.org.entity.Organization;
import org.ltibridge.system.control.AuditLog;
import org.ltibridge.system.control.UniqueViolation;

/**
 * Instructor self-service (LAMB issue #467, "let instructors create their own creator account"): an
 * instructor whose launch found no creator account gets one in the organisation that lists their
 * LMS email's domain, if that organisation is enabled and offers self-service. For an LTI 1.3
 * launch only the organisation of the registration that authenticated it counts; LTI 1.1 has one
 * key for the whole instance, so there the organisation listing the domain decides. Off unless an
 * organisation switches it on; students never get an account.
 *
 * <p>Race-safe: two first launches at once insert one account (unique organisation and email,
 * {@code uq_creator_users_org_email}); the other reads it back. The account and its audit entry are
 * committed together, in their own transaction, so an account is never left without its entry.
 */
@ApplicationScoped
public class SelfService {

  /** {@code creator_users.created_by} of an account made here. */
  public static final String CREATED_BY = "self-service";

  /** The audit action recorded, with the LMS email as actor. */
  public static final String ACTION = "creator.self-service";

  @PersistenceContext EntityManager em;
  @Inject AuditLog audit;
  @Inject Clock clock;
  @Inject SelfService self;

  /**
   * The rule: {@code org}, which lists the domain, gives an account to an instructor launching
   * through a registration of {@code registeredOrganization} (empty for LTI 1.1).
   */
  public static boolean offers(Organization org, Optional<Long> registeredOrganization) {
    return org.enabled()
        && org.selfServiceEnabled()
        && registeredOrganization.map(org.id()::equals).orElse(true);
  }

  /** An address's domain as listed: after its last {@code @}, in lower case; empty if none. */
  static Optional<String> domainOf(String email) {
    if (email == null) {
      return Optional.empty();
    }
    String e = email.strip().toLowerCase(Locale.ROOT);
    int at = e.lastIndexOf('@');
    return at <= 0 || at == e.length() - 1 ? Optional.empty() : Optional.of(e.substring(at + 1));
  }

  /**
   * For an instructor whose launch found no creator account that may act: their account, created
   * now (or by a simultaneous first launch) if self-service applies; empty otherwise. An account
   * that exists in that organisation already but is disabled stays disabled (empty).
   */
  public Optional<CreatorUser> enrol(Launch launch) {
    if (!launch.roles().isInstructor() || launch.user().email().isEmpty()) {
      return Optional.empty();
    }
    String email = launch.user().email().get().strip().toLowerCase(Locale.ROOT);
    Optional<String> domain = domainOf(email);
    if (domain.isEmpty()) {
      return Optional.empty();
    }
    EmailDomain listed = em.find(EmailDomain.class, domain.get());
    if (listed == null || !offers(listed.organization(), launch.registeredOrganization())) {
      return Optional.empty();
    }
    Organization org = listed.organization();
    Optional<CreatorUser> existing = in(org, email);
    if (existing.isPresent()) {
      return existing.filter(CreatorUser::mayCreate);
    }
    try {
      return Optional.of(
          self.create(
              org.id(),
              email,
              launch.user().name().orElse(null),
              "domain " + domain.get() + ", first launch over " + launch.version()));
    } catch (PersistenceException | TransactionalException e) {
      if (!UniqueViolation.isCauseOf(e)) {
        throw e;
      }
      return in(org, email).filter(CreatorUser::mayCreate); // a simultaneous launch made it
    }
  }

  /** Inserts the account and records it, in a transaction of their own. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public CreatorUser create(long organizationId, String email, String name, String detail) {
    Organization org = em.find(Organization.class, organizationId);
    CreatorUser account =
        new CreatorUser(
            org, email, name, CreatedVia.SELF_SERVICE, CREATED_BY, LocalDateTime.now(clock));
    em.persist(account);
    em.flush();
    audit.record(email, organizationId, ACTION, email, detail);
    return account;
  }

  private Optional<CreatorUser> in(Organization org, String email) {
    return em.createQuery(
            "SELECT c FROM CreatorUser c WHERE c.organization.id = :org AND c.email = :email",
            CreatorUser.class)
        .setParameter("org", org.id())
        .setParameter("email", email)
        .getResultStream()
        .findFirst();
  }
}
