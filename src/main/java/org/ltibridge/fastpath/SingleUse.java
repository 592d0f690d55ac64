package org.ltibridge.fastpath;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The write that uses up a launch's single-use value: the insertion of a row that a primary key or
 * unique constraint refuses the second time (an OAuth nonce, a used OIDC login).
 *
 * @param statement the insertion on its own
 * @param guarded the same as a data-modifying WITH query that inserts only if the query {@code
 *     still} has a row: one row returned when used up now, none when used before or not written
 * @param values the insertion's parameters, the same for both forms
 * @param unused a condition true while the value is not used up (its key is not in the table), for
 *     a statement that must write nothing else when it is; its parameters are {@link #keyValues}
 * @param keyValues the values of the key columns
 */
public record SingleUse(
    String statement, String guarded, List<Object> values, String unused, List<Object> keyValues) {

  private static final String IF_STILL_SO = "EXISTS (SELECT 1 FROM still)";

  /**
   * The first insertion of this row uses the value up; the first {@code keyColumns} columns are the
   * key that refuses it the second time.
   */
  public static SingleUse insert(
      String table, List<String> columns, List<Object> values, int keyColumns) {
    String into = "INSERT INTO " + table + " (" + String.join(", ", columns) + ")";
    String params = columns.stream().map(c -> "?").collect(Collectors.joining(", "));
    List<String> key = columns.subList(0, keyColumns);
    return new SingleUse(
        into + " VALUES (" + params + ")",
        into
            + " SELECT "
            + params
            + " WHERE "
            + IF_STILL_SO
            + " ON CONFLICT DO NOTHING RETURNING 1",
        values,
        "NOT EXISTS (SELECT 1 FROM "
            + table
            + " WHERE "
            + key.stream().map(c -> c + " = ?").collect(Collectors.joining(" AND "))
            + ")",
        values.subList(0, keyColumns));
  }
}
