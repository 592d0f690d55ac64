package org.ltibridge.it;

import java.net.URI;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.event.DeployManagedDeployments;
import org.jboss.arquillian.container.spi.event.UnDeployManagedDeployments;
import org.jboss.arquillian.container.spi.event.container.AfterDeploy;
import org.jboss.arquillian.container.spi.event.container.BeforeStop;
import org.jboss.arquillian.core.api.Instance;
import org.jboss.arquillian.core.api.annotation.Inject;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.core.spi.EventContext;
import org.jboss.arquillian.core.spi.LoadableExtension;
import org.jboss.shrinkwrap.api.Archive;

/**
 * Arquillian extension: the application is deployed once, by the first IT class, and stays deployed
 * for every following class (Arquillian would otherwise boot Payara Micro per class); it is
 * undeployed when Arquillian stops the container at the end of the run. With {@code
 * it.wildfly.home} the server is WildFly instead ({@link WildFlyProcess}); with {@code it.base.url}
 * it is one already running, and nothing is deployed.
 */
public class SharedDeployment implements LoadableExtension {

  private static volatile boolean deployed;
  private static volatile URI baseUri;
  private static DeployableContainer<?> container;
  private static Archive<?> archive;
  private static WildFlyProcess wildFly;

  @Override
  public void register(ExtensionBuilder builder) {
    builder.observer(Lifecycle.class);
  }

  /** Base URI of the running application, e.g. http://localhost:8123/ */
  public static URI baseUri() {
    if (baseUri == null) {
      throw new IllegalStateException("The application is not deployed");
    }
    return baseUri;
  }

  /**
   * Payara Micro reports "ready" even when the application failed to deploy (a known Payara Micro
   * behaviour), so the run stops here unless the application answers.
   */
  static void probe(URI uri) {
    java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
    String last = "no answer";
    for (int i = 0; i < 120; i++) {
      try {
        int status =
            client
                .send(
                    java.net.http.HttpRequest.newBuilder(uri).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding())
                .statusCode();
        if (status == 200) {
          return;
        }
        last = "HTTP " + status;
      } catch (java.io.IOException e) {
        // not up yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new IllegalStateException(
        "LTI Bridge did not come up at " + uri + " (" + last + "); see target/it-server.log*");
  }

  /** Observers of Arquillian's deployment events. */
  public static class Lifecycle {

    @Inject Instance<ProtocolMetaData> metaData;

    public void deployOnce(@Observes EventContext<DeployManagedDeployments> event)
        throws Exception {
      if (deployed) {
        return;
      }
      String external = System.getProperty("it.base.url");
      if (external != null && !external.isBlank()) {
        // A server started outside the run (e.g. by hand on WildFly): nothing to deploy.
        baseUri = URI.create(external.endsWith("/") ? external : external + "/");
        probe(baseUri.resolve("lamb/v1/lti/info"));
      } else if (WildFlyProcess.home() != null) {
        // Arquillian's Payara Micro container starts nothing before its deploy(), which is
        // left out here: the run is on WildFly.
        wildFly =
            WildFlyProcess.start(
                WildFlyProcess.home(), Integer.parseInt(System.getProperty("it.http.port")));
        baseUri = wildFly.base();
        try {
          probe(baseUri.resolve("lamb/v1/lti/info"));
        } catch (IllegalStateException notUp) {
          wildFly.stop();
          throw notUp;
        }
      } else {
        event.proceed();
      }
      deployed = true;
    }

    public void remember(@Observes AfterDeploy event) {
      HTTPContext http = metaData.get().getContexts(HTTPContext.class).iterator().next();
      // Payara reports the machine address; the tests talk to it over loopback only.
      baseUri = URI.create("http://127.0.0.1:" + http.getPort() + "/");
      container = event.getDeployableContainer();
      archive = event.getDeployment().getArchive();
      try {
        probe(baseUri.resolve("lamb/v1/lti/info"));
      } catch (IllegalStateException notUp) {
        // Stop the server process rather than leave it running after the test JVM exits.
        try {
          container.undeploy(archive);
        } catch (Exception ignored) {
          // reported below
        }
        container = null;
        deployed = false;
        throw notUp;
      }
    }

    public void keepDeployed(@Observes EventContext<UnDeployManagedDeployments> event) {
      // Deliberately not proceeding: the next test class reuses the deployment.
    }

    public void undeployAtEnd(@Observes BeforeStop event) throws Exception {
      if (wildFly != null) {
        wildFly.stop();
        wildFly = null;
      }
      if (container != null && archive != null) {
        @SuppressWarnings("unchecked")
        DeployableContainer<?> c = container;
        c.undeploy(archive);
        container = null;
      }
    }
  }
}
