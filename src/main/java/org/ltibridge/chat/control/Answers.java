package org.ltibridge.chat.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.concurrent.ManagedThreadFactoryDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ltibridge.model.ModelClient;
import org.ltibridge.model.ModelEndpoint;
import org.ltibridge.model.ModelGate;
import org.ltibridge.model.ModelUnavailableException;
import org.ltibridge.model.ReplyListener;
import org.ltibridge.model.Turn;
import org.ltibridge.system.control.Metrics;
import org.ltibridge.system.control.Problem;

/**
 * Answers a person's message without holding a thread while the model writes, for a student's chat
 * and a creator's preview alike: waits for a turn at the organisation's {@link ModelGate}, streams
 * the reply from {@link ModelClient} to the page, and, once it has ended, has the outcome stored
 * (on a few container-managed threads, as storing needs a transaction) before telling the page.
 */
@ManagedThreadFactoryDefinition(name = Answers.STORING)
@ApplicationScoped
public class Answers {

  private static final Logger LOG = Logger.getLogger(Answers.class.getName());

  /**
   * The threads that store ended replies (Jakarta Concurrency 3.0's thread factory definition): the
   * container's threads, carrying the application's context (naming, class loader), so that a
   * transaction and the persistence context work there. So many store at once; replies ending
   * together wait their turn for a moment.
   */
  static final String STORING = "java:app/concurrent/lti-bridge-reply-storing";

  static final int STORING_AT_ONCE = 8;

  /** How the caller stores an ended reply and says what the page is told. */
  @FunctionalInterface
  public interface Ending extends Function<Ended, AnswerEvents.Reply> {}

  /**
   * How a reply ended: {@code reply} when it is whole, else the failure and what had arrived
   * ({@code partial}, maybe empty).
   */
  public record Ended(String reply, ModelUnavailableException failure, String partial) {

    public boolean complete() {
      return failure == null;
    }

    /** Stopped by the person (or their page went away) before anything arrived. */
    public boolean abandoned() {
      return failure != null
          && failure.reason() == ModelUnavailableException.Reason.CANCELLED
          && partial.isEmpty();
    }

    /** What the page is told when storing needs no other words. */
    public AnswerEvents.Reply told() {
      return complete()
          ? AnswerEvents.Reply.complete(reply)
          : new AnswerEvents.Reply(
              false, failure.getMessage(), partial, failure.text().orElse(null));
    }
  }

  @Inject ModelGate gate;
  @Inject ModelClient client;

  @Resource(lookup = STORING)
  ManagedThreadFactory storingThreads;

  /**
   * The reply ends on a thread of the HTTP client, outside the container; it is stored on these
   * threads, made once with the application's context. (A managed executor or a contextual proxy
   * per reply captured that context again for every reply: with Payara 6 a search of the class path
   * each time, about 6 % of the server's CPU with a class chatting at once.)
   */
  private ExecutorService storing;

