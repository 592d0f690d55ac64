package org.ltibridge.system.control;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;
import java.util.regex.Pattern;

/**
 * One JSON object per line (JSON Lines, https://jsonlines.org/) for log collectors: {@code time}
 * (ISO-8601, UTC), {@code level}, {@code logger}, {@code thread}, {@code message} and, when there
 * is one, {@code exception} with its stack trace. Installed at start when {@code
 * LTI_BRIDGE_LOG_FORMAT=json} ({@link StartupChecks}). Credentials that could slip into a message
 * (bearer tokens, passwords, secrets, OAuth signatures, client assertions) are masked.
 */
public class JsonLogFormatter extends Formatter {

  /** {@code Bearer xyz}, {@code password=xyz}, {@code "secret":"xyz"} and the like. */
  static final Pattern SECRETS =
      Pattern.compile(
          "(?i)(bearer\\s+|(?:password|secret|api[_-]?key|oauth_signature|client_assertion"
              + "|access_token|id_token)\"?\\s*[=:]\\s*\"?)[^\\s\",&;}]+");

  @Override
  public String format(LogRecord record) {
    StringBuilder out = new StringBuilder(256);
    out.append("{\"time\":\"").append(Instant.ofEpochMilli(record.getMillis())).append('"');
    field(out, "level", record.getLevel().getName());
    field(out, "logger", record.getLoggerName());
    out.append(",\"thread\":").append(record.getLongThreadID());
    field(out, "message", redact(formatMessage(record)));
    if (record.getThrown() != null) {
      StringWriter trace = new StringWriter();
      record.getThrown().printStackTrace(new PrintWriter(trace));
      field(out, "exception", redact(trace.toString()));
    }
    return out.append("}\n").toString();
  }

  static String redact(String text) {
    return text == null ? null : SECRETS.matcher(text).replaceAll("$1***");
  }

  private static void field(StringBuilder out, String name, String value) {
    out.append(",\"").append(name).append("\":");
    if (value == null) {
      out.append("null");
      return;
    }
    out.append('"');
    escape(out, value);
    out.append('"');
  }

  /** RFC 8259 §7 string escaping. */
  static void escape(StringBuilder out, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
  }
}
