package org.ltibridge.fastpath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
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
import java.util.concurrent.atomic.AtomicLong;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Connections kept between a hot path's requests, on H2 (each pool connection its own session). */
class HeldConnectionsTest {

  private final AtomicLong now = new AtomicLong();
  private JdbcDataSource db;
  private HeldConnections held;

  @BeforeEach
  void database() {
    db = new JdbcDataSource();
    db.setURL("jdbc:h2:mem:held-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    held = new HeldConnections(db, 2, now::get);
  }

  @Test
  void aConnectionToKeepIsTakenFromThePoolOffTheCallersThreadAndOneBeyondOnIt() throws Exception {
    List<String> takers = new ArrayList<>();
    javax.sql.DataSource recording =
        (javax.sql.DataSource)
            java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {javax.sql.DataSource.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("getConnection")) {
                    synchronized (takers) {
                      takers.add(Thread.currentThread().getName());
                    }
                  }
                  return method.invoke(db, args);
                });
    HeldConnections one = new HeldConnections(recording, 1, now::get);
    String caller = Thread.currentThread().getName();
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      Future<Integer> holding =
          other.submit(
              () ->
                  one.with(
                      c -> {
                        inside.countDown();
                        try {
                          release.await(10, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                          Thread.currentThread().interrupt();
                        }
                        return session(c);
                      }));
      assertTrue(inside.await(10, TimeUnit.SECONDS));
      one.with(HeldConnectionsTest::session); // the kept one is busy: the caller's own
      release.countDown();
      int keptSession = holding.get(10, TimeUnit.SECONDS);
      assertEquals(keptSession, (int) one.with(HeldConnectionsTest::session), "kept, used again");
    } finally {
      release.countDown();
      other.shutdownNow();
      one.close();
    }
    assertEquals(List.of("lti-bridge-kept-connections", caller), takers);
  }

  @Test
  void keptConnectionsAreCountedInTheMetrics() throws SQLException {
    int before = HeldConnections.keptIdle();
    held.with(HeldConnectionsTest::session); // kept afterwards
    assertEquals(before + 1, HeldConnections.keptIdle());
    String scrape = org.ltibridge.system.control.Metrics.scrape();
    assertTrue(scrape.contains("\nltibridge_db_kept_connections "), scrape);
  }

  @Test
  void aConnectionIsUsedAgainAfterWorkThatLeftItInAutoCommitMode() throws SQLException {
    int first = held.with(HeldConnectionsTest::session);
    assertEquals(first, held.with(HeldConnectionsTest::session));

    int afterLocalTransaction =
        held.with(
            c -> {
              c.setAutoCommit(false);
              int session = session(c);
              c.commit();
              c.setAutoCommit(true);
              return session;
            });
    assertEquals(first, afterLocalTransaction);
  }

  @Test
  void afterAFailureOrAnOpenTransactionTheConnectionIsClosedNotKept() throws SQLException {
    List<Connection> used = new ArrayList<>();
    assertThrows(
        SQLException.class,
        () ->
            held.with(
                c -> {
                  used.add(c);
                  return c.createStatement().executeQuery("SELECT * FROM no_such_table");
                }));
    assertTrue(used.get(0).isClosed());

    held.with(
        c -> {
          used.add(c);
          c.setAutoCommit(false);
          return null;
        });
    assertTrue(used.get(1).isClosed());
    boolean fresh = held.with(c -> !c.isClosed() && c.getAutoCommit());
    assertTrue(fresh, "a fresh one from the pool");
  }

  @Test
  void aConnectionIdleLongerThanTheLimitGoesBackToThePool() throws SQLException {
    List<Connection> used = new ArrayList<>();
    int first = held.with(c -> used.add(c) ? session(c) : 0);
    now.addAndGet(HeldConnections.MAX_IDLE_NANOS);
    assertEquals(first, held.with(HeldConnectionsTest::session), "at the limit: still kept");

    now.addAndGet(HeldConnections.MAX_IDLE_NANOS + 1);
    assertNotEquals(first, held.with(HeldConnectionsTest::session));
    assertTrue(used.get(0).isClosed());
  }

  @Test
  void moreCallersThanKeptConnectionsTakeTheirOwnAndAtMostTheLimitIsKept() throws Exception {
    int callers = 5;
    CountDownLatch allInside = new CountDownLatch(callers);
    ExecutorService threads = Executors.newFixedThreadPool(callers);
    List<Connection> used = new ArrayList<>();
    try {
      List<Future<Integer>> sessions = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        sessions.add(
            threads.submit(
                () ->
                    held.with(
                        c -> {
                          synchronized (used) {
                            used.add(c);
                          }
                          allInside.countDown();
                          try {
                            allInside.await(10, TimeUnit.SECONDS);
                          } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                          }
                          return session(c);
                        })));
      }
      assertEquals(callers, sessions.stream().map(HeldConnectionsTest::get).distinct().count());
    } finally {
      threads.shutdownNow();
    }
    assertEquals(3, used.stream().filter(HeldConnectionsTest::closed).count(), "two kept");
    held.close();
    assertEquals(callers, used.stream().filter(HeldConnectionsTest::closed).count());
  }

  private static int session(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT SESSION_ID()")) {
      r.next();
      return r.getInt(1);
    }
  }

  private static int get(Future<Integer> f) {
    try {
      return f.get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean closed(Connection c) {
    try {
      return c.isClosed();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
