package org.ltibridge.system.control;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;

/**
 * The application DataSource's connection pool as the server reports it: the one place that knows
 * where Payara and WildFly keep those figures. No portable API gives them (a Jakarta {@code
 * DataSource} says nothing about its pool), but both servers publish them as MBeans in the platform
 * MBean server, which the application reads in-process: no JMX connector, port or listener is
 * involved.
 *
 * <ul>
 *   <li><b>WildFly</b>: the data source's runtime resource {@code statistics=pool}, with {@code
 *       statistics-enabled=true} (set by {@code server-config/wildfly/deploy.sh}), seen through the
 *       JMX facade of the management model as {@code
 *       jboss.as:subsystem=datasources,data-source=LtiBridge,statistics=pool} (WildFly Admin Guide,
 *       "JMX" subsystem, and the datasource statistics reference of JBoss EAP: {@code InUseCount},
 *       {@code IdleCount}, {@code MaxWaitTime} in ms). The pool's size is the data source's {@code
 *       maxPoolSize}. WildFly counts only how many requests ever waited, not how many wait now:
 *       "waiting" has no value there.
 *   <li><b>Payara</b>: the monitoring statistics of the connection pool {@code LtiBridgePool}
 *       ("JDBC Connection Pool Statistics" in the Payara/GlassFish monitoring documentation: {@code
 *       numconnused}, {@code numconnfree}, {@code waitqueuelength}, {@code connrequestwaittime} in
 *       ms), with the module monitoring level {@code jdbc-connection-pool=HIGH} (set by {@code
 *       server-config/pre-boot-commands.asadmin}). Payara keeps them up to date only when its
 *       monitoring probes can instrument the pool, which on Payara Micro needs the flashlight agent
 *       on the command line ({@code -javaagent:flashlight-agent.jar}, from the Payara Micro jar;
 *       see docs/operations.md); without it every figure stays 0, so the figures are not read at
 *       all. They are published by AMX, Payara's MBean tree, which starts on demand: the first read
 *       starts it through {@code amx-support:type=boot-amx}. The pool's size comes from AMX's
 *       configuration bean of the pool ({@code MaxPoolSize}).
 * </ul>
 *
 * A figure the server does not give, or cannot give yet (the pool is created on first use), is
 * {@code NaN}: reading never throws.
 */
public final class PoolStatistics {

  /** What {@code /metrics} shows of the pool. */
  public enum Figure {
    /** Connections handed out to the application (LTI Bridge's kept connections included). */
    ACTIVE,
    /** Connections open in the pool, not handed out. */
    IDLE,
    /** The most connections the pool opens. */
    MAX,
    /** Requests waiting for a connection now. */
    WAITING,
    /** The longest time a request waited for a connection, in seconds, since the server start. */
    WAIT_MAX_SECONDS
  }

  /** Where one figure is read: an MBean attribute, an item of it if composite, and a scale. */
  record Source(ObjectName bean, String attribute, String item, double scale) {}

  private static final Logger LOG = Logger.getLogger(PoolStatistics.class.getName());

  static final String PAYARA_POOL = "LtiBridgePool";
  static final String WILDFLY_DATA_SOURCE = "LtiBridge";

  static final ObjectName WILDFLY_MARK =
      name(
          "jboss.as:subsystem=datasources,data-source=" + WILDFLY_DATA_SOURCE + ",statistics=pool");

  static final Map<Figure, Source> WILDFLY =
      Map.of(
          Figure.ACTIVE, new Source(WILDFLY_MARK, "InUseCount", null, 1),
          Figure.IDLE, new Source(WILDFLY_MARK, "IdleCount", null, 1),
          Figure.MAX,
              new Source(
                  name("jboss.as:subsystem=datasources,data-source=" + WILDFLY_DATA_SOURCE),
                  "maxPoolSize",
                  null,
                  1),
          Figure.WAIT_MAX_SECONDS, new Source(WILDFLY_MARK, "MaxWaitTime", null, 0.001));

  static final ObjectName PAYARA_MARK = name("amx-support:type=boot-amx");
  static final ObjectName PAYARA_MONITOR =
      name(
          "amx:pp=/mon/server-mon[server],type=jdbc-connection-pool-mon,name=resources/"
              + PAYARA_POOL);

