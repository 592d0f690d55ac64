package org.ltibridge.activity.control;

import javax.sql.DataSource;
import org.ltibridge.testsupport.TestSchema;

/** {@link StillSoCases} on the embedded H2 (as {@code run.sh} runs LTI Bridge by default). */
class StillSoTest extends StillSoCases {

  @Override
  DataSource database() throws Exception {
    return TestSchema.h2("still_so");
  }
}
