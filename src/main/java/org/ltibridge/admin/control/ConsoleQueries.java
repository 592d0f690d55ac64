package org.ltibridge.admin.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ltibridge.activity.entity.ActivityRole;
import org.ltibridge.identity.control.ConsoleCaller;
import org.ltibridge.identity.control.ConsoleCaller.Scope;

/**
 * Read-only lists for the console home, limited to what the signed-in admin may see (see {@link
 * ConsoleCaller}).
 */
@ApplicationScoped
public class ConsoleQueries {

  /** What Activity.name() shows for an activity configured without a name. */
  static final String UNNAMED = "AI assistants";

  private static final String ACTIVITIES =
      "SELECT a.id, a.name, o.name, a.contextTitle, a.ownerEmail, a.chatVisibilityEnabled"
          + " FROM Activity a JOIN a.organization o";
  private static final String ACTIVITIES_ORDER = " ORDER BY a.createdAt DESC";
  private static final String IN_ORGANIZATION = " WHERE o.id = :org";

  // Counted apart and joined in memory: a subquery in SELECT or an ad-hoc entity join is not
  // portable JPA 3.1 (EclipseLink and Hibernate both have one, each their own).
  private static final String STUDENT_COUNTS =
      "SELECT u.activity.id, COUNT(u) FROM ActivityUser u WHERE u.role = :role";
  private static final String STUDENT_COUNTS_IN_ORGANIZATION =
      " AND u.activity.organization.id = :org";
  private static final String STUDENT_COUNTS_GROUP = " GROUP BY u.activity.id";

  @PersistenceContext EntityManager em;
  @Inject ConsoleCaller caller;

  /** One row of the console's activity table. */
  public record ActivityRow(
      Long id,
      String name,
      String organization,
      String contextTitle,
      String ownerEmail,
      boolean transcriptReview,
      long students)
      implements Serializable {}

  public List<ActivityRow> activities() {
    Scope scope = caller.scope();
    if (scope.nothing()) {
      return List.of();
    }
    TypedQuery<Object[]> rows =
        em.createQuery(
            ACTIVITIES + (scope.everything() ? "" : IN_ORGANIZATION) + ACTIVITIES_ORDER,
            Object[].class);
    TypedQuery<Object[]> counts =
        em.createQuery(
                STUDENT_COUNTS
                    + (scope.everything() ? "" : STUDENT_COUNTS_IN_ORGANIZATION)
                    + STUDENT_COUNTS_GROUP,
                Object[].class)
            .setParameter("role", ActivityRole.STUDENT);
    if (!scope.everything()) {
      rows.setParameter("org", scope.organizationId());
      counts.setParameter("org", scope.organizationId());
    }
    Map<Long, Long> students = new HashMap<>();
    for (Object[] c : counts.getResultList()) {
      students.put(((Number) c[0]).longValue(), ((Number) c[1]).longValue());
    }
    return rows.getResultList().stream()
        .map(
            r -> {
              Long id = ((Number) r[0]).longValue();
              String name = (String) r[1];
              return new ActivityRow(
                  id,
                  name == null || name.isBlank() ? UNNAMED : name,
                  (String) r[2],
                  r[3] == null ? "" : (String) r[3],
                  (String) r[4],
                  Boolean.TRUE.equals(r[5]),
                  students.getOrDefault(id, 0L));
            })
        .toList();
  }
}
