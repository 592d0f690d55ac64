package org.ltibridge.fastpath;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/** The little JDBC the quick paths share. */
public final class Jdbc {

  private Jdbc() {}

  /** Binds {@code values} to the statement's parameters, in order. */
  public static PreparedStatement bind(PreparedStatement s, Object[] values) throws SQLException {
    for (int i = 0; i < values.length; i++) {
      s.setObject(i + 1, values[i]);
    }
    return s;
  }
}
