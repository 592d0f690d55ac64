package org.ltibridge.chat.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.ltibridge.system.control.Housework;

/**
 * Deletes the transcripts an organisation no longer keeps (GDPR Art. 5(1)(e), storage limitation):
 * a conversation, with its messages, goes {@code organizations.transcript_retention_days} days
 * after its last message ({@link #expired}); an organisation without a period keeps them until
 * erased.
 *
 * <p>Bounded and safe on many instances: at most {@link #BATCH} conversations a minute, each
 * deleted by a statement of its own that checks again that it has expired (a message stored since
 * the selection keeps it), in ascending id order on every instance, so that two instances running
 * it at once delete each conversation once and never wait on each other crosswise. Its messages go
 * by the foreign key's ON DELETE CASCADE, and on PostgreSQL the dashboard's kept figures are taken
 * down by the triggers of {@code 018-dashboard-figures.xml}.
 */
@ApplicationScoped
public class TranscriptRetention implements Housework {

  /** The longest period an organisation may set: ten years. */
  public static final int MAX_DAYS = 3650;

  /** Conversations deleted at most per run. */
  static final int BATCH = 500;

  static final String RETAINING =
      "SELECT id, transcript_retention_days FROM organizations"
          + " WHERE transcript_retention_days IS NOT NULL ORDER BY id";

  /**
   * {@link #expired} in SQL for one organisation. Parameters: organisation, {@link #cutoff}. {@code
   * TranscriptRetentionTest} holds it against {@link #expired}.
   */
  static final String EXPIRED =
      "SELECT c.id FROM conversations c JOIN lti_activities a ON a.id = c.activity_id"
          + " WHERE a.organization_id = ? AND c.updated_at < ? ORDER BY c.id";

  /** Parameters: conversation, {@link #cutoff}. */
  static final String DELETE = "DELETE FROM conversations WHERE id = ? AND updated_at < ?";

  @Resource(lookup = "java:comp/env/jdbc/app")
  DataSource dataSource;

  public TranscriptRetention() {}

  /** Outside CDI (tests). */
  public TranscriptRetention(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The rule: a conversation whose last message is older than {@code days} days has expired. */
  public static boolean expired(LocalDateTime lastMessage, int days, LocalDateTime now) {
    return lastMessage.isBefore(cutoff(now, days));
  }

  /** Conversations whose last message is before this moment have expired. */
  static LocalDateTime cutoff(LocalDateTime now, int days) {
    return now.minusDays(days);
  }

  @Override
  public int everyMinute(LocalDateTime now) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(true);
      int deleted = 0;
      for (Map.Entry<Long, Integer> org : retaining(c).entrySet()) {
        LocalDateTime cutoff = cutoff(now, org.getValue());
        for (long id : expired(c, org.getKey(), cutoff, BATCH - deleted)) {
          try (PreparedStatement s = c.prepareStatement(DELETE)) {
            s.setLong(1, id);
            s.setObject(2, cutoff);
            deleted += s.executeUpdate();
          }
        }
        if (deleted >= BATCH) {
          break;
        }
      }
      return deleted;
    } catch (SQLException e) {
      throw new IllegalStateException("Transcript retention failed", e);
    }
  }

  /** Organisations with a period, and their period in days. */
  private static Map<Long, Integer> retaining(Connection c) throws SQLException {
    Map<Long, Integer> out = new LinkedHashMap<>();
    try (PreparedStatement s = c.prepareStatement(RETAINING);
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        out.put(r.getLong(1), r.getInt(2));
      }
    }
    return out;
  }

  /** At most {@code limit} expired conversations of an organisation, oldest id first. */
  static List<Long> expired(Connection c, long organization, LocalDateTime cutoff, int limit)
      throws SQLException {
    List<Long> ids = new ArrayList<>();
    if (limit <= 0) {
      return ids;
    }
    try (PreparedStatement s = c.prepareStatement(EXPIRED)) {
      s.setLong(1, organization);
      s.setObject(2, cutoff);
      s.setMaxRows(limit);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          ids.add(r.getLong(1));
        }
      }
    }
    return ids;
  }

  @Override
  public String what() {
    return "expired transcripts";
  }
}
