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
 */
public record SingleUse(String statement, String guarded, List<Object> values) {

  private static final String IF_STILL_SO = "EXISTS (SELECT 1 FROM still)";

  /** The first insertion of this row uses the value up. */
  public static SingleUse insert(String table, List<String> columns, List<Object> values) {
    String into = "INSERT INTO " + table + " (" + String.join(", ", columns) + ")";
    String params = columns.stream().map(c -> "?").collect(Collectors.joining(", "));
    return new SingleUse(
        into + " VALUES (" + params + ")",
        into
            + " SELECT "
            + params
            + " WHERE "
            + IF_STILL_SO
            + " ON CONFLICT DO NOTHING RETURNING 1",
        values);
  }
}
