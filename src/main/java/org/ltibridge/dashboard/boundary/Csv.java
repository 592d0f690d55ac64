package org.ltibridge.dashboard.boundary;

import java.io.IOException;
import java.io.Writer;

/**
 * Writes CSV as RFC 4180 §2 has it: fields separated by commas, records ended by CRLF, a field
 * quoted when it holds a comma, a double quote, CR or LF, and a double quote inside doubled.
 *
 * <p>A text field that a spreadsheet would read as a formula (starting with {@code = + - @}, tab or
 * CR) is written with a leading apostrophe, as OWASP's "CSV Injection" page recommends: a student's
 * message must never run as a formula on the instructor's computer.
 */
final class Csv {

  private final Writer out;
  private boolean first = true;

  Csv(Writer out) {
    this.out = out;
  }

  /** A text field (null is empty), guarded against formulas. */
  Csv text(String value) throws IOException {
    return raw(guarded(value == null ? "" : value));
  }

  /** A number, as it is. */
  Csv number(long value) throws IOException {
    return raw(Long.toString(value));
  }

  /** Ends the record. */
  void end() throws IOException {
    out.write("\r\n");
    first = true;
  }

  /** A whole record of text fields. */
  void record(String... values) throws IOException {
    for (String v : values) {
      text(v);
    }
    end();
  }

  static String guarded(String value) {
    if (!value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0) {
      return "'" + value;
    }
    return value;
  }

  static String quoted(String value) {
    boolean plain =
        value.indexOf(',') < 0
            && value.indexOf('"') < 0
            && value.indexOf('\r') < 0
            && value.indexOf('\n') < 0;
    return plain ? value : "\"" + value.replace("\"", "\"\"") + "\"";
  }

  private Csv raw(String value) throws IOException {
    if (!first) {
      out.write(',');
    }
    first = false;
    out.write(quoted(value));
    return this;
  }
}
