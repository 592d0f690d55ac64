package org.ltibridge.system.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Which database the application runs on, for the few statements that PostgreSQL can do in one step
 * (ON CONFLICT, data-modifying WITH) and the embedded H2 database cannot.
 */
@ApplicationScoped
public class DatabaseKind {

  @Resource(lookup = "java:comp/env/jdbc/app")
  DataSource dataSource;

  private volatile Boolean postgres;

  public DatabaseKind() {}

  /** Outside CDI (tests). */
  public DatabaseKind(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public boolean isPostgres() {
    Boolean known = postgres;
    if (known == null) {
      try (Connection c = dataSource.getConnection()) {
        known = c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
      } catch (SQLException e) {
        throw new IllegalStateException("The database cannot be reached", e);
      }
      postgres = known;
    }
    return known;
  }
}
