package org.ltibridge.model;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Server-Sent Events framing, fed bytes as they arrive (WHATWG HTML Living Standard, "Server-sent
 * events", §9.2.6 "Interpreting an event stream"): lines end at LF, CRLF or CR, also when a CRLF is
 * split between two reads; an event ends at a blank line; several {@code data:} lines of one event
 * are joined with newlines; lines starting with ':' are comments (keep-alives of some proxies);
 * other fields are ignored. A line is decoded as UTF-8 only once it is complete, so a character
 * split between two reads arrives whole. Not thread-safe: one stream, fed in order.
 */
final class EventStreamFraming {

  /** Receives each event's data; answers true when the stream is over (OpenAI's [DONE]). */
  interface Events {
    boolean data(String data) throws ModelUnavailableException;
  }

  private final int maxLineBytes;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();
  private final StringBuilder data = new StringBuilder();
  private boolean hasData;
  private boolean skipLf;

  EventStreamFraming(int maxLineBytes) {
    this.maxLineBytes = maxLineBytes;
  }

  /** Reads what arrived; true when {@code events} said the stream is over. */
  boolean feed(ByteBuffer bytes, Events events) throws ModelUnavailableException {
    while (bytes.hasRemaining()) {
      byte b = bytes.get();
      if (skipLf) {
        skipLf = false;
        if (b == '\n') {
          continue;
        }
      }
      if (b == '\n' || b == '\r') {
        skipLf = b == '\r';
        if (endOfLine(events)) {
          return true;
        }
      } else {
        if (line.size() >= maxLineBytes) {
          throw ModelErrors.tooLong();
        }
        line.write(b);
      }
    }
    return false;
  }

  /**
   * The end of the stream. Strict SSE drops an event not followed by a blank line; a server that
   * closes right after its last line still meant it, so it is dispatched.
   */
  boolean end(Events events) throws ModelUnavailableException {
    if (line.size() > 0 && endOfLine(events)) {
      return true;
    }
    return hasData && dispatch(events);
  }

  private boolean endOfLine(Events events) throws ModelUnavailableException {
    String text = line.toString(StandardCharsets.UTF_8);
    line.reset();
    if (text.isEmpty()) {
      return hasData && dispatch(events);
    }
    if (text.charAt(0) == ':') {
      return false;
    }
    int colon = text.indexOf(':');
    String field = colon < 0 ? text : text.substring(0, colon);
    if (!"data".equals(field)) {
      return false;
    }
    String value = colon < 0 ? "" : text.substring(colon + 1);
    if (value.startsWith(" ")) {
      value = value.substring(1);
    }
    if (hasData) {
      data.append('\n');
    }
    data.append(value);
    hasData = true;
    return false;
  }

  private boolean dispatch(Events events) throws ModelUnavailableException {
    String event = data.toString();
    data.setLength(0);
    hasData = false;
    return events.data(event);
  }
}
