package org.ltibridge.org.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.ltibridge.testsupport.TestSchema;

/**
 * Change 019 on the embedded default, H2: an organisation that existed before it has no cap of its
 * own (the deployment's default applies), and one can be set.
 */
class ModelConcurrencyChangeTest {

  @Test
  void existingOrganisationsKeepTheDefaultAndMayBeCapped() throws Exception {
    DataSource db = TestSchema.h2("model-concurrency");
    try (Connection c = db.getConnection();
        Statement s = c.createStatement()) {
      s.executeUpdate(
          "INSERT INTO organizations (slug, name, created_at) VALUES ('cap', 'Cap',"
              + " CURRENT_TIMESTAMP)");
      try (ResultSet r =
          s.executeQuery("SELECT model_max_concurrent FROM organizations WHERE slug = 'cap'")) {
        assertTrue(r.next());
        assertEquals(0, r.getInt(1));
        assertTrue(r.wasNull(), "no cap of its own");
      }
      s.executeUpdate("UPDATE organizations SET model_max_concurrent = 40 WHERE slug = 'cap'");
      try (ResultSet r =
          s.executeQuery("SELECT model_max_concurrent FROM organizations WHERE slug = 'cap'")) {
        assertTrue(r.next());
        assertEquals(40, r.getInt(1));
      }
    }
  }
}
