package org.ltibridge.lti13.tool.control;

import java.util.Optional;
import java.util.Set;
import org.ltibridge.activity.entity.Availability;
import org.ltibridge.lti13.tool.entity.PlatformEndpoints;
import org.ltibridge.lti13.tool.entity.Registration;
import org.ltibridge.lti13.tool.entity.RegistrationStatus;
import org.ltibridge.system.control.Problem;

/**
 * A registration as the launch path sees it: an immutable snapshot, cached in memory for a few
 * seconds so that a launch costs no registration query.
 */
public record RegisteredPlatform(
    long id,
    long organizationId,
    PlatformEndpoints endpoints,
    RegistrationStatus status,
    Set<String> deploymentIds,
    boolean organizationEnabled) {

  /**
   * Logins and launches of a registration whose organisation is disabled are refused with this (the
   * same notice as its activities give, {@link Availability#ORGANIZATION_DISABLED}).
   */
  public static final Problem.Text ERROR_ORGANIZATION_DISABLED =
      Availability.ORGANIZATION_DISABLED.notice();

  public RegisteredPlatform {
    deploymentIds = Set.copyOf(deploymentIds);
  }

  /** A registration of an enabled organisation. */
  public RegisteredPlatform(
      long id,
      long organizationId,
      PlatformEndpoints endpoints,
      RegistrationStatus status,
      Set<String> deploymentIds) {
    this(id, organizationId, endpoints, status, deploymentIds, true);
  }

  static RegisteredPlatform of(Registration r) {
    return new RegisteredPlatform(
        r.id(),
        r.organization().id(),
        r.endpoints(),
        r.status(),
        Set.copyOf(r.deploymentIds()),
        r.organization().enabled());
  }

  /**
   * A login or launch of this registration is refused now: the registration is not enabled, or its
   * organisation is disabled.
   */
  public Optional<Problem> refusal(Problem.Text notEnabled) {
    if (!enabled()) {
      return Optional.of(Problem.forbidden(notEnabled.with(issuer(), status.name().toLowerCase())));
    }
    if (!organizationEnabled) {
      return Optional.of(Problem.forbidden(ERROR_ORGANIZATION_DISABLED));
    }
    return Optional.empty();
  }

  public String issuer() {
    return endpoints.issuer();
  }

  public String clientId() {
    return endpoints.clientId();
  }

  public boolean enabled() {
    return status == RegistrationStatus.ENABLED;
  }
}
