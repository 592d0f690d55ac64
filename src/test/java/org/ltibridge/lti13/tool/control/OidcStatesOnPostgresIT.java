package org.ltibridge.lti13.tool.control;

import javax.sql.DataSource;
import org.ltibridge.testsupport.PostgresTestDatabase;

/** OIDC logins without a row, on PostgreSQL (a second use inserts nothing). */
class OidcStatesOnPostgresIT extends OidcStatesCases {

  @Override
  DataSource database() throws Exception {
    return PostgresTestDatabase.create("ltibridge_quickpaths_oidc");
  }
}
