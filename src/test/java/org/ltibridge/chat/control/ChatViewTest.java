package org.ltibridge.chat.control;

import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.ltibridge.testsupport.TestSchema;

/** The chat page's reads on the embedded database. */
class ChatViewTest extends ChatViewCases {

  @Override
  DataSource database() throws Exception {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:chatview;MODE=LEGACY;DB_CLOSE_DELAY=-1");
    TestSchema.migrate(h2);
    return h2;
  }
}
