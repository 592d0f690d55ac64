package org.ltibridge.system.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;
import javax.management.MBeanInfo;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeDataSupport;
import javax.management.openmbean.CompositeType;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.SimpleType;
import org.junit.jupiter.api.Test;
import org.ltibridge.system.control.PoolStatistics.Figure;

/**
 * The pool's figures as each server publishes them, read from an MBean server that holds beans of
 * the same names and attribute types; what a server does not give is NaN, never an exception.
 */
class PoolStatisticsTest {

  /** An MBean with fixed attribute values; an attribute it lacks fails as a real one would. */
  record Bean(Map<String, Object> values) implements DynamicMBean {
    @Override
    public Object getAttribute(String name) throws AttributeNotFoundException {
      if (!values.containsKey(name)) {
        throw new AttributeNotFoundException(name);
      }
      return values.get(name);
    }

    @Override
    public void setAttribute(Attribute attribute) {}

    @Override
    public AttributeList getAttributes(String[] names) {
      return new AttributeList();
    }

    @Override
    public AttributeList setAttributes(AttributeList attributes) {
      return attributes;
    }

    @Override
    public Object invoke(String action, Object[] params, String[] signature) {
      return null;
    }

    @Override
    public MBeanInfo getMBeanInfo() {
      return new MBeanInfo(Bean.class.getName(), "test", null, null, null, null);
    }
  }

  static CompositeDataSupport statistic(String kind, Map<String, Long> items) throws Exception {
    String[] names = items.keySet().toArray(String[]::new);
    OpenType<?>[] types = new OpenType<?>[names.length];
    java.util.Arrays.fill(types, SimpleType.LONG);
    return new CompositeDataSupport(
        new CompositeType(kind, kind, names, names, types), names, items.values().toArray());
  }

  @Test
  void wildFlysStatisticsAreReadAndItsMissingFigureIsNaN() throws Exception {
    MBeanServer server = MBeanServerFactory.newMBeanServer();
    server.registerMBean(
        new Bean(Map.of("InUseCount", 3, "IdleCount", 5, "MaxWaitTime", 250L)),
        PoolStatistics.WILDFLY_MARK);
    server.registerMBean(
        new Bean(Map.of("maxPoolSize", 40)),
        new ObjectName("jboss.as:subsystem=datasources,data-source=LtiBridge"));
    PoolStatistics pool = new PoolStatistics(server);
    assertEquals(3, pool.read(Figure.ACTIVE));
    assertEquals(5, pool.read(Figure.IDLE));
    assertEquals(40, pool.read(Figure.MAX));
    assertEquals(0.25, pool.read(Figure.WAIT_MAX_SECONDS), 1e-9);
    assertTrue(Double.isNaN(pool.read(Figure.WAITING)), "WildFly does not count waiting requests");
  }

  @Test
  void payarasStatisticsAreOpenTypesAndItsConfigurationIsText() throws Exception {
    assertEquals(
        7,
        PoolStatistics.value(
            statistic("RangeStatistic", Map.of("current", 7L, "highWaterMark", 9L)), "current"));
    assertEquals(
        2, PoolStatistics.value(statistic("CountStatistic", Map.of("count", 2L)), "count"));
    assertEquals(40, PoolStatistics.value("40", null));
    assertTrue(Double.isNaN(PoolStatistics.value(statistic("X", Map.of("a", 1L)), "count")));
    assertTrue(Double.isNaN(PoolStatistics.value(12, "count")), "not a statistic");
    assertTrue(Double.isNaN(PoolStatistics.value("forty", null)));
    assertTrue(Double.isNaN(PoolStatistics.value(null, null)));
  }

  @Test
  void payaraWithoutItsMonitoringAgentGivesNoFigures() throws Exception {
    // Without the agent Payara's statistics stay 0, so none is read (and AMX is not started).
    MBeanServer server = MBeanServerFactory.newMBeanServer();
    server.registerMBean(new Bean(Map.of()), PoolStatistics.PAYARA_MARK);
    server.registerMBean(
        new Bean(Map.of("numconnused", statistic("RangeStatistic", Map.of("current", 0L)))),
        PoolStatistics.PAYARA_MONITOR);
    PoolStatistics pool = new PoolStatistics(server);
    for (Figure f : Figure.values()) {
      assertTrue(Double.isNaN(pool.read(f)), f.name());
    }
  }

  @Test
  void aFailingOrMissingBeanGivesNaN() throws Exception {
    MBeanServer server = MBeanServerFactory.newMBeanServer();
    server.registerMBean(new Bean(Map.of("IdleCount", "x")), PoolStatistics.WILDFLY_MARK);
    PoolStatistics pool = new PoolStatistics(server);
    assertTrue(Double.isNaN(pool.read(Figure.ACTIVE)), "attribute missing");
    assertTrue(Double.isNaN(pool.read(Figure.IDLE)), "not a number");
    assertTrue(Double.isNaN(pool.read(Figure.MAX)), "bean missing");
    assertTrue(
        Double.isNaN(new PoolStatistics(MBeanServerFactory.newMBeanServer()).read(Figure.MAX)));
  }

  @Test
  void theGaugesKeepReadingAfterAGarbageCollection() throws Exception {
    // Micrometer holds a gauge's object weakly unless told otherwise: the figures must not turn
    // NaN once nothing else refers to the PoolStatistics.
    MBeanServer server = MBeanServerFactory.newMBeanServer();
    server.registerMBean(new Bean(Map.of("InUseCount", 3)), PoolStatistics.WILDFLY_MARK);
    io.micrometer.core.instrument.MeterRegistry registry =
        new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
    Metrics.pool(registry, new PoolStatistics(server));
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    assertEquals(
        3, registry.get("ltibridge.db.pool.connections").tag("state", "active").gauge().value());
  }

  @Test
  void theScrapeHasThePoolGaugesEvenWhereNoServerGivesThem() {
    String scrape = Metrics.scrape();
    for (String series :
        new String[] {
          "ltibridge_db_pool_connections{state=\"active\"}",
          "ltibridge_db_pool_connections{state=\"idle\"}",
          "ltibridge_db_pool_max",
          "ltibridge_db_pool_waiting",
          "ltibridge_db_pool_wait_max_seconds",
        }) {
      assertTrue(scrape.contains("\n" + series + " "), series + " in\n" + scrape);
    }
  }
}
