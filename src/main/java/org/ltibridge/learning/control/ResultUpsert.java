package org.ltibridge.learning.control;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.Collectors;
import org.ltibridge.learning.entity.Score;

/**
 * The one statement that stores a score: the learner's result inserted, or replaced when the stored
 * one is older, and only for a learner enrolled in the line item's course; otherwise no row
 * changes. It applies exactly when {@link ScoreRule#decide} says {@code INSERT} or {@code REPLACE};
 * when it does not, the caller reads the stored row and lets the rule say why.
 *
 * <p>One definition (the columns, the key, the condition to replace, the enrolment guard) rendered
 * for each database: PostgreSQL's {@code INSERT ... ON CONFLICT DO UPDATE}, which cannot race with
 * another first score and can sit in a data-modifying {@code WITH}, and the SQL standard's {@code
 * MERGE} for H2. Both take the same parameters in the same order ({@link #bind}).
 */
final class ResultUpsert {

  /** The databases the statement is rendered for. */
  enum Dialect {
    POSTGRES,
    /** SQL:2003 MERGE with a conditional WHEN MATCHED (H2). */
    MERGE
  }

  /** A column of {@code lti_results} that a score writes; {@code replaced} when it is updated. */
  record Column(String name, String type, boolean replaced) {}

  static final String TABLE = "lti_results";

  /** The columns, in parameter order. */
  static final List<Column> COLUMNS =
      List.of(
          new Column("score_given", "DECIMAL(12,4)", true),
          new Column("score_maximum", "DECIMAL(12,4)", true),
          new Column("activity_progress", "VARCHAR(16)", true),
          new Column("grading_progress", "VARCHAR(16)", true),
          new Column("comment", "VARCHAR(4000)", true),
          new Column("score_timestamp", "TIMESTAMP", true),
          new Column("updated_at", "TIMESTAMP", true),
          new Column("line_item_id", "BIGINT", false),
          new Column("learner_id", "BIGINT", false),
          new Column("created_at", "TIMESTAMP", false));

  /** The unique key of a result. */
  static final List<String> KEY = List.of("line_item_id", "learner_id");

  /** A stored result is replaced only by a score with a later timestamp (AGS §3.4.4). */
  static String replaces(String stored, String incoming) {
    return stored + ".score_timestamp < " + incoming + ".score_timestamp";
  }

  /**
   * The guard, {@link ScoreRule}'s "enrolled": an enrolment in the course that is not withdrawn.
   * Parameters course id, learner id after the columns'.
   */
  static final String ENROLLED =
      "EXISTS (SELECT 1 FROM enrolments WHERE course_id = ? AND learner_id = ?"
          + " AND withdrawn_at IS NULL)";

  /** How many parameters the statement takes. */
  static final int PARAMETERS = COLUMNS.size() + 2;

  private ResultUpsert() {}

  /** The new row, as one row of a SELECT: none when the learner is not enrolled. */
  private static String source() {
    return "SELECT "
        + COLUMNS.stream()
            .map(c -> "CAST(? AS " + c.type() + ") AS " + c.name())
            .collect(Collectors.joining(", "))
        + " WHERE "
        + ENROLLED;
  }

  private static String names() {
    return COLUMNS.stream().map(Column::name).collect(Collectors.joining(", "));
  }

  static String sql(Dialect dialect) {
    return switch (dialect) {
      case POSTGRES ->
          "INSERT INTO "
              + TABLE
              + " ("
              + names()
              + ") "
              + source()
              + " ON CONFLICT ("
              + String.join(", ", KEY)
              + ") DO UPDATE SET "
              + COLUMNS.stream()
                  .filter(Column::replaced)
                  .map(c -> c.name() + " = EXCLUDED." + c.name())
                  .collect(Collectors.joining(", "))
              + " WHERE "
              + replaces(TABLE, "EXCLUDED");
      case MERGE ->
          "MERGE INTO "
              + TABLE
              + " r USING ("
              + source()
              + ") s ON ("
              + KEY.stream().map(k -> "r." + k + " = s." + k).collect(Collectors.joining(" AND "))
              + ") WHEN MATCHED AND "
              + replaces("r", "s")
              + " THEN UPDATE SET "
              + COLUMNS.stream()
                  .filter(Column::replaced)
                  .map(c -> c.name() + " = s." + c.name())
                  .collect(Collectors.joining(", "))
              + " WHEN NOT MATCHED THEN INSERT ("
              + names()
              + ") VALUES ("
              + COLUMNS.stream().map(c -> "s." + c.name()).collect(Collectors.joining(", "))
              + ")";
    };
  }

  /**
   * Binds the {@link #PARAMETERS} parameters from {@code first} on; returns the index after them.
   */
  static int bind(
      PreparedStatement s,
      int first,
      long lineItemId,
      long learnerId,
      long courseId,
      Score score,
      LocalDateTime now)
      throws SQLException {
    int i = first;
    s.setBigDecimal(i++, score.scoreGiven());
    s.setBigDecimal(i++, score.scoreMaximum());
    s.setString(i++, score.activityProgress());
    s.setString(i++, score.gradingProgress());
    if (score.comment() == null) {
      s.setNull(i++, Types.VARCHAR);
    } else {
      s.setString(i++, score.comment());
    }
    s.setTimestamp(i++, Timestamp.valueOf(score.timestamp()));
    s.setTimestamp(i++, Timestamp.valueOf(now));
    s.setLong(i++, lineItemId);
    s.setLong(i++, learnerId);
    s.setTimestamp(i++, Timestamp.valueOf(now));
    s.setLong(i++, courseId);
    s.setLong(i++, learnerId);
    return i;
  }
}
