package org.ltibridge.learning.control;

import javax.sql.DataSource;
import org.ltibridge.testsupport.PostgresTestDatabase;

/** The score's quick and full ways compared on PostgreSQL (ON CONFLICT, group commits). */
class ScoreWaysOnPostgresIT extends ScoreWaysCases {

  @Override
  DataSource database() throws Exception {
    return PostgresTestDatabase.create("ltibridge_score_ways");
  }
}
