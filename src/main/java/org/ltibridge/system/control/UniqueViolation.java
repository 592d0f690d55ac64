package org.ltibridge.system.control;

import java.sql.SQLException;

/**
 * Recognises a unique-constraint violation anywhere in an exception's cause chain. PostgreSQL and
 * H2 both report SQLState 23505; the JPA providers wrap it differently (EclipseLink and Hibernate),
 * so we walk the chain instead of matching exception types.
 */
public final class UniqueViolation {

  private static final String UNIQUE_VIOLATION = "23505";

  private UniqueViolation() {}

  public static boolean isCauseOf(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        for (SQLException s = sql; s != null; s = s.getNextException()) {
          if (UNIQUE_VIOLATION.equals(s.getSQLState())) {
            return true;
          }
        }
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }
}
