package org.ltibridge.lti13.platform.control;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ltibridge.lti13.platform.entity.Tool;
import org.ltibridge.lti13.platform.entity.ToolError;
import org.ltibridge.system.control.Housework;

/**
 * The errors answered to known tools by the token endpoint, AGS and NRPS, kept so that an admin can
 * answer "why has my grade not arrived?": the newest {@link #KEPT} per tool, older ones deleted by
 * the minutely housekeeping ({@link Housework}). What is kept is what the tool was told (status,
 * RFC 6749 §5.2 / RFC 6750 §3.1 error code and description), never a token or an assertion.
 */
@ApplicationScoped
public class ToolErrors implements Housework {

  private static final Logger LOG = Logger.getLogger(ToolErrors.class.getName());

  /** How many errors are kept per tool. */
  public static final int KEPT = 50;

  /**
   * The same error answered to the same tool is kept once a second per instance: a burst (a tool
   * posting a class's scores with a revoked token, or anybody sending assertions in a tool's name)
   * writes a row a second, not a row a request.
   */
  private final Cache<String, Boolean> recent =
      Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(Duration.ofSeconds(1)).build();

  @PersistenceContext EntityManager em;
  @Inject Clock clock;

  /**
   * Records one error answered to the tool, in a transaction of its own (the request's, if any, has
   * been rolled back by the refusal). A failure to record is logged, never answered.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void record(long toolId, String endpoint, int status, String error, String message) {
    String key = toolId + " " + endpoint + " " + status + " " + error + " " + message;
    if (recent.asMap().putIfAbsent(key, Boolean.TRUE) != null) {
      return;
    }
    try {
      if (em.find(Tool.class, toolId) == null) {
        return; // removed meanwhile
      }
      em.persist(new ToolError(toolId, LocalDateTime.now(clock), endpoint, status, error, message));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not record an error answered to tool " + toolId, e);
    }
  }

  /** The newest errors of a tool, newest first. */
  public List<ToolError> of(long toolId, int limit) {
    return em.createNamedQuery(ToolError.OF_TOOL, ToolError.class)
        .setParameter("tool", toolId)
        .setMaxResults(limit)
        .getResultList();
  }

  /** Keeps the newest {@link #KEPT} errors of each tool. */
  @Override
  @Transactional
  public int everyMinute(LocalDateTime now) {
    List<Long> crowded =
        em.createQuery(
                "SELECT e.toolId FROM ToolError e GROUP BY e.toolId HAVING COUNT(e) > :kept",
                Long.class)
            .setParameter("kept", (long) KEPT)
            .getResultList();
    int deleted = 0;
    for (Long tool : crowded) {
      Long oldestKept =
          em.createQuery(
                  "SELECT e.id FROM ToolError e WHERE e.toolId = :t ORDER BY e.id DESC", Long.class)
              .setParameter("t", tool)
              .setFirstResult(KEPT - 1)
              .setMaxResults(1)
              .getResultStream()
              .findFirst()
              .orElse(null);
      if (oldestKept != null) {
        deleted +=
            em.createQuery("DELETE FROM ToolError e WHERE e.toolId = :t AND e.id < :id")
                .setParameter("t", tool)
                .setParameter("id", oldestKept)
                .executeUpdate();
      }
    }
    return deleted;
  }

  @Override
  public String what() {
    return "errors answered to platform tools";
  }
}