  static final Map<Figure, Source> PAYARA =
      Map.of(
          Figure.ACTIVE, new Source(PAYARA_MONITOR, "numconnused", "current", 1),
          Figure.IDLE, new Source(PAYARA_MONITOR, "numconnfree", "current", 1),
          Figure.MAX,
              new Source(
                  name("amx:pp=/domain/resources,type=jdbc-connection-pool,name=" + PAYARA_POOL),
                  "MaxPoolSize",
                  null,
                  1),
          Figure.WAITING, new Source(PAYARA_MONITOR, "waitqueuelength", "count", 1),
          Figure.WAIT_MAX_SECONDS,
              new Source(PAYARA_MONITOR, "connrequestwaittime", "highWaterMark", 0.001));

  /** How long the first read waits for AMX's beans after starting it. */
  static final long AMX_WAIT_NANOS = 10_000_000_000L;

  /** Payara's monitoring agent, present only when started with {@code -javaagent}. */
  static final String PAYARA_AGENT = "org.glassfish.flashlight.agent.ProbeAgentMain";

  static final String NO_PAYARA_AGENT =
      "Payara counts the connection pool's figures only with its monitoring agent"
          + " (-javaagent:flashlight-agent.jar, see docs/operations.md): /metrics shows them as NaN";

  private final MBeanServer server;
  private volatile Map<Figure, Source> sources;
  private volatile boolean failed;

  PoolStatistics(MBeanServer server) {
    this.server = server;
  }

  /** The figures of the platform MBean server, i.e. of the server this runs in. */
  public static PoolStatistics platform() {
    return new PoolStatistics(ManagementFactory.getPlatformMBeanServer());
  }

  /** One figure now, or {@code NaN} when the server does not give it. */
  public double read(Figure figure) {
    try {
      Source source = sources().get(figure);
      if (source == null || !server.isRegistered(source.bean())) {
        return Double.NaN;
      }
      return value(server.getAttribute(source.bean(), source.attribute()), source.item())
          * source.scale();
    } catch (Exception | LinkageError e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      // Once at INFO, for the operator wondering why a gauge is NaN; then quietly.
      LOG.log(
          failed ? Level.FINE : Level.INFO,
          "The server's connection pool figures cannot be read: /metrics shows them as NaN",
          e);
      failed = true;
      return Double.NaN;
    }
  }

  private Map<Figure, Source> sources() throws Exception {
    Map<Figure, Source> known = sources;
    if (known == null) {
      known = detect();
      sources = known;
    }
    return known;
  }

  private Map<Figure, Source> detect() throws Exception {
    if (server.isRegistered(WILDFLY_MARK)) {
      return WILDFLY;
    }
    if (server.isRegistered(PAYARA_MARK)) {
      if (!payaraAgentPresent()) {
        LOG.info(NO_PAYARA_AGENT);
        return Map.of();
      }
      // Starts AMX once per server (a second call returns the running one). AMX registers the
      // configuration and monitoring beans from threads of its own, after bootAMX returns: the
      // first scrape waits for them a little, later ones find them.
      server.invoke(PAYARA_MARK, "bootAMX", null, null);
      long deadline = System.nanoTime() + AMX_WAIT_NANOS;
      while (!(server.isRegistered(PAYARA.get(Figure.MAX).bean())
              && server.isRegistered(PAYARA_MONITOR))
          && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      return PAYARA;
    }
    return Map.of();
  }

  private static boolean payaraAgentPresent() {
    try {
      Class.forName(PAYARA_AGENT, false, ClassLoader.getSystemClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  /**
   * The number in an attribute's value: a number, a number in text (AMX gives configuration as
   * text), or the {@code item} of an open-type statistic (Payara's {@code CountStatistic} has
   * {@code count}, its {@code RangeStatistic} {@code current}, {@code highWaterMark}, …). {@code
   * NaN} for anything else.
   */
  static double value(Object attribute, String item) {
    Object v = attribute;
    if (item != null) {
      if (!(v instanceof CompositeData data) || !data.containsKey(item)) {
        return Double.NaN;
      }
      v = data.get(item);
    }
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    if (v instanceof String s) {
      try {
        return Double.parseDouble(s.trim());
      } catch (NumberFormatException e) {
        return Double.NaN;
      }
    }
    return Double.NaN;
  }

  private static ObjectName name(String name) {
    try {
      return new ObjectName(name);
    } catch (MalformedObjectNameException e) {
      throw new IllegalArgumentException(name, e);
    }
  }
}
