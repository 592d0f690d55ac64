package org.ltibridge.setup;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.ltibridge.identity.control.AdminAccounts;
import org.ltibridge.keys.control.SigningKeys;
import org.ltibridge.org.control.GlobalLtiCredentials;

/**
 * First-start work, after the schema is migrated: the Unified LTI secret, the system admin, the
 * first signing key, and (if enabled) the demo organisation. Safe to run on several instances at
 * once.
 */
@Startup
@Singleton
@DependsOn("SchemaMigration")
@TransactionManagement(TransactionManagementType.BEAN)
public class Bootstrap {

  @Inject GlobalLtiCredentials credentials;
  @Inject AdminAccounts admins;
  @Inject DemoData demo;
  @Inject SigningKeys signingKeys;
  @Inject org.ltibridge.setup.DemoCourse demoCourse;

  @Resource(lookup = "java:comp/env/jdbc/app")
  DataSource dataSource;

  /** LTI_BRIDGE_DEMO; unset means "on with the embedded H2 database, off otherwise". */
  @Inject
  @ConfigProperty(name = "lti-bridge.demo")
  Optional<Boolean> demoEnabled;

  @PostConstruct
  void start() {
    credentials.ensureConfigured();
    admins.ensureSystemAdmin();
    signingKeys.maintain();
    if (demoEnabled.orElseGet(this::embeddedDatabase)) {
      demo.load();
      demoCourse.load();
    }
  }

  private boolean embeddedDatabase() {
    try (Connection c = dataSource.getConnection()) {
      return c.getMetaData().getDatabaseProductName().toLowerCase().contains("h2");
    } catch (SQLException e) {
      return false;
    }
  }
}
