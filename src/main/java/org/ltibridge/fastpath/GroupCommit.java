package org.ltibridge.fastpath;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Writes that many request threads want at the same moment, committed together: one transaction and
 * one round trip for a whole group instead of one each. A commit costs PostgreSQL more than a
 * one-row statement does, so under load this is what keeps the hot paths (returning launches,
 * scores) from being bounded by commits.
 *
 * <p>Each write is one statement that changes exactly one row when it succeeds and none when it
 * does not apply (a replayed nonce, an older score). The caller learns which; a write that did not
 * apply, or whose group failed as a whole (a deadlock, a lost connection), is the caller's to take
 * the full way, where it is handled and explained on its own. A failed group writes nothing.
 *
 * <p>No thread of its own: a request that finds a free writer's place writes everything queued so
 * far, so a group is as large as the number of requests that arrived during the commits before it,
 * and a lone request waits for nobody. Call it outside any JTA transaction.
 */
public final class GroupCommit {

  private static final Logger LOG = Logger.getLogger(GroupCommit.class.getName());

  /** One statement of a group. */
  public interface Write {
    /** The statement; writes with the same text share one JDBC batch. */
    String sql();

    /** Binds this write's parameters. */
    void bind(PreparedStatement statement) throws SQLException;

    /**
     * Rows are locked in this order within a group, so that two groups (two instances) touching the
     * same rows wait for each other instead of deadlocking.
     */
    long lockOrder();
  }

  private static final class Pending {
    final Write write;
    final Thread waiter = Thread.currentThread();
    volatile boolean done;
    boolean applied;

    Pending(Write write) {
      this.write = write;
    }
  }

  /** How long a waiting writer sleeps before it looks again whether it should lead a group. */
  private static final long RECHECK_NANOS = 1_000_000;

  private final HeldConnections connections;
  private final int maxGroup;
  private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
  private final Semaphore writers;

  /** Writes arriving together share a commit; a lone one waits for nobody. */
  public static final int MAX_GROUP = 64;

  /** One group is written while the one before waits for its commit to reach the disk. */
  public static final int CONCURRENT_GROUPS = 2;

  /** Groups of at most {@link #MAX_GROUP}, {@link #CONCURRENT_GROUPS} committing at once. */
  public GroupCommit(DataSource dataSource) {
    this(dataSource, MAX_GROUP, CONCURRENT_GROUPS);
  }

  /**
   * @param maxGroup the most writes in one transaction
   * @param concurrentGroups how many groups may be committing at once (a group's commit waits for
   *     the disk, and the next group can be written meanwhile)
   */
  public GroupCommit(DataSource dataSource, int maxGroup, int concurrentGroups) {
    this.connections = new HeldConnections(dataSource, concurrentGroups);
    this.maxGroup = maxGroup;
    this.writers = new Semaphore(concurrentGroups);
  }

  /**
   * Writes {@code write} with whatever else is waiting. True when it changed exactly one row and
   * its group was committed; false when it changed nothing or its group failed (nothing written).
   */
  public boolean write(Write write) {
    Pending mine = new Pending(write);
    queue.add(mine);
    while (!mine.done) {
      // Lead a group only if something waits to be written: with the queue empty, this write is in
      // a group being committed, and trying again at once would spin for the whole commit.
      if (!queue.isEmpty() && writers.tryAcquire()) {
        try {
          flush();
        } finally {
          writers.release();
        }
      } else {
        // Woken when a group with this write is done; the timeout covers the moment when every
        // group in progress was taken from the queue before this write joined it.
        LockSupport.parkNanos(this, RECHECK_NANOS);
      }
    }
    // done is written after applied: this read sees the writing thread's update.
    return mine.applied;
  }

  /** The group on one connection: a write of its own, or one transaction for all. */
  private static Void write(Connection c, List<Pending> group, Map<String, List<Pending>> bySql)
      throws SQLException {
    if (group.size() == 1) {
      alone(c, group.get(0));
      return null;
    }
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      for (Map.Entry<String, List<Pending>> e : bySql.entrySet()) {
        try (PreparedStatement s = c.prepareStatement(e.getKey())) {
          for (Pending p : e.getValue()) {
            p.write.bind(s);
            s.addBatch();
          }
          int[] counts = s.executeBatch();
          for (int i = 0; i < counts.length; i++) {
            e.getValue().get(i).applied = counts[i] == 1;
          }
        }
      }
      c.commit();
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(autoCommit);
    }
    return null;
  }

  /**
   * A group of one is its own statement in auto-commit mode: one round trip, where a transaction
   * around it would take a second for its COMMIT. The statement is atomic on its own.
   */
  private static void alone(Connection c, Pending p) throws SQLException {
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(true);
    try (PreparedStatement s = c.prepareStatement(p.write.sql())) {
      p.write.bind(s);
      p.applied = s.executeUpdate() == 1;
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }

  /** Gives the connections kept for the groups back to the pool. */
  public void close() {
    connections.close();
  }

  private static String sqlState(Exception e) {
    return e instanceof SQLException sql ? sql.getSQLState() : e.getClass().getSimpleName();
  }

  private void flush() {
    List<Pending> group = new ArrayList<>();
    for (Pending p; group.size() < maxGroup && (p = queue.poll()) != null; ) {
      group.add(p);
    }
    if (group.isEmpty()) {
      return;
    }
    group.sort(Comparator.comparingLong(p -> p.write.lockOrder()));
    // Every group runs its statement texts in the same (alphabetical) order, each text's rows in
    // lock order: two groups then lock the rows of one text in the same order.
    Map<String, List<Pending>> bySql = new TreeMap<>();
    for (Pending p : group) {
      bySql.computeIfAbsent(p.write.sql(), s -> new ArrayList<>()).add(p);
    }
    try {
      connections.with(c -> write(c, group, bySql));
    } catch (SQLException | RuntimeException e) {
      // Rare by design (a deadlock with another instance, a lost connection): a warning, so that a
      // quick path that keeps failing shows in the log instead of silently costing every request
      // twice. Only the SQLState here; the driver's message may quote row values.
      LOG.warning(
          "A group of "
              + group.size()
              + " writes failed (SQLState "
              + sqlState(e)
              + "); each goes its full way");
      LOG.log(Level.FINE, "The group's failure", e);
      group.forEach(p -> p.applied = false);
    } finally {
      for (Pending p : group) {
        p.done = true;
        LockSupport.unpark(p.waiter);
      }
    }
  }
}
