package org.ltibridge.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The event-stream framing, fed as a network delivers: in pieces that cut lines, line ends and
 * characters anywhere (WHATWG HTML, "Server-sent events", §9.2.6).
 */
class EventStreamFramingTest {

  private final List<String> events = new ArrayList<>();

  private boolean feed(EventStreamFraming framing, byte[] bytes, int... cuts) throws Exception {
    int from = 0;
    for (int cut : cuts) {
      if (framing.feed(ByteBuffer.wrap(bytes, from, cut - from), this::event)) {
        return true;
      }
      from = cut;
    }
    return framing.feed(ByteBuffer.wrap(bytes, from, bytes.length - from), this::event);
  }

  private boolean event(String data) {
    events.add(data);
    return "[DONE]".equals(data);
  }

  @Test
  void everyWayOfCuttingTheStreamGivesTheSameEvents() throws Exception {
    byte[] stream =
        ("data: {\"a\":\"caf\u00e9\"}\r\n\r\n: keep-alive\n\nevent: x\ndata: one\ndata: two\r\r"
                + "data: [DONE]\n\n")
            .getBytes(StandardCharsets.UTF_8);
    for (int cut = 1; cut < stream.length; cut++) {
      events.clear();
      assertTrue(feed(new EventStreamFraming(1000), stream, cut), "cut at " + cut);
      assertEquals(List.of("{\"a\":\"caf\u00e9\"}", "one\ntwo", "[DONE]"), events, "cut at " + cut);
    }
  }

  @Test
  void aLastEventWithoutItsBlankLineStillCounts() throws Exception {
    EventStreamFraming framing = new EventStreamFraming(1000);
    assertFalse(feed(framing, "data: last".getBytes(StandardCharsets.UTF_8)));
    assertFalse(framing.end(this::event));
    assertEquals(List.of("last"), events);
  }

  @Test
  void aLineLongerThanTheLimitIsRefused() {
    EventStreamFraming framing = new EventStreamFraming(16);
    ModelUnavailableException e =
        assertThrows(
            ModelUnavailableException.class,
            () -> feed(framing, ("data: " + "x".repeat(40)).getBytes(StandardCharsets.UTF_8)));
    assertEquals(ModelUnavailableException.Reason.MALFORMED_REPLY, e.reason());
  }
}
