package org.ltibridge.system.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The first thing the application does at start, before the schema migration ({@code @DependsOn}
 * there): switches the log to JSON lines if asked ({@code LTI_BRIDGE_LOG_FORMAT=json}), then checks
 * the configuration ({@link ConfigurationCheck}). A wrong value stops the deployment with one
 * SEVERE line saying what to fix, instead of a stack trace later or a silent fallback; the server
 * then serves no {@code /health/ready}, so the failed start cannot look healthy.
 */
@Startup
@Singleton
public class StartupChecks {

  private static final Logger LOG = Logger.getLogger(StartupChecks.class.getName());

  static final String ERROR_CONFIGURATION = "LTI Bridge cannot start, configuration error: %s";

  /** The root handlers' own formatters, restored at undeployment (they belong to the server). */
  private final Map<Handler, Formatter> replaced = new IdentityHashMap<>();

  @PostConstruct
  void check() {
    Config config = ConfigProvider.getConfig();
    if ("json"
        .equals(
            config
                .getOptionalValue("lti-bridge.log-format", String.class)
                .orElse("")
                .strip()
                .toLowerCase(Locale.ROOT))) {
      jsonLines();
    }
    List<String> problems =
        ConfigurationCheck.problems(key -> config.getOptionalValue(key, String.class));
    if (!problems.isEmpty()) {
      String line = ERROR_CONFIGURATION.formatted(String.join("; ", problems));
      LOG.severe(line);
      throw new ConfigurationError(line);
    }
  }

  /** Every handler of the root logger writes JSON lines from now on. */
  private void jsonLines() {
    JsonLogFormatter json = new JsonLogFormatter();
    for (Handler h : Logger.getLogger("").getHandlers()) {
      replaced.put(h, h.getFormatter());
      h.setFormatter(json);
    }
  }

  @PreDestroy
  void restore() {
    replaced.forEach(Handler::setFormatter);
    replaced.clear();
  }

  /** Stops the deployment; its message is the whole story, so it carries no stack trace. */
  static final class ConfigurationError extends RuntimeException {
    ConfigurationError(String message) {
      super(message, null, false, false);
    }
  }
}
