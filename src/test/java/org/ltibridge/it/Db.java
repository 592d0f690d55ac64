package org.ltibridge.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.ltibridge.testsupport.Rows;

/**
 * Direct JDBC access to the database the server uses, for fixtures (creator accounts, model
 * endpoints) and for asserting that a refused request wrote nothing.
 */
public final class Db {

  public static final Db INSTANCE = new Db();

  private final String url = System.getProperty("it.db.url");
  private final String user = System.getProperty("it.db.user", "");
  private final String password = System.getProperty("it.db.password", "");

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(url, user, password);
  }

  public long count(String sql, Object... params) {
    try (Connection c = connect();
        PreparedStatement s = Rows.prepare(c, sql, params);
        ResultSet r = s.executeQuery()) {
      r.next();
      return r.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  public String string(String sql, Object... params) {
    try (Connection c = connect();
        PreparedStatement s = Rows.prepare(c, sql, params);
        ResultSet r = s.executeQuery()) {
      return r.next() ? r.getString(1) : null;
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  /** Every row, each as its columns' values. */
  public java.util.List<java.util.List<Object>> rows(String sql, Object... params) {
    try (Connection c = connect();
        PreparedStatement s = Rows.prepare(c, sql, params);
        ResultSet r = s.executeQuery()) {
      java.util.List<java.util.List<Object>> rows = new java.util.ArrayList<>();
      int columns = r.getMetaData().getColumnCount();
      while (r.next()) {
        java.util.List<Object> row = new java.util.ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          row.add(r.getObject(i));
        }
        rows.add(row);
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  public int update(String sql, Object... params) {
    try (Connection c = connect();
        PreparedStatement s = Rows.prepare(c, sql, params)) {
      return s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  /** A creator account in the demo organisation. */
  public void creator(String email) {
    update(
        "INSERT INTO creator_users (organization_id, email, display_name, auth_provider, enabled,"
            + " created_at) VALUES ((SELECT id FROM organizations WHERE slug = 'demo'), ?, ?,"
            + " 'password', TRUE, CURRENT_TIMESTAMP)",
        email,
        "Creator " + email);
  }

  /** A fresh organisation whose assistants answer from {@code modelBaseUrl} (may be null). */
  public long organization(String slug, String modelBaseUrl, String encryptedKey) {
    update(
        "INSERT INTO organizations (slug, name, model_base_url, model_api_key_enc, created_at)"
            + " VALUES (?, ?, ?, ?, CURRENT_TIMESTAMP)",
        slug,
        "Org " + slug,
        modelBaseUrl,
        encryptedKey);
    return count("SELECT id FROM organizations WHERE slug = ?", slug);
  }

  public void creatorIn(long organizationId, String email) {
    update(
        "INSERT INTO creator_users (organization_id, email, display_name, auth_provider, enabled,"
            + " created_at) VALUES (?, ?, ?, 'password', TRUE, CURRENT_TIMESTAMP)",
        organizationId,
        email,
        "Creator " + email);
  }

  /** A published assistant; returns its id. */
  public long publishedAssistant(long organizationId, String name, String model, String prompt) {
    update(
        "INSERT INTO assistants (organization_id, name, description, system_prompt, model,"
            + " owner_email, created_at) VALUES (?, ?, 'test assistant', ?, ?, 'x@example.edu',"
            + " CURRENT_TIMESTAMP)",
        organizationId,
        name,
        prompt,
        model);
    long id =
        count(
            "SELECT id FROM assistants WHERE organization_id = ? AND name = ?",
            organizationId,
            name);
    update(
        "INSERT INTO assistant_publications (assistant_id, consumer_name, published_at) VALUES"
            + " (?, ?, CURRENT_TIMESTAMP)",
        id,
        name + "-" + id);
    return id;
  }

  public long demoAssistant(String name) {
    return count(
        "SELECT a.id FROM assistants a JOIN organizations o ON o.id = a.organization_id"
            + " WHERE o.slug = 'demo' AND a.name = ?",
        name);
  }

  /** Rows an activity has in a table with an activity_id column. */
  public long rowsOf(String table, String resourceLinkId) {
    return count(
        "SELECT COUNT(*) FROM "
            + table
            + " t JOIN lti_activities a ON a.id = t.activity_id WHERE a.resource_link_id = ?",
        resourceLinkId);
  }
}
