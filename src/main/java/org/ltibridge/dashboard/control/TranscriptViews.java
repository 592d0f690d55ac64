package org.ltibridge.dashboard.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.Serializable;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import org.ltibridge.activity.entity.Activity;
import org.ltibridge.chat.entity.Conversation;
import org.ltibridge.dashboard.entity.TranscriptView;

/**
 * The record of transcripts read with the student's name (issue #19: "every view of a named
 * transcript is recorded, and the org admin can read that record"): written by the dashboard when
 * it shows one ({@link Dashboard#transcript}), read by the organisation's admins (console and
 * {@code GET /api/v1/admin/organizations/{slug}/transcript-views}).
 */
@ApplicationScoped
public class TranscriptViews {

  /** At most this many entries are read at once. */
  public static final int MAX_LIMIT = 500;

  @PersistenceContext EntityManager em;
  @Inject Clock clock;

  /** Who reads: the instructor's LMS user id and name, from their dashboard token. */
  public record Viewer(String lmsUserId, String name) {}

  /** One entry as the organisation's admins read it. */
  public record Entry(
      LocalDateTime viewedAt,
      String viewer,
      String viewerLmsUserId,
      String activity,
      long activityId,
      String student,
      String pseudonym,
      Long conversationId)
      implements Serializable {}

  /** Records that {@code viewer} read {@code chat} with its student's name, now. */
  @Transactional
  public void record(Activity activity, Conversation chat, Viewer viewer) {
    em.persist(
        new TranscriptView(
            activity.organization().id(),
            activity.id(),
            chat.user().id(),
            chat.id(),
            viewer.lmsUserId(),
            viewer.name(),
            LocalDateTime.now(clock)));
  }

  /** The organisation's latest {@code limit} entries (1 to {@link #MAX_LIMIT}), newest first. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<Entry> of(long organizationId, int limit) {
    return em
        .createQuery(
            "SELECT v.viewedAt, v.viewerName, v.viewerLmsUserId, a.name, a.id, u.userName,"
                + " u.displayName, u.pseudonym, v.conversationId FROM TranscriptView v,"
                + " Activity a, ActivityUser u WHERE a.id = v.activityId AND u.id ="
                + " v.activityUserId AND v.organizationId = :org ORDER BY v.viewedAt DESC, v.id"
                + " DESC",
            Object[].class)
        .setParameter("org", organizationId)
        .setMaxResults(Math.max(1, Math.min(limit, MAX_LIMIT)))
        .getResultList()
        .stream()
        .map(
            r ->
                new Entry(
                    (LocalDateTime) r[0],
                    (String) r[1],
                    (String) r[2],
                    r[3] == null ? "Activity " + r[4] : (String) r[3],
                    (Long) r[4],
                    r[6] == null ? (String) r[5] : (String) r[6],
                    (String) r[7],
                    (Long) r[8]))
        .toList();
  }
}
