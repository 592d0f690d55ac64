package org.ltibridge.chat.boundary;

import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.ltibridge.chat.control.AnswerEvents;
import org.ltibridge.system.boundary.JsonValues;

/**
 * A reply as the chat's Server-Sent Events, the same for students and for a creator's preview:
 * {@code waiting} ({@code {"place": n}}) while the organisation's model is busy, {@code delta}
 * ({@code {"text": …}}) as the reply arrives, then {@code done} ({@code {"text": whole}}) or {@code
 * notice} ({@code {"text": why, "partial": what had arrived}}), and the stream closes. The resource
 * method returns once the reply is under way; events are written from the threads that receive the
 * model's reply. A write that fails means the page has gone (closed, reloaded, or the student
 * pressed Stop, which aborts the request): the reply is then stopped.
 */
public final class ReplyStream implements AnswerEvents {

  /** A comment line at most this often while nothing else is said, to notice a page that left. */
  private static final long KEEP_ALIVE_NANOS = TimeUnit.SECONDS.toNanos(5);

  private final SseEventSink sink;
  private final Sse sse;
  private final String language;
  private volatile Runnable stop = () -> {};
  private volatile boolean gone;
  private volatile long lastWrite = System.nanoTime();

  /**
   * @param language the page's language ({@code RequestLanguage}), which notices are written in
   */
  public ReplyStream(SseEventSink sink, Sse sse, String language) {
    this.sink = sink;
    this.sse = sse;
    this.language = language;
  }

  /** Sends one event whose data is {@code {"<key>": <value>}}. */
  public void event(String name, String key, Object value) {
    var data = JsonValues.object();
    if (value instanceof Number n) {
      data.add(key, n.longValue());
    } else {
      data.add(key, String.valueOf(value));
    }
    send(sse.newEventBuilder().name(name).data(data.build().toString()).build());
  }

  @Override
  public void whenGone(Runnable stop) {
    this.stop = stop;
    if (gone) {
      stop.run();
    }
  }

  @Override
  public void waiting(int place) {
    event("waiting", "place", place);
  }

  @Override
  public void delta(String text) {
    event("delta", "text", text);
  }

  @Override
  public void alive() {
    if (System.nanoTime() - lastWrite > KEEP_ALIVE_NANOS) {
      send(sse.newEventBuilder().comment("keep-alive").build());
    }
  }

  @Override
  public void finished(Reply reply) {
    try {
      if (reply.complete()) {
        event("done", "text", reply.text());
      } else {
        var data =
            JsonValues.object().add("text", reply.text(language)).add("partial", reply.partial());
        send(sse.newEventBuilder().name("notice").data(data.build().toString()).build());
      }
    } finally {
      sink.close();
    }
  }

  /** Writes an event; a page that has gone stops the reply and the caller hears of it. */
  private void send(OutboundSseEvent event) {
    if (gone || sink.isClosed()) {
      left();
      throw new IllegalStateException("The page has gone");
    }
    CompletionStage<?> sent;
    try {
      sent = sink.send(event);
    } catch (RuntimeException e) {
      left();
      throw e;
    }
    lastWrite = System.nanoTime();
    // Jersey completes the stage before returning, RESTEasy maybe later: either way a failure ends
    // the reply.
    sent.whenComplete(
        (done, failure) -> {
          if (failure != null) {
            left();
          }
        });
    if (sent.toCompletableFuture().isCompletedExceptionally()) {
      throw new IllegalStateException("The page has gone");
    }
  }

  private void left() {
    if (!gone) {
      gone = true;
      stop.run();
    }
  }
}
