package org.ltibridge.activity.control;

import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.ltibridge.testsupport.TestSchema;

/** The chat page's token opened in one round trip, on the embedded database. */
class PageTokenOpeningTest extends PageTokenOpeningCases {

  @Override
  DataSource database() throws Exception {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:opening;MODE=LEGACY;DB_CLOSE_DELAY=-1");
    TestSchema.migrate(h2);
    return h2;
  }
}
