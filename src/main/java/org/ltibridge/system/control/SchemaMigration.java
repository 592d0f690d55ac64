package org.ltibridge.system.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.logging.Logger;
import javax.sql.DataSource;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.ui.LoggerUIService;

/**
 * Brings the schema up to date with {@code liquibase/} before anything touches the EntityManager.
 * Every other start-up bean depends on this one; this one on the configuration check.
 */
@Startup
@Singleton
@DependsOn("StartupChecks")
@TransactionManagement(TransactionManagementType.BEAN)
public class SchemaMigration {

  private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());
  private static final String CHANGELOG = "liquibase/changelog-master.xml";

  /**
   * Liquibase logs every statement at INFO; the start-up log should show our own lines. Held in a
   * field because java.util.logging keeps loggers only weakly.
   */
  private static final Logger LIQUIBASE = Logger.getLogger("liquibase");

  @Resource(lookup = "java:comp/env/jdbc/app")
  DataSource dataSource;

  @Inject SchemaStatus status;

  @PostConstruct
  void migrate() {
    LIQUIBASE.setLevel(java.util.logging.Level.WARNING);
    long start = System.nanoTime();
    try (Connection connection = dataSource.getConnection()) {
      Database database =
          DatabaseFactory.getInstance()
              .findCorrectDatabaseImplementation(new JdbcConnection(connection));
      String product = database.getDatabaseProductName();
      try (Liquibase liquibase =
          new Liquibase(
              CHANGELOG, new ClassLoaderResourceAccessor(getClass().getClassLoader()), database)) {
        // Liquibase prints its summary to standard output unless told otherwise: through
        // java.util.logging it keeps to the log's format (JSON lines included) and level.
        Scope.child(Scope.Attr.ui.name(), new LoggerUIService(), () -> liquibase.update(""));
        status.migrated(
            liquibase.getDatabaseChangeLog().getChangeSets().stream()
                .map(cs -> SchemaStatus.key(cs.getId(), cs.getAuthor()))
                .toList());
      }
      long millis = (System.nanoTime() - start) / 1_000_000;
      LOG.info(() -> "Schema up to date (" + product + ", " + millis + " ms)");
    } catch (Exception e) {
      throw new IllegalStateException("Database schema migration failed", e);
    }
  }
}
