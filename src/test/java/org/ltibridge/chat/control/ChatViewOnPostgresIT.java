package org.ltibridge.chat.control;

import javax.sql.DataSource;
import org.ltibridge.testsupport.PostgresTestDatabase;

/** The chat page's reads on PostgreSQL. */
class ChatViewOnPostgresIT extends ChatViewCases {

  @Override
  DataSource database() throws Exception {
    return PostgresTestDatabase.create("ltibridge_quickpaths_chatview");
  }
}
