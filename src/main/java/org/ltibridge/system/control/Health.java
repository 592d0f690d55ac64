package org.ltibridge.system.control;

import io.micrometer.core.instrument.Timer;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The checks behind {@code /health/*}, in the terms of MicroProfile Health 4.0 (§ "Protocol and
 * wire format"): liveness needs nothing but this deployment running; readiness needs the database
 * to answer and to hold every change set of the shipped changelog. A deployment that failed to
 * start serves nothing, so it can never look healthy.
 */
@ApplicationScoped
public class Health {

  private static final Logger LOG = Logger.getLogger(Health.class.getName());

  /** Seconds a readiness probe may wait for the database's answer. */
  static final int QUERY_TIMEOUT = 5;

  private static final AtomicInteger DATABASE_UP =
      Metrics.registry().gauge("ltibridge.database.up", new AtomicInteger());
  private static final Timer PROBES =
      Metrics.timer(
          "ltibridge.database.probe", "Connection from the pool plus one query (readiness)");

  /** One named check; {@code data} holds short facts, never secrets. */
  public record Check(String name, boolean up, Map<String, Object> data) {}

  /** The overall answer: up only when every check is. */
  public record Report(boolean up, List<Check> checks) {
    static Report of(List<Check> checks) {
      return new Report(checks.stream().allMatch(Check::up), checks);
    }
  }

  @Resource(lookup = "java:comp/env/jdbc/app")
  DataSource dataSource;

  @Inject SchemaStatus schema;

  /** Up while this deployment runs. */
  public Report liveness() {
    return Report.of(List.of());
  }

  /** Up when the schema migration ran at start. */
  public Report startup() {
    Map<String, Object> data = new LinkedHashMap<>();
    schema.expected().ifPresent(cs -> data.put("changeSets", cs.size()));
    return Report.of(List.of(new Check("schema-migration", schema.expected().isPresent(), data)));
  }

  /** Up when the database answers and its schema is fully migrated. */
  public Report readiness() {
    Map<String, Object> database = new LinkedHashMap<>();
    Map<String, Object> migrated = new LinkedHashMap<>();
    boolean answers = false;
    boolean complete = false;
    long start = System.nanoTime();
    try (Connection c = dataSource.getConnection()) {
      database.put("product", c.getMetaData().getDatabaseProductName());
      List<String> pending = schema.pending(c, QUERY_TIMEOUT);
      answers = true;
      schema.expected().ifPresent(cs -> migrated.put("changeSets", cs.size()));
      migrated.put("pending", pending.size());
      if (!pending.isEmpty()) {
        migrated.put("firstPending", pending.get(0));
      }
      complete = pending.isEmpty();
    } catch (SQLException | RuntimeException e) {
      LOG.log(Level.WARNING, "Readiness: the database does not answer", e);
      database.put("error", e.getClass().getSimpleName());
    }
    long nanos = System.nanoTime() - start;
    PROBES.record(nanos, TimeUnit.NANOSECONDS);
    DATABASE_UP.set(answers ? 1 : 0);
    database.put("millis", TimeUnit.NANOSECONDS.toMillis(nanos));
    return Report.of(
        List.of(
            new Check("database", answers, database),
            new Check("schema", answers && complete, migrated)));
  }
}
