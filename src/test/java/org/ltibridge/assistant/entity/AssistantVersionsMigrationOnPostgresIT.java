package org.ltibridge.assistant.entity;

import javax.sql.DataSource;
import org.ltibridge.testsupport.PostgresTestDatabase;
import org.postgresql.ds.PGSimpleDataSource;

/** The versions' migration on PostgreSQL. */
class AssistantVersionsMigrationOnPostgresIT extends AssistantVersionsMigrationCases {

  @Override
  DataSource emptyDatabase() {
    PGSimpleDataSource db = new PGSimpleDataSource();
    db.setURL(PostgresTestDatabase.empty("ltibridge_quickpaths_versions"));
    db.setUser(System.getProperty("it.db.user", ""));
    db.setPassword(System.getProperty("it.db.password", ""));
    return db;
  }
}
