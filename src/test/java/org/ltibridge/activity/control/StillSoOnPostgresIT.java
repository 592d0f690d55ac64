package org.ltibridge.activity.control;

import javax.sql.DataSource;
import org.ltibridge.testsupport.PostgresTestDatabase;

/** {@link StillSoCases} on PostgreSQL: the statement inside the grouped one-statement launch. */
class StillSoOnPostgresIT extends StillSoCases {

  @Override
  DataSource database() throws Exception {
    return PostgresTestDatabase.create("ltibridge_quickpaths_still_so");
  }
}
