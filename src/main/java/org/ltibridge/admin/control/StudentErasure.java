package org.ltibridge.admin.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import org.ltibridge.access.control.Actor;
import org.ltibridge.access.control.Permissions.Action;
import org.ltibridge.activity.control.ReturningStudents;
import org.ltibridge.activity.entity.Activity;
import org.ltibridge.org.entity.Organization;
import org.ltibridge.system.control.AuditLog;
import org.ltibridge.system.control.Problem;

/**
 * Erases a student's data on their request (GDPR Art. 17, "right to erasure"), as the university
 * receives it: the student is named by the LMS's id of them (LTI 1.1 {@code user_id}, LTI 1.3
 * {@code sub}), their LMS username, or the pseudonym the dashboard shows in one activity;
 * optionally narrowed to one LMS (the platform key: an LTI 1.1 consumer key or an LTI 1.3 issuer).
 * Every identity of theirs that matches, in one activity or all the organisation's, goes with
 * everything kept under it: conversations, messages, page tokens, consent or its refusal, and
 * (PostgreSQL) the dashboard's kept figures, which the triggers of {@code
 * 018-dashboard-figures.xml} take down as the conversations go and which go with the identity. The
 * audit log records who erased how much where, never whom.
 *
 * <p>The LMS email is not matched: LTI Bridge does not keep it (a student is kept under the
 * synthetic address of LAMB lti_landscape.md §6). The platform role's learner accounts are the
 * LMS's own records (with grades) and are managed on the platform console.
 */
@ApplicationScoped
public class StudentErasure {

  static final Problem.Text ERROR_SCOPE = Problem.text("admin.StudentErasure.scope");
  static final Problem.Text ERROR_WHO = Problem.text("admin.StudentErasure.who");
  static final Problem.Text ERROR_PSEUDONYM_NEEDS_ACTIVITY =
      Problem.text("admin.StudentErasure.pseudonymNeedsActivity");
  static final Problem.Text ERROR_TOO_LONG = Problem.text("admin.StudentErasure.tooLong");
  static final Problem.Text ERROR_NO_ACTIVITY = ActivityAdmin.ERROR_NO_ACTIVITY;
  static final Problem.Text ERROR_NO_STUDENT = Problem.text("admin.StudentErasure.noStudent");

  @PersistenceContext EntityManager em;
  @Inject OrganizationAdmin organizations;
  @Inject ReturningStudents returning;
  @Inject AuditLog audit;

  /**
   * Whom to erase, and where.
   *
   * @param activityId the one activity, or null with {@code allActivities}
   * @param allActivities every activity of the organisation
   * @param lmsUserId the LMS's id of the student, or null
   * @param username their LMS username, or null
   * @param platform the LMS (platform key), or null for any of the organisation's
   * @param pseudonym their pseudonym in {@code activityId}, or null
   */
  public record Request(
      Long activityId,
      boolean allActivities,
      String lmsUserId,
      String username,
      String platform,
      String pseudonym) {

    public Request {
      lmsUserId = clean(lmsUserId);
      username = clean(username);
      platform = clean(platform);
      pseudonym = clean(pseudonym);
    }

    /** Refuses a request that does not say whom or where, with a message a person understands. */
    private void check() {
      if ((activityId == null) == !allActivities) {
        throw Problem.badRequest(ERROR_SCOPE);
      }
      if (lmsUserId == null && username == null && pseudonym == null) {
        throw Problem.badRequest(ERROR_WHO);
      }
      if (pseudonym != null && activityId == null) {
        throw Problem.badRequest(ERROR_PSEUDONYM_NEEDS_ACTIVITY);
      }
      for (String s : new String[] {lmsUserId, username, platform, pseudonym}) {
        if (s != null && s.length() > 255) {
          throw Problem.badRequest(ERROR_TOO_LONG);
        }
      }
    }

    private static String clean(String s) {
      return s == null || s.isBlank() ? null : s.strip();
    }
  }

  /**
   * Refuses with 400 a request that does not say whom or where (the console's confirmation step
   * asks this before it asks the admin to confirm).
   */
  public void check(Request request) {
    request.check();
  }

