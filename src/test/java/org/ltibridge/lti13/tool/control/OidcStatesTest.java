package org.ltibridge.lti13.tool.control;

import javax.sql.DataSource;
import org.ltibridge.testsupport.TestSchema;

/** OIDC logins without a row, on the embedded database. */
class OidcStatesTest extends OidcStatesCases {

  @Override
  DataSource database() throws Exception {
    return TestSchema.h2("oidc-states");
  }
}
