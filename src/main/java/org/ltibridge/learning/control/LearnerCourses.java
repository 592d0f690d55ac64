package org.ltibridge.learning.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the learner page lists: every course the learner is enrolled in or may enrol in (open
 * courses), with the tool placements that launch it and the learner's marks, progress and result.
 * An enrolment that was withdrawn is listed as such, with nothing to launch; a deactivated
 * placement (or tool) is not offered.
 */
@ApplicationScoped
public class LearnerCourses {

  @PersistenceContext EntityManager em;

  /**
   * One course on the learner page; {@code deploymentId} null when no tool launches it (for this
   * learner).
   */
  public record CourseRow(
      String title,
      String code,
      String toolName,
      String deploymentId,
      String contextId,
      boolean enrolled,
      String status,
      BigDecimal obtainedMarks,
      int progress,
      String evaluation,
      BigDecimal passingMarks,
      boolean withdrawn) {

    /**
     * Where the learner stands, as a word of the page's bundle: {@code withdrawn}, {@code none}
     * (not enrolled yet) or the enrolment's status ({@code enrolled}, {@code in_progress}, {@code
     * completed}).
     */
    public String statusKey() {
      if (withdrawn) {
        return "withdrawn";
      }
      return status == null ? "none" : status.toLowerCase(Locale.ROOT);
    }

    /**
     * The result as a word of the page's bundle: {@code passed}, {@code failed} or {@code none}.
     */
    public String evaluationKey() {
      return evaluation == null ? "none" : evaluation.toLowerCase(Locale.ROOT);
    }
  }

  /** Whether the learner's account is disabled (they see no course, and launch none). */
  public boolean disabled(String email) {
    return em.createQuery("SELECT l.enabled FROM Learner l WHERE l.email = :e", Boolean.class)
        .setParameter("e", email)
        .getResultStream()
        .findFirst()
        .map(enabled -> !enabled)
        .orElse(false);
  }

  public List<CourseRow> of(String email) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT c.title, c.code, t.name, d.deployment_id, cc.context_id, e.id, e.status,"
                    + " e.obtained_marks, e.progress, e.evaluation, c.passing_marks, e.withdrawn_at"
                    + " FROM courses c"
                    + " LEFT JOIN learners l ON l.email = ?"
                    + " LEFT JOIN enrolments e ON e.course_id = c.id AND e.learner_id = l.id"
                    + " LEFT JOIN lti_course_configs cc ON cc.course_id = c.id AND cc.active = TRUE"
                    + " LEFT JOIN lti_tools t ON t.id = cc.tool_id AND t.active = TRUE"
                    + " LEFT JOIN lti_deployments d ON d.id = cc.deployment_ref"
                    + " WHERE e.id IS NOT NULL OR c.self_enrol = TRUE"
                    + " ORDER BY c.title, t.name")
            .setParameter(1, email)
            .setMaxResults(500)
            .getResultList();
    List<CourseRow> out = new ArrayList<>();
    for (Object[] r : rows) {
      boolean withdrawn = r[11] != null;
      boolean launchable = r[2] != null && !withdrawn;
      out.add(
          new CourseRow(
              (String) r[0],
              (String) r[1],
              launchable ? (String) r[2] : null,
              launchable ? (String) r[3] : null,
              launchable ? (String) r[4] : null,
              r[5] != null,
              (String) r[6],
              (BigDecimal) r[7],
              r[8] == null ? 0 : ((Number) r[8]).intValue(),
              (String) r[9],
              (BigDecimal) r[10],
              withdrawn));
    }
    return out;
  }
}
