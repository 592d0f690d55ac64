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

  /**
   * Runs the changelogs into an empty database as far as the change file {@code file} (say {@code
   * 008-assistant-versions.xml}), without it: the database as an instance before that change left
   * it, for tests of what the change does to existing rows. {@link #migrate} then runs the rest.
   */
  public static void migrateBefore(DataSource database, String file) throws Exception {
    java.nio.file.Path changes = java.nio.file.Path.of("liquibase", "changes");
    int before = 0;
    try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(changes)) {
      for (java.nio.file.Path f : files.sorted().toList()) {
        if (f.getFileName().toString().compareTo(file) >= 0) {
          break;
        }
        String xml = java.nio.file.Files.readString(f);
        before += xml.split("<changeSet ", -1).length - 1;
      }
    }
    try (Connection c = database.getConnection();
        Liquibase liquibase =
            new Liquibase(
                "liquibase/changelog-master.xml",
                new DirectoryResourceAccessor(new File(".")),
                DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new JdbcConnection(c)))) {
      liquibase.update(before, "");
    }
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
