package org.ltibridge.launch.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.ltibridge.activity.control.ReturningLaunches;
import org.ltibridge.activity.control.UnifiedActivityFlow;
import org.ltibridge.identity.control.CreatorLtiFlow;
import org.ltibridge.launch.entity.Launch;
import org.ltibridge.launch.entity.LaunchOutcome;
import org.ltibridge.system.control.Problem;

/**
 * Sends a verified launch to its flow. The flow follows from where the launch was addressed (the
 * path of {@link Launch#target()}), never from the wire format, so every flow works over LTI 1.1
 * and LTI 1.3 alike.
 */
@ApplicationScoped
public class LaunchRouter {

  public static final String UNIFIED = "/lamb/v1/lti/launch";

  /** LAMB's Creator LTI launch path, into the creator interface. */
  public static final String CREATOR = "/lamb/v1/lti_creator/launch";

  static final String ERROR_NO_FLOW = "LTI Bridge has no activity at %s.";

  @Inject UnifiedActivityFlow unified;
  @Inject ReturningLaunches returning;
  @Inject CreatorLtiFlow creator;

  public LaunchOutcome route(Launch launch) {
    String path = launch.target().getPath();
    if (path != null && path.endsWith(UNIFIED)) {
      return unified.handle(launch);
    }
    if (path != null && path.endsWith(CREATOR)) {
      return creator.handle(launch);
    }
    throw Problem.notFound(ERROR_NO_FLOW.formatted(path));
  }

  /**
   * A verified launch whose single-use value is not recorded yet, if it is a returning student's:
   * the redirect, with everything written at once; otherwise empty, and the caller routes it
   * through {@link #route} as usual.
   */
  public Optional<String> returningStudent(Launch launch, ReturningLaunches.SingleUse used) {
    String path = launch.target().getPath();
    return path != null && path.endsWith(UNIFIED)
        ? returning.redirect(launch, used)
        : Optional.empty();
  }
}
