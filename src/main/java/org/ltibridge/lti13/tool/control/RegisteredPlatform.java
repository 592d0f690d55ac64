package org.ltibridge.lti13.tool.control;

import java.util.Set;
import org.ltibridge.lti13.tool.entity.PlatformEndpoints;
import org.ltibridge.lti13.tool.entity.Registration;
import org.ltibridge.lti13.tool.entity.RegistrationStatus;

/**
 * A registration as the launch path sees it: an immutable snapshot, cached in memory for a few
 * seconds so that a launch costs no registration query.
 */
public record RegisteredPlatform(
    long id,
    long organizationId,
    PlatformEndpoints endpoints,
    RegistrationStatus status,
    Set<String> deploymentIds) {

  public RegisteredPlatform {
    deploymentIds = Set.copyOf(deploymentIds);
  }

  static RegisteredPlatform of(Registration r) {
    return new RegisteredPlatform(
        r.id(), r.organization().id(), r.endpoints(), r.status(), Set.copyOf(r.deploymentIds()));
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
