package org.ltibridge.it;

import java.io.File;
import java.net.URI;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Base of every integration test: the WAR that {@code mvn package} built, deployed once on Payara
 * Micro, or on WildFly with the {@code wildfly} profile (see {@link SharedDeployment}), against the
 * database of {@code LTI_BRIDGE_DB_URL}, driven over real HTTP. Tests isolate themselves by using
 * fresh placement and user ids.
 */
@ExtendWith(ArquillianExtension.class)
public abstract class ItBase {

  /** The Unified LTI key and secret the server is started with (see pom.xml, failsafe). */
  public static final String KEY = "it-consumer-key";

  public static final String SECRET = "it-consumer-secret-0123456789";

  @Deployment(testable = false)
  public static WebArchive application() {
    return ShrinkWrap.createFromZipFile(WebArchive.class, new File("target/lti-bridge.war"));
  }

  protected static URI base() {
    return SharedDeployment.baseUri();
  }

  protected static Http http() {
    return new Http(base());
  }

  protected static Lms lms() {
    return new Lms(base(), KEY, SECRET);
  }

  protected static Db db() {
    return Db.INSTANCE;
  }
}
