package org.ltibridge.chat.control;

import javax.sql.DataSource;
import org.ltibridge.testsupport.PostgresTestDatabase;

/**
 * The dashboard's figures on PostgreSQL, kept by changelog 018's triggers: compared with a recount
 * of the rows after every step.
 */
class ChatFiguresOnPostgresIT extends ChatFiguresCases {

  @Override
  DataSource database() throws Exception {
    return PostgresTestDatabase.create("ltibridge_chat_figures");
  }

  @Override
  boolean keeps() {
    return true;
  }
}
