package org.ltibridge.system.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** One JSON object per line, parseable, with parameters filled in and credentials masked. */
class JsonLogFormatterTest {

  final JsonLogFormatter formatter = new JsonLogFormatter();

  JsonObject format(LogRecord record) {
    String line = formatter.format(record);
    assertTrue(line.endsWith("}\n"), line);
    assertEquals(line.length() - 1, line.indexOf('\n'), "exactly one line: " + line);
    return Json.createReader(new StringReader(line)).readObject();
  }

  @Test
  void aRecordIsOneJsonLine() {
    LogRecord r = new LogRecord(Level.WARNING, "Schema {0} \"quoted\"\nand\ttabbed \u0001");
    r.setParameters(new Object[] {"up to date"});
    r.setLoggerName("org.ltibridge.system.control.SchemaMigration");
    r.setMillis(0);
    JsonObject o = format(r);
    assertEquals("1970-01-01T00:00:00Z", o.getString("time"));
    assertEquals("WARNING", o.getString("level"));
    assertEquals("org.ltibridge.system.control.SchemaMigration", o.getString("logger"));
    assertEquals("Schema up to date \"quoted\"\nand\ttabbed \u0001", o.getString("message"));
    assertFalse(o.containsKey("exception"));
  }

  @Test
  void anExceptionKeepsItsTraceInsideTheLine() {
    LogRecord r = new LogRecord(Level.SEVERE, "Unexpected failure");
    r.setThrown(new IllegalStateException("boom"));
    JsonObject o = format(r);
    assertTrue(o.getString("exception").startsWith("java.lang.IllegalStateException: boom\n"));
    assertTrue(o.getString("exception").contains("\tat "));
  }

  @Test
  void credentialsAreMasked() {
    JsonObject o =
        format(
            new LogRecord(
                Level.INFO,
                "Authorization: Bearer eyJhbGciOi.x.y password=hunter2 {\"secret\":\"s3cr3t\"}"
                    + " oauth_signature=abc%3D&client_assertion=eyJ.z.w"));
    String m = o.getString("message");
    for (String secret : new String[] {"eyJhbGciOi", "hunter2", "s3cr3t", "abc%3D", "eyJ.z.w"}) {
      assertFalse(m.contains(secret), m);
    }
    assertTrue(m.contains("Bearer ***"), m);
  }
}