  /** What went: how many activities held the student, and how many rows of each kind. */
  public record Erased(
      int activities, int identities, int conversations, int messages, int pageTokens) {

    String describe() {
      return activities
          + " activit"
          + (activities == 1 ? "y" : "ies")
          + ": "
          + identities
          + " identit"
          + (identities == 1 ? "y" : "ies")
          + ", "
          + conversations
          + " conversations, "
          + messages
          + " messages, "
          + pageTokens
          + " page tokens";
    }
  }

  /**
   * Erases every identity matching {@code request} in the organisation {@code slug}, in one
   * transaction: all or nothing. 400 for a request that does not say whom or where, 404 for an
   * unknown activity or no match (nothing erased), refusals as {@code Permissions} answers them.
   */
  @Transactional
  public Erased erase(Actor actor, String slug, Request request) {
    Organization org = organizations.visible(actor, Action.ERASE_STUDENT_DATA, slug);
    request.check();
    if (request.activityId() != null) {
      Activity activity = em.find(Activity.class, request.activityId());
      if (activity == null || !activity.organization().id().equals(org.id())) {
        throw Problem.notFound(ERROR_NO_ACTIVITY);
      }
    }
    List<Object[]> matches = matching(org.id(), request);
    String where = request.allActivities() ? "all activities" : "activity " + request.activityId();
    if (matches.isEmpty()) {
      throw Problem.notFound(ERROR_NO_STUDENT.with(where));
    }
    List<Long> ids = matches.stream().map(m -> (Long) m[0]).toList();
    int activities = (int) matches.stream().map(m -> m[1]).distinct().count();
    int messages =
        em.createQuery(
                "DELETE FROM ChatMessage m WHERE m.conversation.id IN (SELECT c.id FROM"
                    + " Conversation c WHERE c.user.id IN :ids)")
            .setParameter("ids", ids)
            .executeUpdate();
    int conversations =
        em.createQuery("DELETE FROM Conversation c WHERE c.user.id IN :ids")
            .setParameter("ids", ids)
            .executeUpdate();
    int tokens =
        em.createQuery("DELETE FROM PageToken t WHERE t.activityUserId IN :ids")
            .setParameter("ids", ids)
            .executeUpdate();
    // The dashboard's kept figures (PostgreSQL's chat_figures) go with the identity: ON DELETE
    // CASCADE (018-dashboard-figures.xml).
    int identities =
        em.createQuery("DELETE FROM ActivityUser u WHERE u.id IN :ids")
            .setParameter("ids", ids)
            .executeUpdate();
    em.clear();
    returning.forgetStudentsAtCommit(ids);
    Erased erased = new Erased(activities, identities, conversations, messages, tokens);
    audit.record(actor.name(), org.id(), "student.erase", where, erased.describe());
    return erased;
  }

  /** The matching identities as (activity user id, activity id). */
  private List<Object[]> matching(Long organizationId, Request r) {
    StringBuilder jpql =
        new StringBuilder(
            "SELECT u.id, a.id FROM ActivityUser u JOIN u.activity a WHERE a.organization.id ="
                + " :org");
    List<String> names = new ArrayList<>();
    List<Object> values = new ArrayList<>();
    condition(jpql, names, values, "a.id", "activity", r.activityId());
    condition(jpql, names, values, "u.lmsUserId", "lmsUserId", r.lmsUserId());
    condition(jpql, names, values, "u.userName", "userName", r.username());
    condition(jpql, names, values, "a.platformKey", "platform", r.platform());
    condition(jpql, names, values, "u.pseudonym", "pseudonym", r.pseudonym());
    TypedQuery<Object[]> q =
        em.createQuery(jpql.toString(), Object[].class).setParameter("org", organizationId);
    for (int i = 0; i < names.size(); i++) {
      q.setParameter(names.get(i), values.get(i));
    }
    return q.getResultList();
  }

  private static void condition(
      StringBuilder jpql,
      List<String> names,
      List<Object> values,
      String path,
      String name,
      Object v) {
    if (v != null) {
      jpql.append(" AND ").append(path).append(" = :").append(name);
      names.add(name);
      values.add(v);
    }
  }
}
