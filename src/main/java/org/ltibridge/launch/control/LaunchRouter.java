package org.ltibridge.launch.control;

import io.micrometer.core.instrument.Counter;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ltibridge.fastpath.SingleUse;
import org.ltibridge.launch.entity.Launch;
import org.ltibridge.launch.entity.LaunchOutcome;
import org.ltibridge.launch.entity.LtiVersion;
import org.ltibridge.system.control.Languages;
import org.ltibridge.system.control.Metrics;
import org.ltibridge.system.control.Problem;

/**
 * Sends a verified launch to its flow. The flow follows from where the launch was addressed (the
 * path of {@link Launch#target()}), never from the wire format, so every flow works over LTI 1.1
 * and LTI 1.3 alike. The flows are whatever {@link LaunchFlow} beans the application has.
 */
@ApplicationScoped
public class LaunchRouter {

  static final Problem.Text ERROR_NO_FLOW = Problem.text("launch.LaunchRouter.noFlow");

  /** Launches routed to a flow, by wire format; counted here, where every launch passes. */
  private static final Map<LtiVersion, Counter> LAUNCHES = new EnumMap<>(LtiVersion.class);

  static {
    for (LtiVersion v : LtiVersion.values()) {
      LAUNCHES.put(
          v,
          Metrics.counter(
              "ltibridge.launches",
              "Verified launches handed to their flow (full and quick way)",
              "version",
              v.tag()));
    }
  }

  @Inject @Any Instance<LaunchFlow> available;

  private List<LaunchFlow> flows;

  @PostConstruct
  void collect() {
    flows = available.stream().toList();
  }

  public LaunchOutcome route(Launch launch) {
    String path = launch.target().getPath();
    LaunchOutcome outcome =
        flowAt(path).orElseThrow(() -> Problem.notFound(ERROR_NO_FLOW.with(path))).handle(launch);
    LAUNCHES.get(launch.version()).increment();
    return outcome.in(launch.locale());
  }

  /**
   * The quick way of the launch's flow ({@link LaunchFlow#quickly}), or empty: the caller then
   * routes it through {@link #route} as usual.
   */
  public Optional<String> quickly(Launch launch, SingleUse used) {
    Optional<String> done =
        flowAt(launch.target().getPath()).flatMap(flow -> flow.quickly(launch, used));
    if (done.isPresent()) {
      LAUNCHES.get(launch.version()).increment();
    }
    return done.map(path -> Languages.carry(path, launch.locale()));
  }

  private Optional<LaunchFlow> flowAt(String path) {
    return path == null ? Optional.empty() : flows.stream().filter(f -> f.serves(path)).findFirst();
  }
}
