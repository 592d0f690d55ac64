package org.ltibridge.lti13.tool.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.io.Serializable;
import java.util.List;
import org.ltibridge.identity.control.ConsoleCaller;
import org.ltibridge.lti13.tool.entity.OrgSettings;
import org.ltibridge.lti13.tool.entity.PlatformEndpoints;
import org.ltibridge.lti13.tool.entity.Registration;
import org.ltibridge.lti13.tool.entity.RegistrationSource;
import org.ltibridge.lti13.tool.entity.RegistrationStatus;
import org.ltibridge.org.entity.Organization;
import org.ltibridge.system.control.Problem;
import org.ltibridge.system.control.Randomness;
import org.ltibridge.system.control.UniqueViolation;

/**
 * The console's LTI 1.3 page: registrations and Dynamic Registration settings of the organisations
 * the signed-in admin may manage (system admins: all; org admins: their own). Every method asks
 * {@link ConsoleCaller} first.
 */
@ApplicationScoped
public class Lti13Console {

  static final Problem.Text ERROR_SCOPE = Problem.text("lti13.tool.Lti13Console.scope");

  @PersistenceContext EntityManager em;
  @Inject ConsoleCaller caller;
  @Inject Registrations registrations;
  @Inject Lti13Console self;

  /** One registration as the console shows it. */
  public record Row(
      long id,
      String organization,
      String issuer,
      String clientId,
      String authLoginUrl,
      String tokenUrl,
      String tokenAudience,
      String jwksUrl,
      List<String> deploymentIds,
      String status,
      String source,
      String platformName)
      implements Serializable {}

  /** An organisation's Dynamic Registration settings. */
  public record OrgRow(long id, String name, String registrationRef, boolean approvalRequired)
      implements Serializable {}

  public List<Row> registrations() {
    ConsoleCaller.Scope scope = caller.scope();
    if (scope.nothing()) {
      return List.of();
    }
    List<Registration> all =
        scope.everything()
            ? registrations.all()
            : registrations.inOrganization(scope.organizationId());
    return all.stream().map(Lti13Console::row).toList();
  }

  /** The organisations the caller manages, each with a registration reference (created once). */
  public List<OrgRow> organizations() {
    ConsoleCaller.Scope scope = caller.scope();
    if (scope.nothing()) {
      return List.of();
    }
    return em.createNamedQuery(Organization.ALL, Organization.class).getResultList().stream()
        .filter(o -> scope.covers(o.id()))
        .map(o -> self.settingsOf(o))
        .toList();
  }

  @Transactional
  public OrgRow settingsOf(Organization o) {
    OrgSettings s = em.find(OrgSettings.class, o.id());
    if (s == null) {
      s = new OrgSettings(o.id(), reference());
      try {
        self.insert(s);
      } catch (PersistenceException | jakarta.transaction.TransactionalException e) {
        if (!UniqueViolation.isCauseOf(e)) {
          throw e;
        }
        s = em.find(OrgSettings.class, o.id());
      }
    }
    return new OrgRow(o.id(), o.name(), s.registrationRef(), s.approvalRequired());
  }

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void insert(OrgSettings s) {
    em.persist(s);
    em.flush();
  }

  @Transactional
  public void requireApproval(long organizationId, boolean required) {
    covers(organizationId);
    OrgSettings s = em.find(OrgSettings.class, organizationId);
    if (s == null) {
      s = new OrgSettings(organizationId, reference());
      em.persist(s);
    }
    s.requireApproval(required);
  }

  public long registerManually(
      long organizationId, PlatformEndpoints platform, List<String> deploymentIds) {
    covers(organizationId);
    return registrations.register(
        organizationId,
        platform,
        deploymentIds,
        RegistrationStatus.ENABLED,
        RegistrationSource.MANUAL,
        null);
  }

  public void changeStatus(long registrationId, RegistrationStatus status) {
    coversRegistration(registrationId);
    registrations.changeStatus(registrationId, status);
  }

  public void deploy(long registrationId, String deploymentId) {
    coversRegistration(registrationId);
    registrations.deploy(registrationId, deploymentId);
  }

  public void undeploy(long registrationId, String deploymentId) {
    coversRegistration(registrationId);
    registrations.undeploy(registrationId, deploymentId);
  }

  public void delete(long registrationId) {
    coversRegistration(registrationId);
    registrations.delete(registrationId);
  }

  private void covers(long organizationId) {
    if (!caller.scope().covers(organizationId)) {
      throw Problem.forbidden(ERROR_SCOPE);
    }
  }

  private void coversRegistration(long registrationId) {
    RegisteredPlatform p =
        registrations
            .byId(registrationId)
            .orElseThrow(() -> Problem.notFound(Registrations.ERROR_GONE));
    covers(p.organizationId());
  }

  private static Row row(Registration r) {
    PlatformEndpoints e = r.endpoints();
    return new Row(
        r.id(),
        r.organization().name(),
        e.issuer(),
        e.clientId(),
        e.authLoginUrl(),
        e.tokenUrl(),
        e.tokenAudience(),
        e.jwksUrl(),
        r.deploymentIds(),
        r.status().name().toLowerCase(),
        r.source().name().toLowerCase(),
        r.platformName().orElse(""));
  }

  private static String reference() {
    return Randomness.token(18);
  }
}
