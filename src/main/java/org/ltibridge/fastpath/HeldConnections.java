package org.ltibridge.fastpath;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A few of the container pool's connections that a hot path keeps between its requests instead of
 * taking one from the pool and closing it back every time: on a launch, taking and giving back cost
 * Payara's pool more CPU than our code around the statement. Outside JTA only.
 *
 * <p>A connection is used by one caller at a time. It is kept again only if the work returned
 * normally and left it in auto-commit mode; after a failure it is closed (it may be broken). One
 * left unused longer than {@link #MAX_IDLE_NANOS} is closed and replaced by a fresh one from the
 * pool, which validates it, so a connection the database dropped while idle is never used. When
 * every kept connection is in use, a caller takes one from the pool as usual and closes it after.
 *
 * <p>A kept connection is taken from the pool on a thread of its own, never on a request's thread.
 * A Jakarta EE server ties a connection to the component that took it while it stays open (Jakarta
 * Connectors, "Connection Sharing" and lazy enlistment): Payara enlists such a connection into the
 * next JTA transaction that component begins, switches its auto-commit off and on again around it,
 * and commits on it, whichever request happens to be using it then. Seen under load as a group of
 * launches committed statement by statement and then failing with "Cannot commit when autoCommit is
 * enabled" (SQLState 25P01), its nonces used up, its launches refused as replays.
 */
public final class HeldConnections implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(HeldConnections.class.getName());

  /** A kept connection idle longer than this goes back to the pool (10 s). */
  static final long MAX_IDLE_NANOS = 10_000_000_000L;

  /** Work on a connection in auto-commit mode. */
  public interface Work<T> {
    T on(Connection connection) throws SQLException;
  }

  private record Kept(Connection connection, long since) {}

  /** Every instance, for {@link #keptIdle()}; weakly, so that none is held here. */
  private static final Set<HeldConnections> ALL =
      Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

  static {
    io.micrometer.core.instrument.Gauge.builder(
            "ltibridge.db.kept.connections", HeldConnections::keptIdle)
        .description("Pool connections LTI Bridge keeps idle between requests (counted as active)")
        .register(org.ltibridge.system.control.Metrics.registry());
  }

  /**
   * Makes the gauge of kept connections appear in {@code /metrics} from the start, before any
   * connection is kept (the class registers it when it is loaded).
   */
  @jakarta.enterprise.context.ApplicationScoped
  public static class Gauged {
    void atStart(
        @jakarta.enterprise.event.Observes
            @jakarta.enterprise.context.Initialized(
                jakarta.enterprise.context.ApplicationScoped.class)
            Object started) {
      keptIdle();
    }
  }

  private final DataSource pool;
  private final int kept;
  private final BlockingQueue<Kept> idle;
  private final LongSupplier nanoTime;

  private volatile boolean closed;

  /** Kept connections open now, idle or in use; at most {@link #kept}. */
  private final AtomicInteger open = new AtomicInteger();

  /** The thread that takes the kept connections from the pool (see the class comment). */
  private final ExecutorService opener =
      Executors.newSingleThreadExecutor(
          work -> {
            Thread t = new Thread(work, "lti-bridge-kept-connections");
            t.setDaemon(true);
            return t;
          });

  /** Keeps up to {@code kept} connections. */
  public HeldConnections(DataSource pool, int kept) {
    this(pool, kept, System::nanoTime);
  }

  HeldConnections(DataSource pool, int kept, LongSupplier nanoTime) {
    this.pool = pool;
    this.kept = kept;
    this.idle = new ArrayBlockingQueue<>(kept);
    this.nanoTime = nanoTime;
    ALL.add(this);
  }

  /**
   * Connections kept idle between requests by every instance, for {@code /metrics}: the server's
   * pool counts them as in use. Counted when asked, so that the hot path pays nothing for it.
   */
  public static int keptIdle() {
    synchronized (ALL) {
      int count = 0;
      for (HeldConnections h : ALL) {
        count += h.idle.size();
      }
      return count;
    }
  }

  /** Runs {@code work} on a kept connection, or on one from the pool when none is free. */
  public <T> T with(Work<T> work) throws SQLException {
    Connection c = idle();
    boolean ours = c != null;
    if (c == null && reserve()) {
      c = openKept();
      ours = true;
    } else if (c == null) {
      c = pool.getConnection();
    }
    boolean keep = false;
    try {
      T result = work.on(c);
      keep = ours && c.getAutoCommit();
      return result;
    } finally {
      if (keep && !closed) {
        idle.add(new Kept(c, nanoTime.getAsLong())); // room: at most kept are open
      } else {
        closeQuietly(c);
        if (ours) {
          open.decrementAndGet();
        }
      }
    }
  }

  /** An idle kept connection not idle too long; null if none. */
  private Connection idle() {
    for (Kept k; (k = idle.poll()) != null; ) {
      if (nanoTime.getAsLong() - k.since() <= MAX_IDLE_NANOS) {
        return k.connection();
      }
      closeQuietly(k.connection());
      open.decrementAndGet();
    }
    return null;
  }

  /** A place for one more kept connection, if there is one. */
  private boolean reserve() {
    for (int n; (n = open.get()) < kept; ) {
      if (open.compareAndSet(n, n + 1)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A connection to keep, taken from the pool on the opener's thread; the place given up if not.
   */
  private Connection openKept() throws SQLException {
    try {
      return opener.submit((java.util.concurrent.Callable<Connection>) pool::getConnection).get();
    } catch (ExecutionException e) {
      open.decrementAndGet();
      if (e.getCause() instanceof SQLException sql) {
        throw sql;
      }
      throw new SQLException("Taking a connection to keep failed", e.getCause());
    } catch (InterruptedException e) {
      open.decrementAndGet();
      Thread.currentThread().interrupt();
      throw new SQLException("Interrupted while taking a connection to keep", e);
    } catch (RuntimeException e) {
      open.decrementAndGet(); // the opener is shut down: the application is stopping
      throw new SQLException("No connection to keep: stopping", e);
    }
  }

  /** Gives every kept connection back to the pool. */
  @Override
  public void close() {
    closed = true;
    opener.shutdownNow();
    for (Kept k; (k = idle.poll()) != null; ) {
      closeQuietly(k.connection());
      open.decrementAndGet();
    }
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException e) {
      LOG.log(Level.FINE, "Closing a kept connection failed", e);
    }
  }
}
