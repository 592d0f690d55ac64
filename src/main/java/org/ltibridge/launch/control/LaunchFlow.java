package org.ltibridge.launch.control;

import java.util.Optional;
import org.ltibridge.fastpath.SingleUse;
import org.ltibridge.launch.entity.Launch;
import org.ltibridge.launch.entity.LaunchOutcome;

/**
 * What happens to a verified launch addressed to one of LAMB's launch paths (Unified, Creator,
 * legacy Student LTI). Each flow is a CDI bean of its own capability; {@link LaunchRouter} finds it
 * by the path, so the verifiers (LTI 1.1, LTI 1.3) know no flow and no flow knows the wire format.
 */
public interface LaunchFlow {

  /** Whether launches addressed to {@code path} (the path of {@link Launch#target()}) are ours. */
  boolean serves(String path);

  /** The full way: decides, writes what the launch needs, and says where the user goes. */
  LaunchOutcome handle(Launch launch);

  /**
   * The quick way, for a launch whose single-use value is not recorded yet: where the user goes,
   * with everything written at once and {@code used} used up, or empty when this launch must take
   * {@link #handle} (which then explains any refusal). Flows without a quick way answer empty.
   */
  default Optional<String> quickly(Launch launch, SingleUse used) {
    return Optional.empty();
  }
}
