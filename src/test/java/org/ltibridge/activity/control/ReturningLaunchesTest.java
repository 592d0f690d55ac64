package org.ltibridge.activity.control;

import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.ltibridge.testsupport.TestSchema;

/** The returning launch on the embedded database: the check and three writes in a transaction. */
class ReturningLaunchesTest extends ReturningLaunchesCases {

  @Override
  DataSource database() throws Exception {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:returning;MODE=LEGACY;DB_CLOSE_DELAY=-1");
    TestSchema.migrate(h2);
    return h2;
  }
}
