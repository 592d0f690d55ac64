package org.ltibridge.dashboard.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.ltibridge.activity.control.UnifiedActivityFlow;
import org.ltibridge.activity.entity.Activity;
import org.ltibridge.activity.entity.ActivityRole;
import org.ltibridge.activity.entity.ActivityUser;
import org.ltibridge.chat.control.ChatStatistics;
import org.ltibridge.chat.entity.Conversation;
import org.ltibridge.system.control.Problem;

/**
 * The instructor dashboard's data (LAMB lti_landscape.md §10.3), always pseudonymised: students
 * appear only by their stored random pseudonym, transcripts only when review is on and the student
 * consented.
 */
@ApplicationScoped
public class Dashboard {

  static final String ERROR_REVIEW_OFF =
      "Transcript review is switched off for this activity (the owner can enable it; students"
          + " are then asked for consent).";
  static final String ERROR_NO_CHAT = "There is no reviewable chat with this id in this activity.";

  @PersistenceContext EntityManager em;
  @Inject ChatStatistics chats;
  @Inject Clock clock;
  @Inject UnifiedActivityFlow flow;

  public record Stats(
      long students,
      long chats,
      long messages,
      long activeUsers7d,
      List<AssistantStats> assistants) {}

  public record AssistantStats(long id, String name, long chats, long messages) {}

  public record StudentRow(
      String pseudonym,
      LocalDateTime firstAccess,
      LocalDateTime lastAccess,
      int accessCount,
      long chats,
      long messages) {}

  public record ChatRow(
      long id,
      String pseudonym,
      String assistant,
      String title,
      long messages,
      LocalDateTime updatedAt) {}

  public record Line(String role, String content, LocalDateTime at) {}

  public record Transcript(
      long id, String pseudonym, String assistant, String title, List<Line> messages) {}

  /** One page of a longer list. */
  public record Slice<T>(List<T> items, long total, int page, int perPage) {}

  public Stats stats(Activity activity) {
    Long id = activity.id();
    long students = countStudents(id, null);
    long active = countStudents(id, LocalDateTime.now(clock).minusDays(7));
    Map<Long, ChatStatistics.Counts> perAssistant = chats.perAssistant(id);
    // Every student chat counts in the totals, also one with an assistant no longer offered.
    ChatStatistics.Counts totals =
        perAssistant.values().stream()
            .reduce(ChatStatistics.Counts.NONE, ChatStatistics.Counts::plus);
    List<AssistantStats> assistants =
        activity.assistants().stream()
            .map(
                a -> {
                  ChatStatistics.Counts c =
                      perAssistant.getOrDefault(a.id(), ChatStatistics.Counts.NONE);
                  return new AssistantStats(a.id(), a.name(), c.chats(), c.messages());
                })
            .toList();
    return new Stats(students, totals.chats(), totals.messages(), active, assistants);
  }

  public Slice<StudentRow> students(Activity activity, int page, int perPage) {
    int p = Math.max(1, page);
    int size = clamp(perPage);
    List<ActivityUser> users =
        em.createNamedQuery(ActivityUser.STUDENTS, ActivityUser.class)
            .setParameter("activityId", activity.id())
            .setFirstResult((p - 1) * size)
            .setMaxResults(size)
            .getResultList();
    Map<Long, ChatStatistics.Counts> perStudent =
        chats.perStudent(activity.id(), users.stream().map(ActivityUser::id).toList());
    List<StudentRow> rows =
        users.stream()
            .map(
                u -> {
                  ChatStatistics.Counts c =
                      perStudent.getOrDefault(u.id(), ChatStatistics.Counts.NONE);
                  return new StudentRow(
                      u.pseudonym(),
                      u.createdAt(),
                      u.lastAccessAt(),
                      u.accessCount(),
                      c.chats(),
                      c.messages());
                })
            .toList();
    return new Slice<>(rows, countStudents(activity.id(), null), p, size);
  }

  public Slice<ChatRow> chats(Activity activity, int page, int perPage) {
    requireReview(activity);
    int p = Math.max(1, page);
    int size = clamp(perPage);
    List<Conversation> list =
        chats.reviewableChats(activity.id(), flow.noticeVersion(), (p - 1) * size, size);
    Map<Long, Long> messages = chats.messageCounts(list.stream().map(Conversation::id).toList());
    List<ChatRow> rows =
        list.stream()
            .map(
                c ->
                    new ChatRow(
                        c.id(),
                        c.user().pseudonym(),
                        c.assistant().name(),
                        c.title(),
                        messages.getOrDefault(c.id(), 0L),
                        c.updatedAt()))
            .toList();
    return new Slice<>(
        rows, chats.reviewableChatCount(activity.id(), flow.noticeVersion()), p, size);
  }

  public Transcript transcript(Activity activity, Long conversationId) {
    requireReview(activity);
    Conversation c =
        chats
            .reviewableChat(activity.id(), conversationId, flow.noticeVersion())
            .orElseThrow(() -> Problem.notFound(ERROR_NO_CHAT));
    List<Line> lines =
        chats.messages(c.id()).stream()
            .map(
                m ->
                    new Line(
                        m.role() == org.ltibridge.chat.entity.ChatMessage.Role.USER
                            ? c.user().pseudonym()
                            : c.assistant().name(),
                        m.content(),
                        m.createdAt()))
            .toList();
    return new Transcript(c.id(), c.user().pseudonym(), c.assistant().name(), c.title(), lines);
  }

  private void requireReview(Activity activity) {
    if (!activity.chatVisibilityEnabled()) {
      throw Problem.forbidden(ERROR_REVIEW_OFF);
    }
  }

  private long countStudents(Long activityId, LocalDateTime since) {
    var query =
        em.createQuery(
                "SELECT COUNT(u) FROM ActivityUser u WHERE u.activity.id = :a AND u.role = :student"
                    + (since == null ? "" : " AND u.lastAccessAt >= :since"),
                Long.class)
            .setParameter("a", activityId)
            .setParameter("student", ActivityRole.STUDENT);
    if (since != null) {
      query.setParameter("since", since);
    }
    return query.getSingleResult();
  }

  private static int clamp(int perPage) {
    return perPage <= 0 ? 20 : Math.min(perPage, 100);
  }
}
