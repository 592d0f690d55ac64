package org.ltibridge.fastpath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GroupCommitTest {

  private JdbcDataSource db;
  private GroupCommit groups;

  @BeforeEach
  void freshTable() throws SQLException {
    db = new JdbcDataSource();
    db.setURL("jdbc:h2:mem:group-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1;MODE=LEGACY");
    try (Connection c = db.getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, v INT NOT NULL)");
      s.execute("INSERT INTO t VALUES (1, 0)");
    }
    groups = new GroupCommit(db, 64, 2);
  }

  @Test
  void saysWhetherEachWriteChangedItsRow() {
    assertTrue(groups.write(insert(2)));
    assertTrue(groups.write(update(1, 5)));
    assertFalse(groups.write(update(99, 5)), "no such row: nothing applied");
    assertEquals(List.of(1L, 2L), ids());
  }

  @Test
  void manyConcurrentWritersEachGetTheirRowOnce() throws Exception {
    int threads = 8;
    int each = 200;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> applied = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int first = 1000 + t * each;
        applied.add(
            pool.submit(
                () -> {
                  int n = 0;
                  for (int i = 0; i < each; i++) {
                    n += groups.write(insert(first + i)) ? 1 : 0;
                  }
                  return n;
                }));
      }
      for (Future<Integer> f : applied) {
        assertEquals(each, f.get(60, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1 + threads * each, ids().size());
  }

  @Test
  void aFailedGroupWritesNothingAndEveryWriteInItIsToldSo() throws Exception {
    groups = new GroupCommit(db, 64, 1);
    CountDownLatch leaderWriting = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean leaderApplied = new AtomicBoolean();
    // One group at a time. The leader's group holds only its own write; it waits, holding the
    // writer's place, while two more writes queue up behind it, so those two form the next group.
    Thread leader =
        new Thread(
            () ->
                leaderApplied.set(
                    groups.write(
                        new Row("INSERT INTO t VALUES (?, 0)", 2) {
                          @Override
                          public void bind(PreparedStatement s) throws SQLException {
                            leaderWriting.countDown();
                            try {
                              release.await();
                            } catch (InterruptedException e) {
                              throw new IllegalStateException(e);
                            }
                            super.bind(s);
                          }
                        })));
    leader.start();
    assertTrue(leaderWriting.await(10, TimeUnit.SECONDS));
    boolean[] applied = new boolean[2];
    Thread good = new Thread(() -> applied[0] = groups.write(insert(10)));
    Thread duplicate = new Thread(() -> applied[1] = groups.write(insert(1)));
    good.start();
    duplicate.start();
    while (good.getState() != Thread.State.TIMED_WAITING
        || duplicate.getState() != Thread.State.TIMED_WAITING) {
      Thread.sleep(5);
    }
    release.countDown();
    leader.join(10_000);
    good.join(10_000);
    duplicate.join(10_000);

    assertTrue(leaderApplied.get());
    assertFalse(applied[0], "its group failed: the caller must take the full way");
    assertFalse(applied[1]);
    assertEquals(List.of(1L, 2L), ids(), "row 10 was rolled back with the duplicate");
  }

  private static Row insert(long id) {
    return new Row("INSERT INTO t VALUES (?, 0)", id);
  }

  private static GroupCommit.Write update(long id, int v) {
    return new Row("UPDATE t SET v = " + v + " WHERE id = ?", id);
  }

  private List<Long> ids() {
    List<Long> ids = new ArrayList<>();
    try (Connection c = db.getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT id FROM t ORDER BY id")) {
      while (r.next()) {
        ids.add(r.getLong(1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return ids;
  }

  /** A write of one row, identified by its id. */
  static class Row implements GroupCommit.Write {
    private final String sql;
    private final long id;

    Row(String sql, long id) {
      this.sql = sql;
      this.id = id;
    }

    @Override
    public String sql() {
      return sql;
    }

    @Override
    public void bind(PreparedStatement s) throws SQLException {
      s.setLong(1, id);
    }

    @Override
    public long lockOrder() {
      return id;
    }
  }
}
