package org.ltibridge.system.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A database is migrated when Liquibase's own table records every change set of the shipped
 * changelog; a missing record (a restored backup, an older database) keeps it not ready.
 */
class SchemaStatusTest {

  @Test
  void pendingAreTheChangeSetsNotRecorded() {
    assertEquals(
        List.of("2::b"),
        SchemaStatus.pending(List.of("1::a", "2::b", "3::c"), Set.of("1::a", "3::c", "0::old")));
    assertEquals(List.of(), SchemaStatus.pending(List.of("1::a"), Set.of("1::a")));
  }

  @Test
  void readFromDatabasechangelog() throws Exception {
    SchemaStatus status = new SchemaStatus();
    try (Connection c = DriverManager.getConnection("jdbc:h2:mem:schema-status", "sa", "");
        Statement s = c.createStatement()) {
      assertThrows(IllegalStateException.class, () -> status.pending(c, 5), "before migration");
      s.execute("CREATE TABLE DATABASECHANGELOG (ID VARCHAR(255), AUTHOR VARCHAR(255))");
      s.execute(
          "INSERT INTO DATABASECHANGELOG VALUES ('001', 'lti-bridge'), ('002', 'lti-bridge')");
      status.migrated(List.of("001::lti-bridge", "002::lti-bridge", "003::lti-bridge"));
      assertEquals(List.of("003::lti-bridge"), status.pending(c, 5));
      s.execute("INSERT INTO DATABASECHANGELOG VALUES ('003', 'lti-bridge')");
      assertEquals(List.of(), status.pending(c, 5));
    }
  }
}
