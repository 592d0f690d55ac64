package org.ltibridge.it;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * A second LTI Bridge instance: the same WAR on its own Payara Micro process, sharing the test
 * database, started and killed by the test. Used to show that flow state survives a restart and
 * works across instances.
 */
final class PayaraProcess implements AutoCloseable {

  private int port;
  private Process process;

  private final URI publicUrl;

  /** Environment variables to set (a null value removes one the test JVM passes on). */
  private final java.util.Map<String, String> environment = new java.util.LinkedHashMap<>();

  /** Starts this instance with {@code name} set to {@code value}, or unset if it is null. */
  PayaraProcess env(String name, String value) {
    environment.put(name, value);
    return this;
  }

  /**
   * @param publicUrl the URL both instances are known by (as behind a load balancer): OAuth
   *     signatures cover it
   */
  private String logName = "target/it-second-instance.log";

  private String preBoot = "server-config/pre-boot-commands.asadmin";

  /** Starts with the pre-boot commands of {@code file} instead of the production ones. */
  PayaraProcess preBoot(String file) {
    preBoot = file;
    return this;
  }

  /** Writes the instance's log to {@code file} (under target/). */
  PayaraProcess log(String file) {
    logName = file;
    return this;
  }

  PayaraProcess(URI publicUrl) throws IOException {
    this.publicUrl = publicUrl;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
  }

  int port() {
    return port;
  }

  URI base() {
    return URI.create("http://127.0.0.1:" + port + "/");
  }

  /**
   * Starts the instance; if it dies while starting (another process took its port in the meantime,
   * as happens when several servers start on one machine), tries again on a new port.
   */
  PayaraProcess start() throws Exception {
    for (int attempt = 1; ; attempt++) {
      try {
        return startOnce();
      } catch (IllegalStateException e) {
        if (attempt == 3) {
          throw e;
        }
        try (ServerSocket s = new ServerSocket(0)) {
          port = s.getLocalPort();
        }
      }
    }
  }

  private PayaraProcess startOnce() throws Exception {
    File log = new File(logName);
    ProcessBuilder builder =
        new ProcessBuilder(
                List.of(
                    ProcessHandle.current().info().command().orElse("java"),
                    "-Xmx384m",
                    "-javaagent:target/flashlight-agent.jar",
                    "-jar",
                    "target/payara-micro.jar",
                    "--deploy",
                    "target/lti-bridge.war",
                    "--contextroot",
                    "/",
                    "--prebootcommandfile",
                    preBoot,
                    "--postbootcommandfile",
                    "server-config/post-boot-commands.asadmin",
                    "--addlibs",
                    "target/postgresql.jar",
                    "--nocluster",
                    "--port",
                    Integer.toString(port)))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log));
    builder.environment().put("LTI_BRIDGE_PUBLIC_URL", publicUrl.toString());
    environment.forEach(
        (name, value) -> {
          if (value == null) {
            builder.environment().remove(name);
          } else {
            builder.environment().put(name, value);
          }
        });
    process = builder.start();
    HttpClient client = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "second instance exited with " + process.exitValue() + "; see " + log);
      }
      try {
        HttpResponse<Void> r =
            client.send(
                HttpRequest.newBuilder(base().resolve("lamb/v1/lti/info")).build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return this;
        }
      } catch (IOException notYet) {
        // starting
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("second instance did not start; see " + log);
  }

  void stop() throws InterruptedException {
    if (process != null) {
      process.destroy();
      if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
      process = null;
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }
}
