package org.ltibridge.activity.control;

import javax.sql.DataSource;
import org.ltibridge.testsupport.TestSchema;

/** The chat page's token opened in one round trip, on the embedded database. */
class PageTokenOpeningTest extends PageTokenOpeningCases {

  @Override
  DataSource database() throws Exception {
    return TestSchema.h2("opening");
  }
}
