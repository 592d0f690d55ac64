package org.ltibridge.system.control;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.ltibridge.system.control.PoolStatistics.Figure;

/**
 * The application's meters, in one Micrometer registry per deployment, exposed in the Prometheus
 * text format by {@code system.boundary.MetricsResource}. Micrometer is packaged in the WAR, so the
 * same meters exist on every server (neither Payara's nor WildFly's own metrics are needed).
 *
 * <p>Each capability counts at the one place where its event is decided, through the meters made
 * here once: incrementing a counter is a striped add, and no tag is built per request. Meter names
 * follow the Prometheus naming practices (base unit seconds, {@code _total} for counters, added by
 * the registry): https://prometheus.io/docs/practices/naming/
 */
public final class Metrics {

  private static final PrometheusMeterRegistry REGISTRY = create();

  private static final ConcurrentMap<String, Counter> REFUSALS = new ConcurrentHashMap<>();
  private static final AtomicInteger OPEN_STREAMS =
      REGISTRY.gauge("ltibridge.chat.streams.open", new AtomicInteger());

  private Metrics() {}

  private static PrometheusMeterRegistry create() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    // JVM figures that Payara's and WildFly's own metrics would otherwise give, on both servers.
    // (The GC binder is left out: it registers listeners that would outlive an undeployment.)
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    pool(registry, PoolStatistics.platform());
    return registry;
  }

  /**
   * The application DataSource's pool as the server reports it ({@link PoolStatistics}), read at
   * each scrape; a figure the server does not give is NaN. (The connections LTI Bridge keeps idle
   * between requests, which the pool counts as active, are fastpath's own gauge.) The gauges hold
   * {@code pool} strongly: Micrometer's default weak reference would let it be collected and the
   * gauges turn NaN.
   */
  static void pool(MeterRegistry registry, PoolStatistics pool) {
    for (Figure state : new Figure[] {Figure.ACTIVE, Figure.IDLE}) {
      Gauge.builder("ltibridge.db.pool.connections", pool, p -> p.read(state))
          .strongReference(true)
          .description("Connections of the application's DataSource pool, by state")
          .tag("state", state.name().toLowerCase(Locale.ROOT))
          .register(registry);
    }
    Gauge.builder("ltibridge.db.pool.max", pool, p -> p.read(Figure.MAX))
        .strongReference(true)
        .description("The most connections the pool opens")
        .register(registry);
    Gauge.builder("ltibridge.db.pool.waiting", pool, p -> p.read(Figure.WAITING))
        .strongReference(true)
        .description("Requests waiting for a connection (Payara; WildFly does not count them)")
        .register(registry);
    Gauge.builder("ltibridge.db.pool.wait.max", pool, p -> p.read(Figure.WAIT_MAX_SECONDS))
        .strongReference(true)
        .description("The longest wait for a connection since the server started")
        .baseUnit("seconds")
        .register(registry);
  }

  /** Every meter, for the scrape and for tests. */
  public static MeterRegistry registry() {
    return REGISTRY;
  }

  /** The Prometheus text exposition format 0.0.4 of every meter. */
  public static String scrape() {
    return REGISTRY.scrape();
  }

  /** A counter made once (call from a static initialiser or a constructor, not per request). */
  public static Counter counter(String name, String description, String... tags) {
    return Counter.builder(name).description(description).tags(tags).register(REGISTRY);
  }

  /** A timer made once, with percentiles the scraper can aggregate over instances. */
  public static Timer timer(String name, String description, String... tags) {
    return Timer.builder(name)
        .description(description)
        .tags(tags)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(50))
        .maximumExpectedValue(Duration.ofMinutes(2))
        .register(REGISTRY);
  }

  /**
   * Counts a refused request by its reason, a short code from a fixed set ({@link
   * Problem#reason()}); the counter of a reason is made on its first refusal.
   */
  public static void refused(String reason) {
    REFUSALS
        .computeIfAbsent(
            reason,
            r ->
                counter(
                    "ltibridge.refusals",
                    "Requests refused with a readable reason (launches, services, APIs)",
                    "reason",
                    r))
        .increment();
  }

  /** A chat reply stream was opened; call {@link #streamClosed} in a finally block. */
  public static void streamOpened() {
    OPEN_STREAMS.incrementAndGet();
  }

  public static void streamClosed() {
    OPEN_STREAMS.decrementAndGet();
  }
}
