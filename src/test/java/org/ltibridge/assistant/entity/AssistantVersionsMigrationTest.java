package org.ltibridge.assistant.entity;

import javax.sql.DataSource;

/** The versions' migration on the embedded database. */
class AssistantVersionsMigrationTest extends AssistantVersionsMigrationCases {

  @Override
  DataSource emptyDatabase() {
    org.h2.jdbcx.JdbcDataSource h2 = new org.h2.jdbcx.JdbcDataSource();
    h2.setURL("jdbc:h2:mem:versions-migration;MODE=LEGACY;DB_CLOSE_DELAY=-1");
    return h2;
  }
}
