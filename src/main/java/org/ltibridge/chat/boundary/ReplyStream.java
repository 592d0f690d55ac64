package org.ltibridge.chat.boundary;

import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.function.Consumer;
import java.util.function.Function;
import org.ltibridge.chat.control.ChatService;
import org.ltibridge.system.boundary.JsonValues;
import org.ltibridge.system.control.Metrics;

/**
 * A model's reply as the chat's Server-Sent Events, the same for students and for a creator's
 * preview: {@code delta} ({@code {"text": …}}) as the reply arrives, then {@code done} or {@code
 * notice} (no model, or the model failed) with the whole text.
 */
public final class ReplyStream {

  private ReplyStream() {}

  /** Sends one event whose data is {@code {"<key>": <value>}}. */
  public static void event(SseEventSink sink, Sse sse, String name, String key, Object value) {
    var data = JsonValues.object();
    if (value instanceof Number n) {
      data.add(key, n.longValue());
    } else {
      data.add(key, String.valueOf(value));
    }
    sink.send(sse.newEventBuilder().name(name).data(data.build().toString()).build());
  }

  /** Streams what {@code answer} says to the delta consumer it is given, then its outcome. */
  public static void reply(
      SseEventSink sink, Sse sse, Function<Consumer<String>, ChatService.Reply> answer) {
    Metrics.streamOpened();
    try {
      ChatService.Reply reply = answer.apply(delta -> event(sink, sse, "delta", "text", delta));
      event(sink, sse, reply.complete() ? "done" : "notice", "text", reply.text());
    } finally {
      Metrics.streamClosed();
    }
  }
}
