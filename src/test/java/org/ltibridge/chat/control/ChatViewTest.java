package org.ltibridge.chat.control;

import javax.sql.DataSource;
import org.ltibridge.testsupport.TestSchema;

/** The chat page's reads on the embedded database. */
class ChatViewTest extends ChatViewCases {

  @Override
  DataSource database() throws Exception {
    return TestSchema.h2("chatview");
  }
}
