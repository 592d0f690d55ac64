package org.ltibridge.launch.entity;

import java.net.URI;
import java.util.Optional;
import java.util.Set;

/**
 * The LTI services the LMS offers with this launch: LTI 1.1 Basic Outcomes, or LTI 1.3 Assignment
 * and Grade Services and Names and Role Provisioning Services.
 */
public record LaunchServices(
    Optional<BasicOutcome> basicOutcome, Optional<GradeService> grades, Optional<URI> memberships) {

  public static final LaunchServices NONE =
      new LaunchServices(Optional.empty(), Optional.empty(), Optional.empty());

  /** LTI 1.1 {@code lis_outcome_service_url} and {@code lis_result_sourcedid}. */
  public record BasicOutcome(URI serviceUrl, String resultSourcedId) {}

  /** LTI 1.3 AGS claim. */
  public record GradeService(Optional<URI> lineItems, Optional<URI> lineItem, Set<String> scopes) {}
}
