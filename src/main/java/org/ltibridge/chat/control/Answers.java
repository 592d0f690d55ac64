package org.ltibridge.chat.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.concurrent.ManagedExecutorDefinition;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.OptionalInt;
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
@ManagedExecutorDefinition(name = Answers.STORING, maxAsync = Answers.STORING_AT_ONCE)
@ApplicationScoped
public class Answers {

  private static final Logger LOG = Logger.getLogger(Answers.class.getName());

  /**
   * Where ended replies are stored (Jakarta Concurrency 3.0's executor definition: the container's
   * threads, so that a transaction and the persistence context work there), at most so many at
   * once; replies ending together wait their turn for a moment.
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
  ManagedExecutorService storing;

  /**
   * The reply ends on a thread of the HTTP client, outside the container; storing it runs in the
   * context of the request that asked (Jakarta Concurrency 3.0 contextual consumer), so that its
   * transaction is the container's as anywhere else.
   */
  @Resource ContextService contexts;

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
    Answer answer =
        new Answer(
            endpoint,
            turns,
            events,
            contexts.contextualConsumer(ended -> end(ended, events, ending)));
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

  /** Stores an ended reply and tells the page, in the asking request's context. */
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
