package org.ltibridge.learning.control;

import javax.sql.DataSource;
import org.ltibridge.testsupport.TestSchema;

/** The score's quick and full ways compared on the embedded database (MERGE). */
class ScoreWaysTest extends ScoreWaysCases {

  @Override
  DataSource database() throws Exception {
    return TestSchema.h2("score_ways");
  }
}
