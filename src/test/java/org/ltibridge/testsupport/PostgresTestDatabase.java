package org.ltibridge.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A fresh PostgreSQL database with the project's schema, for plain JUnit tests (no server).
 *
 * <p>Some hot paths have a quick way that only applies on PostgreSQL (ON CONFLICT, data-modifying
 * WITH) and return false elsewhere, so that the caller takes its slower full way. The embedded H2
 * database of the unit tests can never show such a quick path applying, and a quick path that
 * silently stopped applying would still pass every test through the full way; only a real
 * PostgreSQL can tell. Tests that need one are named {@code *IT} so that failsafe, which knows the
 * server, runs them.
 *
 * <p>The server is the one of the integration tests: system property {@code it.db.url} (a JDBC URL
 * such as {@code jdbc:postgresql://127.0.0.1:5432/ltibridge_it}, set by failsafe from the pom),
 * with {@code it.db.user} and {@code it.db.password}. Only its host, port and parameters are used:
 * the database itself is another one, named by the test.
 */
public final class PostgresTestDatabase {

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

  private PostgresTestDatabase() {}

  /**
   * Drops the database {@code name} on the integration tests' PostgreSQL server if it exists
   * (closing its connections), creates it anew, runs the Liquibase changelog into it and returns a
   * data source for it.
   *
   * @param name lower case letters, digits and underscores, starting with a letter
   */
  public static DataSource create(String name) {
    String url = empty(name);
    try {
      PGSimpleDataSource dataSource = new PGSimpleDataSource();
      dataSource.setURL(url);
      dataSource.setUser(System.getProperty("it.db.user", ""));
      dataSource.setPassword(System.getProperty("it.db.password", ""));
      TestSchema.migrate(dataSource);
      return dataSource;
    } catch (Exception e) {
      throw new IllegalStateException("Creating the schema in " + name + " failed", e);
    }
  }

  /**
   * Drops the database {@code name} if it exists (closing its connections) and creates it anew,
   * empty; returns its JDBC URL. For a server that migrates its own schema at start.
   */
  public static String empty(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("Not a plain database name: " + name);
    }
    String url = System.getProperty("it.db.url");
    if (url == null || !url.startsWith("jdbc:postgresql:")) {
      throw new IllegalStateException(
          "System property it.db.url must name a PostgreSQL server (jdbc:postgresql://host:port/db),"
              + " as failsafe sets it from pom.xml; it is "
              + url);
    }
    String user = System.getProperty("it.db.user", "");
    String password = System.getProperty("it.db.password", "");
    try {
      try (Connection c =
              DriverManager.getConnection(withDatabase(url, "postgres"), user, password);
          Statement s = c.createStatement()) {
        s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        s.execute("CREATE DATABASE " + name);
      }
      return withDatabase(url, name);
    } catch (SQLException e) {
      throw new IllegalStateException("Creating the PostgreSQL database " + name + " failed", e);
    }
  }

  /** {@code url} with its database (the path after host and port) replaced by {@code database}. */
  static String withDatabase(String url, String database) {
    int hosts = url.indexOf("//");
    if (hosts < 0) {
      throw new IllegalArgumentException("No //host in " + url);
    }
    int query = url.indexOf('?', hosts);
    int end = query < 0 ? url.length() : query;
    int slash = url.indexOf('/', hosts + 2);
    int start = slash < 0 || slash > end ? end : slash;
    return url.substring(0, start) + "/" + database + url.substring(end);
  }
}