  @PostConstruct
  void startStoring() {
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            STORING_AT_ONCE,
            STORING_AT_ONCE,
            0L,
            TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(),
            storingThreads);
    pool.prestartAllCoreThreads(); // made here, in the application's context
    storing = pool;
  }

  /** Replies that ended before the application stops are still stored, for a few seconds. */
  @PreDestroy
  void stopStoring() {
    storing.shutdown();
    try {
      if (!storing.awaitTermination(5, TimeUnit.SECONDS)) {
        LOG.warning("Replies still being stored when the application stopped");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Starts answering and returns at once.
   *
   * @param organizationId whose endpoint, and so whose line
   * @param limit the organisation's limit of requests at once, empty for the default
   * @param ending stores the outcome (on a managed thread) and says what the page is told
   */
  public void start(
      long organizationId,
      OptionalInt limit,
      ModelEndpoint endpoint,
      List<Turn> turns,
      AnswerEvents events,
      Ending ending) {
    Answer answer = new Answer(endpoint, turns, events, ended -> end(ended, events, ending));
    Metrics.streamOpened();
    events.whenGone(answer::stop);
    answer.entered(gate.enter(organizationId, limit, answer));
  }

  /**
   * One reply from entering the line to the page's last event. Its lock guards only its own fields;
   * nothing that could call another answer (leaving the line, starting or stopping the request) is
   * done holding it.
   */
  private final class Answer implements ModelGate.Waiter, ReplyListener {

    private final ModelEndpoint endpoint;
    private final List<Turn> turns;
    private final AnswerEvents events;
    private final Consumer<Ended> ending;
    private ModelGate.Ticket ticket;
    private ModelClient.InFlight inFlight;
    private boolean stopped;
    private boolean ended;
    private volatile int place = -1;

    Answer(ModelEndpoint endpoint, List<Turn> turns, AnswerEvents events, Consumer<Ended> ending) {
      this.endpoint = endpoint;
      this.turns = turns;
      this.events = events;
      this.ending = ending;
    }

    void entered(ModelGate.Ticket ticket) {
      boolean endedAlready;
      boolean stoppedWaiting;
      synchronized (this) {
        this.ticket = ticket;
        endedAlready = ended;
        stoppedWaiting = stopped && inFlight == null;
      }
      if (endedAlready) {
        ticket.leave(); // stopped while entering
      } else if (stoppedWaiting) {
        end(new Ended(null, stoppedBeforeTurn(), ""));
      }
    }

    @Override
    public void turn(ModelGate.Ticket ticket) {
      boolean stoppedWaiting;
      synchronized (this) {
        this.ticket = ticket;
        stoppedWaiting = stopped;
      }
      if (stoppedWaiting) {
        end(new Ended(null, stoppedBeforeTurn(), ""));
        return;
      }
      ModelClient.InFlight started = client.stream(endpoint, turns, this);
      boolean cancel;
      synchronized (this) {
        inFlight = started;
        cancel = stopped;
      }
      if (cancel) {
        started.cancel();
      }
    }

    @Override
    public void tick(int place) {
      try {
        if (place > 0 && place != this.place) {
          events.waiting(place);
        } else {
          events.alive();
        }
        this.place = place;
      } catch (RuntimeException e) {
        stop();
      }
    }

    /** The person stopped the reply or their page went away. */
    void stop() {
      ModelClient.InFlight running;
      synchronized (this) {
        if (stopped) {
          return;
        }
        stopped = true;
        running = inFlight;
      }
      if (running != null) {
        running.cancel();
      } else {
        end(new Ended(null, stoppedBeforeTurn(), ""));
      }
    }

    @Override
    public void delta(String text) {
      events.delta(text);
    }

    @Override
    public void completed(String reply) {
      end(new Ended(reply, null, ""));
    }

    @Override
    public void failed(ModelUnavailableException failure, String partial) {
      end(new Ended(null, failure, partial));
    }

    /** Leaves the line, then stores and tells, once. */
    private void end(Ended how) {
      ModelGate.Ticket leaving;
      synchronized (this) {
        if (ended) {
          return;
        }
        ended = true;
        leaving = ticket;
      }
      if (leaving != null) {
        leaving.leave();
      }
      storing.execute(() -> ending.accept(how));
    }
  }

  /** Stores an ended reply and tells the page, on a storing thread. */
  private static void end(Ended how, AnswerEvents events, Ending ending) {
    AnswerEvents.Reply told;
    try {
      told = ending.apply(how);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "A reply could not be stored", e);
      told = AnswerEvents.Reply.notice(NOT_STORED);
    }
    try {
      events.finished(told);
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "The page left before the reply ended", e);
    } finally {
      Metrics.streamClosed();
    }
  }

  static final Problem.Text NOT_STORED = Problem.text("chat.Answers.notStored");

  private static ModelUnavailableException stoppedBeforeTurn() {
    return new ModelUnavailableException(
        ModelUnavailableException.Reason.CANCELLED, 0, Problem.text("chat.Answers.stopped"), null);
  }
}
