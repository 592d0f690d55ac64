package org.ltibridge.fastpath;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import javax.sql.DataSource;

/**
 * Ids of a PostgreSQL table's identity (or serial) column, drawn from its sequence a block at a
 * time: a quick path that inserts a row and must know its id before the statement runs (to write
 * rows that refer to it in the same statement, to remember it afterwards) pays one round trip per
 * block instead of one per row. Ids drawn and not used leave gaps, as any sequence may (PostgreSQL
 * documentation, "Sequence Manipulation Functions": nextval is never rolled back).
 */
public final class SequenceIds {

  private final DataSource pool;
  private final String draw;
  private final Deque<Long> drawn = new ArrayDeque<>();

  /** Ids of {@code table}.{@code column}, {@code block} at a time. */
  public SequenceIds(DataSource pool, String table, String column, int block) {
    this.pool = pool;
    this.draw =
        "SELECT nextval(pg_get_serial_sequence('"
            + table
            + "', '"
            + column
            + "')) FROM generate_series(1, "
            + block
            + ")";
  }

  /** An id nobody else has been given. */
  public synchronized long next() throws SQLException {
    if (drawn.isEmpty()) {
      try (Connection c = pool.getConnection();
          PreparedStatement s = c.prepareStatement(draw);
          ResultSet r = s.executeQuery()) {
        while (r.next()) {
          drawn.add(r.getLong(1));
        }
      }
    }
    return drawn.removeFirst();
  }
}
