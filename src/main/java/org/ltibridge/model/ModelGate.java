package org.ltibridge.model;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.ltibridge.system.control.Metrics;

/**
 * At most so many requests at once to one organisation's model endpoint (model providers limit
 * concurrent requests and rate): whoever comes beyond waits in a first-come, first-served line and
 * is told their place. The limit is the organisation's setting, else {@code
 * lti-bridge.model.max-concurrent} (default 100); it counts on each instance of LTI Bridge.
 *
 * <p>Once a second every ticket hears where it stands ({@link Waiter#tick}): its place while it
 * waits, 0 once its turn has come. The chat uses that to tell students their place and to notice
 * one who has left (the write to their connection fails), who then {@linkplain Ticket#leave
 * leaves}, making room.
 */
@ApplicationScoped
public class ModelGate {

  private static final Logger LOG = Logger.getLogger(ModelGate.class.getName());

  /** The range of an organisation's setting (the console and the API check it). */
  public static final int MIN_LIMIT = 1;

  public static final int MAX_LIMIT = 10_000;

  /** The deployment's limit for organisations without their own: its key and default. */
  public static final String DEFAULT_LIMIT_KEY = "lti-bridge.model.max-concurrent";

  public static final String DEFAULT_LIMIT = "100";

  private static final AtomicInteger WAITING =
      Metrics.registry().gauge("ltibridge.model.waiting", new AtomicInteger());

  /** Whoever waits for a turn. Calls come from the thread that made room, or the ticker. */
  public interface Waiter {

    /** It is this ticket's turn: send the request now (without blocking). */
    void turn(Ticket ticket);

    /** Once a second: the place in the line (1 = next), or 0 once the turn has come. */
    void tick(int place);
  }

  @Inject
  @ConfigProperty(name = DEFAULT_LIMIT_KEY, defaultValue = DEFAULT_LIMIT)
  int defaultLimit = Integer.parseInt(DEFAULT_LIMIT);

  private final Map<Long, Line> lines = new ConcurrentHashMap<>();
  private final ScheduledThreadPoolExecutor ticker;

  public ModelGate() {
    ticker =
        new ScheduledThreadPoolExecutor(
            1,
            task -> {
              Thread thread = new Thread(task, "model-gate-ticker");
              thread.setDaemon(true);
              return thread;
            });
    ticker.scheduleWithFixedDelay(this::tickAll, 1, 1, TimeUnit.SECONDS);
  }

  /** For tests: a gate whose default limit is {@code defaultLimit}. */
  public static ModelGate withDefaultLimit(int defaultLimit) {
    ModelGate gate = new ModelGate();
    gate.defaultLimit = defaultLimit;
    return gate;
  }

  @PreDestroy
  void stop() {
    ticker.shutdownNow();
  }

  /**
   * Enters the line of {@code organizationId}'s endpoint: {@link Waiter#turn} at once when there is
   * room and nobody waits, else when the ones before have left.
   *
   * @param limit the organisation's setting; empty for the deployment's default
   */
  public Ticket enter(long organizationId, OptionalInt limit, Waiter waiter) {
    int allowed = Math.max(MIN_LIMIT, Math.min(MAX_LIMIT, limit.orElse(defaultLimit)));
    Line line = lines.computeIfAbsent(organizationId, id -> new Line());
    Ticket ticket = new Ticket(line, waiter);
    boolean now;
    synchronized (line) {
      line.limit = allowed;
      now = line.waiting.isEmpty() && line.running.size() < allowed;
      if (now) {
        line.running.add(ticket);
      } else {
        line.waiting.add(ticket);
        WAITING.incrementAndGet();
      }
    }
    if (now) {
      waiter.turn(ticket);
    } else {
      waiter.tick(line.placeOf(ticket));
      line.admit(); // the limit may have grown
    }
    return ticket;
  }

  private void tickAll() {
    for (Line line : lines.values()) {
      List<Ticket> running;
      List<Ticket> waiting;
      synchronized (line) {
        running = new ArrayList<>(line.running);
        waiting = new ArrayList<>(line.waiting);
      }
      for (Ticket t : running) {
        tick(t, 0);
      }
      int place = 0;
      for (Ticket t : waiting) {
        tick(t, ++place);
      }
    }
  }

  private static void tick(Ticket t, int place) {
    try {
      t.waiter.tick(place);
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "A waiter failed to hear its place", e);
      t.leave();
    }
  }

  /** One organisation's line. Guarded by itself. */
  private static final class Line {
    final Set<Ticket> running = new LinkedHashSet<>();
    final ArrayDeque<Ticket> waiting = new ArrayDeque<>();
    int limit;

    /** 1-based place of a waiting ticket; 0 if it is not waiting. */
    synchronized int placeOf(Ticket ticket) {
      int place = 0;
      for (Ticket t : waiting) {
        place++;
        if (t == ticket) {
          return place;
        }
      }
      return 0;
    }

    /** Gives the turn to as many of the first waiting as there is room for, in their order. */
    void admit() {
      List<Ticket> admitted = new ArrayList<>();
      synchronized (this) {
        while (!waiting.isEmpty() && running.size() < limit) {
          Ticket next = waiting.poll();
          WAITING.decrementAndGet();
          running.add(next);
          admitted.add(next);
        }
      }
      for (Ticket t : admitted) {
        try {
          t.waiter.turn(t);
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "A request given its turn failed to start", e);
          t.leave();
        }
      }
    }
  }

  /** A place in a line, waiting or running, until it {@linkplain #leave leaves}. */
  public final class Ticket {
    private final Line line;
    private final Waiter waiter;

    private Ticket(Line line, Waiter waiter) {
      this.line = line;
      this.waiter = waiter;
    }

    /** Leaves the line, waiting or running (a second call does nothing); the next get room. */
    public void leave() {
      boolean freed;
      synchronized (line) {
        freed = line.running.remove(this);
        if (!freed && line.waiting.remove(this)) {
          WAITING.decrementAndGet();
        }
      }
      if (freed) {
        line.admit();
      }
    }
  }
}
