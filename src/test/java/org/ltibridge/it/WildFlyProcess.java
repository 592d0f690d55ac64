package org.ltibridge.it;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The ITs' server when {@code it.wildfly.home} names an unpacked WildFly distribution (the {@code
 * wildfly} Maven profile): configured by {@code server-config/wildfly/deploy.sh}, as a deployer
 * would, and started with plain {@code standalone.sh} on {@code it.http.port}. Both inherit the
 * test JVM's environment, i.e. failsafe's {@code LTI_BRIDGE_*} variables, as Payara Micro does.
 */
final class WildFlyProcess {

  private static final String LOG = "target/it-server.log.wildfly";

  private final Process process;
  private final URI base;

  private WildFlyProcess(Process process, URI base) {
    this.process = process;
    this.base = base;
  }

  /** The home to use, or null when the ITs run on Payara Micro. */
  static String home() {
    String home = System.getProperty("it.wildfly.home");
    return home == null || home.isBlank() ? null : home;
  }

  static WildFlyProcess start(String home, int httpPort) throws IOException, InterruptedException {
    File log = new File(LOG);
    Process deploy =
        new ProcessBuilder("server-config/wildfly/deploy.sh", home)
            .redirectErrorStream(true)
            .redirectOutput(log)
            .start();
    if (deploy.waitFor() != 0) {
      throw new IllegalStateException("deploy.sh failed; see " + log);
    }
    int managementPort;
    try (ServerSocket s = new ServerSocket(0)) {
      managementPort = s.getLocalPort();
    }
    Process server =
        new ProcessBuilder(
                List.of(
                    home + "/bin/standalone.sh",
                    "-Djboss.http.port=" + httpPort,
                    "-Djboss.management.http.port=" + managementPort))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log))
            .start();
    WildFlyProcess wildFly =
        new WildFlyProcess(server, URI.create("http://127.0.0.1:" + httpPort + "/"));
    Runtime.getRuntime().addShutdownHook(new Thread(wildFly::stop));
    return wildFly;
  }

  URI base() {
    return base;
  }

  /** Stops the server: standalone.sh runs Java as its child, which must not be left behind. */
  void stop() {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
