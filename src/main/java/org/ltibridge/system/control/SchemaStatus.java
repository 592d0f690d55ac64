package org.ltibridge.system.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whether the database holds every change set of the changelog this deployment shipped with. {@link
 * SchemaMigration} hands over the change sets once it has applied them; the readiness check then
 * compares them with Liquibase's own record of applied change sets ({@code DATABASECHANGELOG}) on
 * every probe, so that a database restored from an older backup, or changed behind the
 * application's back, is reported instead of trusted.
 */
@ApplicationScoped
public class SchemaStatus {

  /** Liquibase's table of applied change sets; the ID and AUTHOR columns identify one. */
  static final String APPLIED = "SELECT ID, AUTHOR FROM DATABASECHANGELOG";

  private volatile List<String> expected;

  /**
   * The change sets of the shipped changelog, as {@code id::author}: called by the migration once
   * they are applied.
   */
  public void migrated(Collection<String> changeSets) {
    expected = List.copyOf(changeSets);
  }

  /** The changelog's change sets, once the migration has run. */
  public Optional<List<String>> expected() {
    return Optional.ofNullable(expected);
  }

  /** Change sets of the changelog that the database does not record as applied, in order. */
  public List<String> pending(Connection c, int timeoutSeconds) throws SQLException {
    List<String> changeSets = expected;
    if (changeSets == null) {
      throw new IllegalStateException("The schema migration has not run");
    }
    Set<String> applied = new HashSet<>();
    try (Statement s = c.createStatement()) {
      s.setQueryTimeout(timeoutSeconds);
      try (ResultSet r = s.executeQuery(APPLIED)) {
        while (r.next()) {
          applied.add(key(r.getString(1), r.getString(2)));
        }
      }
    }
    return pending(changeSets, applied);
  }

  static List<String> pending(List<String> expected, Set<String> applied) {
    List<String> missing = new ArrayList<>();
    for (String changeSet : expected) {
      if (!applied.contains(changeSet)) {
        missing.add(changeSet);
      }
    }
    return missing;
  }

  /** How a change set is named here and in the readiness check's data. */
  public static String key(String id, String author) {
    return id + "::" + author;
  }
}
