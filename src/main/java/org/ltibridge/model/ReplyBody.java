package org.ltibridge.model;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * The body of a chat-completions response, read as it arrives without holding a thread: a stream of
 * events (framed by {@link EventStreamFraming}, each chunk read by {@link OpenAiChat}), one JSON
 * reply from a server that ignores {@code stream: true}, or an error body. Asks for the next bytes
 * only when it has handled the last ones, so a slow reader never piles up a reply in memory.
 */
final class ReplyBody implements HttpResponse.BodySubscriber<Void> {

  /** Where the reply goes: {@link ModelClient.InFlight}. */
  interface Reply {
    /** Bytes arrived: the model is still there, whatever they hold. */
    void heard();

    void piece(String text) throws ModelUnavailableException;

    void finished();

    void failed(ModelUnavailableException e);
  }

  // Limits that keep a broken or hostile server from filling the heap.
  static final int MAX_LINE_BYTES = 1 << 20;
  static final int MAX_JSON_REPLY_BYTES = 8 << 20;
  static final int MAX_ERROR_BODY_BYTES = 64 << 10;
  private static final String EVENT_STREAM = "text/event-stream";

  private enum Mode {
    STREAM,
    JSON,
    ERROR,
    /** No or an odd Content-Type (some proxies strip it): what the body starts with decides. */
    SNIFF
  }

  private final Reply reply;
  private final Redaction redaction;
  private final int status;
  private final String host;
  private final CompletableFuture<Void> done = new CompletableFuture<>();
  private final ByteArrayOutputStream collected = new ByteArrayOutputStream();
  private final EventStreamFraming framing = new EventStreamFraming(MAX_LINE_BYTES);
  private Mode mode;
  private volatile Flow.Subscription subscription;
  private volatile boolean cancelled;
  private boolean over;
  private boolean finished;

  ReplyBody(HttpResponse.ResponseInfo response, Reply reply, Redaction redaction, String host) {
    this.reply = reply;
    this.host = host;
    this.redaction = redaction;
    this.status = response.statusCode();
    String type = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
    if (status < 200 || status > 299) {
      mode = Mode.ERROR;
    } else if (type.contains("json")) {
      mode = Mode.JSON;
    } else if (type.startsWith(EVENT_STREAM)) {
      mode = Mode.STREAM;
    } else {
      mode = Mode.SNIFF;
    }
  }

  /** Stops reading; the HTTP client then closes the connection, and the server sees it. */
  void cancel() {
    cancelled = true;
    Flow.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
  }

  @Override
  public CompletionStage<Void> getBody() {
    return done;
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    if (cancelled) {
      s.cancel();
    } else {
      s.request(1);
    }
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    if (over) {
      return;
    }
    reply.heard();
    try {
      for (ByteBuffer buffer : buffers) {
        if (read(buffer)) {
          end();
          reply.finished();
          subscription.cancel();
          return;
        }
      }
    } catch (ModelUnavailableException e) {
      end();
      reply.failed(e);
      subscription.cancel();
      return;
    }
    if (!cancelled) {
      subscription.request(1);
    }
  }

  @Override
  public void onError(Throwable failure) {
    if (!over) {
      end();
      reply.failed(ModelErrors.transport(failure, host));
    }
  }

  @Override
  public void onComplete() {
    if (over) {
      return;
    }
    try {
      switch (mode) {
        case ERROR ->
            throw ModelErrors.status(status, collected.toString(StandardCharsets.UTF_8), redaction);
        case JSON, SNIFF -> {
          String text =
              OpenAiChat.wholeReply(collected.toString(StandardCharsets.UTF_8), redaction);
          if (!text.isEmpty()) {
            reply.piece(text);
          }
        }
        case STREAM -> {
          if (!framing.end(this::event) && !finished) {
            throw ModelErrors.cutOff();
          }
        }
      }
      end();
      reply.finished();
    } catch (ModelUnavailableException e) {
      end();
      reply.failed(e);
    }
  }

  /** True when the stream said it is over. */
  private boolean read(ByteBuffer buffer) throws ModelUnavailableException {
    switch (mode) {
      case STREAM:
        return framing.feed(buffer, this::event);
      case ERROR:
        collect(buffer, MAX_ERROR_BODY_BYTES, false);
        return false;
      case JSON:
        collect(buffer, MAX_JSON_REPLY_BYTES, true);
        return false;
      default:
        return sniff(buffer);
    }
  }

  private boolean sniff(ByteBuffer buffer) throws ModelUnavailableException {
    while (buffer.hasRemaining()) {
      int b = buffer.get(buffer.position()) & 0xff;
      if (!Character.isWhitespace(b) && b != 0xEF && b != 0xBB && b != 0xBF) {
        mode = b == '{' ? Mode.JSON : Mode.STREAM;
        if (mode == Mode.STREAM && collected.size() > 0) {
          framing.feed(ByteBuffer.wrap(collected.toByteArray()), this::event);
          collected.reset();
        }
        return read(buffer);
      }
      collect(ByteBuffer.wrap(new byte[] {buffer.get()}), MAX_LINE_BYTES, true);
    }
    return false;
  }

  /** OpenAI's chunks, until {@code [DONE]}. */
  private boolean event(String data) throws ModelUnavailableException {
    if (OpenAiChat.DONE.equals(data.trim())) {
      return true;
    }
    OpenAiChat.Piece piece = OpenAiChat.chunk(data, redaction);
    if (!piece.text().isEmpty()) {
      reply.piece(piece.text());
    }
    finished |= piece.finished();
    return false;
  }

  private void collect(ByteBuffer buffer, int limit, boolean refuseBeyond)
      throws ModelUnavailableException {
    int room = limit - collected.size();
    int n = Math.min(room, buffer.remaining());
    if (buffer.remaining() > room && refuseBeyond) {
      throw ModelErrors.tooLong();
    }
    byte[] bytes = new byte[n];
    buffer.get(bytes);
    collected.write(bytes, 0, n);
    buffer.position(buffer.limit());
  }

  private void end() {
    over = true;
    done.complete(null);
  }
}
