package org.ltibridge.testsupport;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;

/** Plain SQL for tests that set up and inspect rows of a real database (H2 or PostgreSQL). */
public final class Rows {

  private Rows() {}

  /**
   * Inserts one row and returns its generated {@code id}.
   *
   * @param columnsAndValues column name, value, column name, value, ...
   */
  public static long insert(DataSource db, String table, Object... columnsAndValues) {
    return insert(db, table, true, columnsAndValues);
  }

  /** Inserts one row into a table without a generated {@code id}. */
  public static void add(DataSource db, String table, Object... columnsAndValues) {
    insert(db, table, false, columnsAndValues);
  }

  private static long insert(
      DataSource db, String table, boolean generatedId, Object... columnsAndValues) {
    List<String> columns = new ArrayList<>();
    List<Object> values = new ArrayList<>();
    for (int i = 0; i < columnsAndValues.length; i += 2) {
      columns.add((String) columnsAndValues[i]);
      values.add(columnsAndValues[i + 1]);
    }
    String sql =
        "INSERT INTO "
            + table
            + " ("
            + String.join(", ", columns)
            + ") VALUES ("
            + String.join(", ", Collections.nCopies(columns.size(), "?"))
            + ")";
    try (Connection c = db.getConnection();
        PreparedStatement s =
            bind(
                generatedId
                    ? c.prepareStatement(sql, new String[] {"id"})
                    : c.prepareStatement(sql),
                values.toArray())) {
      s.executeUpdate();
      if (!generatedId) {
        return -1;
      }
      try (ResultSet keys = s.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  /** Runs a statement; returns the rows it changed. */
  public static int execute(DataSource db, String sql, Object... params) {
    try (Connection c = db.getConnection();
        PreparedStatement s = bind(c.prepareStatement(sql), params)) {
      return s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  /** The first column of the first row of a query, as a number (0 when there is no row). */
  public static long number(DataSource db, String sql, Object... params) {
    try (Connection c = db.getConnection();
        PreparedStatement s = bind(c.prepareStatement(sql), params);
        ResultSet r = s.executeQuery()) {
      return r.next() ? r.getLong(1) : 0;
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  /** A statement on {@code c} with {@code params} bound in order (also for the IT helpers). */
  /** The first column of the first row, or null. */
  public static String string(DataSource db, String sql, Object... params) {
    try (Connection c = db.getConnection();
        PreparedStatement s = prepare(c, sql, params);
        ResultSet r = s.executeQuery()) {
      return r.next() ? r.getString(1) : null;
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  /** Every row, its columns as JDBC answers them. */
  public static List<Object[]> list(DataSource db, String sql, Object... params) {
    try (Connection c = db.getConnection();
        PreparedStatement s = prepare(c, sql, params);
        ResultSet r = s.executeQuery()) {
      List<Object[]> rows = new ArrayList<>();
      int columns = r.getMetaData().getColumnCount();
      while (r.next()) {
        Object[] row = new Object[columns];
        for (int i = 0; i < columns; i++) {
          Object value = r.getObject(i + 1);
          row[i] = value instanceof java.sql.Clob ? r.getString(i + 1) : value;
        }
        rows.add(row);
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  public static PreparedStatement prepare(Connection c, String sql, Object... params)
      throws SQLException {
    return bind(c.prepareStatement(sql), params);
  }

  private static PreparedStatement bind(PreparedStatement s, Object... values) throws SQLException {
    for (int i = 0; i < values.length; i++) {
      s.setObject(i + 1, values[i]);
    }
    return s;
  }
}
