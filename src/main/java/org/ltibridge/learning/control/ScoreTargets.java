package org.ltibridge.learning.control;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import org.ltibridge.system.control.AtCommit;

/**
 * What a score needs to know before it is written, kept in memory because tools post scores in
 * bursts: of its line item the tool, course, grade sync and passing mark (re-read after {@link
 * #LINE_ITEM_TTL}: a line item changed or deleted by another instance is seen after that), and the
 * learner's row id for an AGS userId (a mapping that never changes once the learner exists).
 */
@ApplicationScoped
public class ScoreTargets {

  static final Duration LINE_ITEM_TTL = Duration.ofSeconds(30);
  static final Duration LEARNER_TTL = Duration.ofHours(1);
  static final int MAX_ENTRIES = 100_000;

  private static final String LINE_ITEM =
      "SELECT li.tool_id, cc.course_id, cc.auto_sync_grades, c.passing_marks"
          + " FROM lti_line_items li"
          + " JOIN lti_course_configs cc ON cc.id = li.course_config_id"
          + " JOIN courses c ON c.id = cc.course_id WHERE li.id = ?";
  private static final String LEARNER = "SELECT id FROM learners WHERE public_id = ?";

  @Resource(lookup = "java:comp/TransactionSynchronizationRegistry")
  TransactionSynchronizationRegistry transactions;

  /** What a score needs to know about its line item. */
  public record Target(long toolId, long courseId, boolean sync, BigDecimal passing) {}

  private final Cache<Long, Target> lineItems =
      Caffeine.newBuilder().maximumSize(MAX_ENTRIES).expireAfterWrite(LINE_ITEM_TTL).build();

  private final Cache<String, Long> learnerIds =
      Caffeine.newBuilder().maximumSize(MAX_ENTRIES).expireAfterAccess(LEARNER_TTL).build();

  /** The line item's target if known, without a query. */
  Target cachedTarget(long lineItemId) {
    return lineItems.getIfPresent(lineItemId);
  }

  /** The learner's row id if known, without a query. */
  Long cachedLearnerId(String publicId) {
    return learnerIds.getIfPresent(publicId);
  }

  /** The line item's target, or null when it does not exist. */
  Target target(Connection c, long lineItemId) throws SQLException {
    Target t = lineItems.getIfPresent(lineItemId);
    if (t != null) {
      return t;
    }
    try (PreparedStatement s = c.prepareStatement(LINE_ITEM)) {
      s.setLong(1, lineItemId);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return null;
        }
        t = new Target(r.getLong(1), r.getLong(2), r.getBoolean(3), r.getBigDecimal(4));
      }
    }
    lineItems.put(lineItemId, t);
    return t;
  }

  /** The learner's row id, or null when no learner has this public id. */
  Long learnerId(Connection c, String publicId) throws SQLException {
    Long id = learnerIds.getIfPresent(publicId);
    if (id != null) {
      return id;
    }
    try (PreparedStatement s = c.prepareStatement(LEARNER)) {
      s.setString(1, publicId);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return null;
        }
        id = r.getLong(1);
      }
    }
    learnerIds.put(publicId, id);
    return id;
  }

  /** Forgets a line item (deleted, or a write found it gone). */
  public void forget(long lineItemId) {
    lineItems.invalidate(lineItemId);
  }

  /**
   * Forgets every line item's target now and again when the caller's transaction ends: a course's
   * passing mark or a placement's grade sync has changed. Another instance sees the change after
   * {@link #LINE_ITEM_TTL}.
   */
  public void forgetAllAtCommit() {
    AtCommit.forgetNowAndAtEnd(transactions, lineItems::invalidateAll);
  }
}
