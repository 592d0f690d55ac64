package org.ltibridge.chat.control;

import javax.sql.DataSource;
import org.ltibridge.testsupport.TestSchema;

/** The dashboard's figures on the embedded database, where they are counted. */
class ChatFiguresTest extends ChatFiguresCases {

  @Override
  DataSource database() throws Exception {
    return TestSchema.h2("chatfigures");
  }

  @Override
  boolean keeps() {
    return false;
  }
}
