package org.ltibridge.dashboard.boundary;

import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.ltibridge.dashboard.control.Dashboard;
import org.ltibridge.system.control.Problem;

/**
 * The dashboard's downloads, as CSV (RFC 4180, with a header record) or JSON (the same field names
 * as the dashboard's JSON API), written while the rows are read a page at a time ({@link
 * Dashboard.Walk}), never all in memory. Only pseudonyms and our own ids appear, never an LMS
 * identifier. Times are UTC, ISO 8601 without offset, as in the API.
 */
final class Exports {

  static final Problem.Text ERROR_FORMAT = Problem.text("dashboard.Exports.format");
  static final String CSV = "text/csv; charset=UTF-8; header=present";

  private static final JsonProvider JSON = JsonProvider.provider();
  private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_LOCAL_DATE_TIME;

  private Exports() {}

  /** Whether {@code format} asks for JSON (csv is the default); 400 for anything else. */
  static boolean json(String format) {
    if (format == null || format.isBlank() || format.strip().equalsIgnoreCase("csv")) {
      return false;
    }
    if (format.strip().equalsIgnoreCase("json")) {
      return true;
    }
    throw Problem.badRequest(ERROR_FORMAT);
  }

  static Response accessLog(Dashboard.Walk<Dashboard.StudentRow> rows, String name, boolean json) {
    StreamingOutput body =
        json
            ? out -> {
              try (JsonGenerator g = JSON.createGenerator(out)) {
                g.writeStartObject().writeStartArray("students");
                rows.forEach(
                    s ->
                        g.writeStartObject()
                            .write("pseudonym", s.pseudonym())
                            .write("firstAccess", time(s.firstAccess()))
                            .write("lastAccess", time(s.lastAccess()))
                            .write("accessCount", s.accessCount())
                            .write("chats", s.chats())
                            .write("messages", s.messages())
                            .writeEnd());
                g.writeEnd().writeEnd();
              }
            }
            : out ->
                csv(
                    out,
                    csv -> {
                      csv.record(
                          "pseudonym",
                          "first_access",
                          "last_access",
                          "visits",
                          "chats",
                          "messages");
                      rows.forEach(
                          s ->
                              write(
                                  () -> {
                                    csv.text(s.pseudonym())
                                        .text(time(s.firstAccess()))
                                        .text(time(s.lastAccess()))
                                        .number(s.accessCount())
                                        .number(s.chats())
                                        .number(s.messages())
                                        .end();
                                  }));
                    });
    return download(body, name, json);
  }

  static Response transcripts(
      Dashboard.Walk<Dashboard.Transcript> chats, String name, boolean json) {
    StreamingOutput body =
        json
            ? out -> {
              try (JsonGenerator g = JSON.createGenerator(out)) {
                g.writeStartObject().writeStartArray("chats");
                chats.forEach(
                    t -> {
                      g.writeStartObject()
                          .write("id", t.id())
                          .write("pseudonym", t.pseudonym())
                          .write("assistant", t.assistant());
                      if (t.title() == null) {
                        g.writeNull("title");
                      } else {
                        g.write("title", t.title());
                      }
                      g.writeStartArray("messages");
                      t.messages()
                          .forEach(
                              m ->
                                  g.writeStartObject()
                                      .write("role", m.role())
                                      .write("content", m.content())
                                      .write("at", time(m.at()))
                                      .writeEnd());
                      g.writeEnd().writeEnd();
                    });
                g.writeEnd().writeEnd();
              }
            }
            : out ->
                csv(
                    out,
                    csv -> {
                      csv.record(
                          "chat",
                          "student",
                          "assistant",
                          "topic",
                          "message",
                          "from",
                          "sent_at",
                          "text");
                      chats.forEach(
                          t ->
                              write(
                                  () -> {
                                    int n = 0;
                                    for (Dashboard.Line m : t.messages()) {
                                      csv.number(t.id())
                                          .text(t.pseudonym())
                                          .text(t.assistant())
                                          .text(t.title())
                                          .number(++n)
                                          .text(m.role())
                                          .text(time(m.at()))
                                          .text(m.content())
                                          .end();
                                    }
                                  }));
                    });
    return download(body, name, json);
  }

  private interface CsvBody {
    void write(Csv csv) throws IOException;
  }

  private interface Step {
    void run() throws IOException;
  }

  private static void csv(java.io.OutputStream out, CsvBody body) throws IOException {
    Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    body.write(new Csv(w));
    w.flush();
  }

  private static void write(Step step) {
    try {
      step.run();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String time(LocalDateTime t) {
    return t == null ? "" : TIME.format(t);
  }

  private static Response download(StreamingOutput body, String name, boolean json) {
    String file = name + (json ? ".json" : ".csv");
    return Response.ok(body, json ? MediaType.APPLICATION_JSON + "; charset=UTF-8" : CSV)
        // RFC 6266 §4: a download, with a plain ASCII file name of our own.
        .header("Content-Disposition", "attachment; filename=\"" + file + "\"")
        .header("Cache-Control", "no-store")
        .build();
  }
}
