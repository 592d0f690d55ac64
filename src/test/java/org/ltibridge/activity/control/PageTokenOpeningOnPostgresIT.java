package org.ltibridge.activity.control;

import javax.sql.DataSource;
import org.ltibridge.testsupport.PostgresTestDatabase;

/** The chat page's token opened in one round trip, on PostgreSQL (UPDATE ... RETURNING). */
class PageTokenOpeningOnPostgresIT extends PageTokenOpeningCases {

  @Override
  DataSource database() throws Exception {
    return PostgresTestDatabase.create("ltibridge_quickpaths_opening");
  }
}
