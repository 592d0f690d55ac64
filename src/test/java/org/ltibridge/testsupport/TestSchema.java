package org.ltibridge.testsupport;

import java.io.File;
import java.sql.Connection;
import javax.sql.DataSource;
import liquibase.Liquibase;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;

/**
 * The project's schema (the Liquibase changelogs under {@code liquibase/}) for plain JUnit tests.
 */
public final class TestSchema {

  private TestSchema() {}

  /**
   * A new in-memory H2 database (as the server's embedded default, MODE=LEGACY) with the schema.
   */
  public static DataSource h2(String name) throws Exception {
    org.h2.jdbcx.JdbcDataSource h2 = new org.h2.jdbcx.JdbcDataSource();
    h2.setURL("jdbc:h2:mem:" + name + ";MODE=LEGACY;DB_CLOSE_DELAY=-1");
    migrate(h2);
    return h2;
  }

  /** Runs the changelogs into an empty database, as the server does at start-up. */
  public static void migrate(DataSource database) throws Exception {
    try (Connection c = database.getConnection();
        Liquibase liquibase =
            new Liquibase(
                "liquibase/changelog-master.xml",
                new DirectoryResourceAccessor(new File(".")),
                DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new JdbcConnection(c)))) {
      liquibase.update("");
    }
  }
}
