package org.ltibridge.activity.control;

import javax.sql.DataSource;
import org.ltibridge.testsupport.PostgresTestDatabase;

/** The returning launch on PostgreSQL: one statement, committed through the group commit. */
class ReturningLaunchesOnPostgresIT extends ReturningLaunchesCases {

  @Override
  DataSource database() throws Exception {
    return PostgresTestDatabase.create("ltibridge_quickpaths_launches");
  }
}
