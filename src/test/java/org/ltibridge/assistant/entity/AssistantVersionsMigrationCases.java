package org.ltibridge.assistant.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDateTime;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.ltibridge.testsupport.Rows;
import org.ltibridge.testsupport.TestSchema;

/**
 * {@code 008-assistant-versions.xml} on a database that already has assistants: each gets its
 * version 1 as it is, and the defaults of the new columns. {@link AssistantVersionsMigrationTest}
 * on H2, {@link AssistantVersionsMigrationOnPostgresIT} on PostgreSQL.
 */
abstract class AssistantVersionsMigrationCases {

  /** An empty database (no schema). */
  abstract DataSource emptyDatabase() throws Exception;

  @Test
  void everyExistingAssistantGetsItsVersionOne() throws Exception {
    DataSource db = emptyDatabase();
    TestSchema.migrateBefore(db, "008-assistant-versions.xml");
    LocalDateTime then = LocalDateTime.of(2026, 10, 1, 8, 30);
    long org = Rows.insert(db, "organizations", "slug", "m", "name", "M", "created_at", then);
    long tutor =
        Rows.insert(
            db,
            "assistants",
            "organization_id",
            org,
            "name",
            "Tutor",
            "description",
            "About",
            "system_prompt",
            "Be kind.",
            "model",
            "gpt-x",
            "owner_email",
            "maker@example.edu",
            "created_at",
            then);
    long loaded =
        Rows.insert(db, "assistants", "organization_id", org, "name", "Loaded", "created_at", then);

    TestSchema.migrate(db);

    List<Object[]> versions =
        Rows.list(
            db,
            "SELECT assistant_id, number, name, description, system_prompt, model, temperature,"
                + " prompt_template, show_system_prompt, changed, created_by FROM assistant_versions"
                + " ORDER BY assistant_id");
    assertEquals(2, versions.size());
    assertEquals(
        List.of(
            tutor,
            1L,
            "Tutor",
            "About",
            "Be kind.",
            "gpt-x",
            "null",
            "null",
            false,
            "created",
            "maker@example.edu"),
        normalised(versions.get(0)));
    assertEquals(
        List.of(
            loaded,
            1L,
            "Loaded",
            "null",
            "null",
            "null",
            "null",
            "null",
            false,
            "created",
            "lti-bridge"),
        normalised(versions.get(1)));
    assertEquals(
        2,
        Rows.number(
            db,
            "SELECT COUNT(*) FROM assistants WHERE current_version = 1"
                + " AND show_system_prompt = FALSE AND temperature IS NULL"));
  }

  private static List<Object> normalised(Object[] row) {
    return java.util.Arrays.stream(row)
        .map(
            v ->
                v == null
                    ? "null"
                    : v instanceof Number n && !(v instanceof java.math.BigDecimal)
                        ? (Object) n.longValue()
                        : v)
        .toList();
  }
}
