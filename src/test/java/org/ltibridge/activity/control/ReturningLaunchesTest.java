package org.ltibridge.activity.control;

import javax.sql.DataSource;
import org.ltibridge.testsupport.TestSchema;

/** The returning launch on the embedded database: the check and three writes in a transaction. */
class ReturningLaunchesTest extends ReturningLaunchesCases {

  @Override
  DataSource database() throws Exception {
    return TestSchema.h2("returning");
  }
}
