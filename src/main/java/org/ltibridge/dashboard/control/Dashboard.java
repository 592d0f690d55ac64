package org.ltibridge.dashboard.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.ltibridge.activity.control.UnifiedActivityFlow;
import org.ltibridge.activity.entity.Activity;
import org.ltibridge.activity.entity.ActivityRole;
import org.ltibridge.activity.entity.ActivityUser;
import org.ltibridge.chat.control.ChatStatistics;
import org.ltibridge.chat.entity.ChatMessage;
import org.ltibridge.chat.entity.Conversation;
import org.ltibridge.system.control.Problem;

/**
 * The instructor dashboard's data (LAMB lti_landscape.md §10.3): students appear by their stored
 * random pseudonym, transcripts only when review is on and the student consented. Where the
 * activity's identity policy shows names ({@link Activity#namesShown}), a student's LMS name is
 * shown beside the pseudonym once they were told so ({@link UnifiedActivityFlow#nameShownOf}), and
 * every transcript read with a name is recorded ({@link TranscriptViews}). Exports stay
 * pseudonymised whatever the policy.
 */
@ApplicationScoped
public class Dashboard {

  static final Problem.Text ERROR_REVIEW_OFF = Problem.text("dashboard.Dashboard.reviewOff");
  static final Problem.Text ERROR_NO_CHAT = Problem.text("dashboard.Dashboard.noChat");

  @PersistenceContext EntityManager em;
  @Inject ChatStatistics chats;
  @Inject Clock clock;
  @Inject UnifiedActivityFlow flow;
  @Inject TranscriptViews views;

  public record Stats(
      long students,
      long chats,
      long messages,
      long activeUsers7d,
      List<AssistantStats> assistants) {}

  public record AssistantStats(long id, String name, long chats, long messages) {}

  /**
   * A student's row; {@code name} is null unless shown ({@link UnifiedActivityFlow#nameShownOf}).
   */
  public record StudentRow(
      String pseudonym,
      String name,
      LocalDateTime firstAccess,
      LocalDateTime lastAccess,
      int accessCount,
      long chats,
      long messages) {}

  public record ChatRow(
      long id,
      String pseudonym,
      String name,
      String assistant,
      String title,
      long messages,
      LocalDateTime updatedAt) {}

  /**
   * A message of a transcript: who wrote it (the student's pseudonym or the assistant's name),
   * what, when, and whether the assistant wrote it (its Markdown is rendered on the dashboard).
   */
  public record Line(String role, String content, LocalDateTime at, boolean fromAssistant) {}

  public record Transcript(
      long id,
      String pseudonym,
      String name,
      String assistant,
      String title,
      List<Line> messages) {}

  /** One page of a longer list: its items, how many there are in all, and how many pages. */
  public record Slice<T>(List<T> items, long total, int page, int perPage, long pages) {

    Slice(List<T> items, long total, Paging paging) {
      this(
          items,
          total,
          paging.page(),
          paging.perPage(),
          (total + paging.perPage() - 1) / paging.perPage());
    }

    /** The position of the first item shown (1-based; 0 when none is). */
    public long firstShown() {
      return items.isEmpty() ? 0 : (long) (page - 1) * perPage + 1;
    }

    /**
     * "Students 51–100 of 2,000", or "No students" when there are none, in the words of the page's
     * bundle under {@code list} ({@code dashboard.students}: its {@code .range}, {@code .none} and
     * {@code .emptyPage}); dashboard.js writes the same after paging.
     */
    public String summary(java.util.ResourceBundle words, String list) {
      java.util.Locale locale =
          words.getLocale() == null || words.getLocale().getLanguage().isEmpty()
              ? java.util.Locale.ENGLISH
              : words.getLocale();
      if (total == 0) {
        return words.getString(list + ".none");
      }
      if (items.isEmpty()) {
        return new java.text.MessageFormat(words.getString(list + ".emptyPage"), locale)
            .format(new Object[] {page, pages});
      }
      return new java.text.MessageFormat(words.getString(list + ".range"), locale)
          .format(new Object[] {firstShown(), lastShown(), total});
    }

    /** The position of the last item shown. */
    public long lastShown() {
      return items.isEmpty() ? 0 : firstShown() + items.size() - 1;
    }
  }

  /** The usage of an activity over its life, day by day (UTC), and per assistant. */
  public record Usage(
      LocalDate from,
      LocalDate to,
      List<ChatStatistics.Day> days,
      List<AssistantUsage> assistants) {}

  /**
   * One assistant's use: its chats and messages in all and on the days it was used (days without
   * any left out).
   */
  public record AssistantUsage(
      long id, String name, long chats, long messages, List<ChatStatistics.AssistantDay> days) {}

  /** A list read a page at a time as it is walked through ({@link #accessLog}, exports). */
  @FunctionalInterface
  public interface Walk<T> {
    void forEach(Consumer<T> each);
  }

  static final int WALK_PAGE = 200;

  /**
   * The activity's students (parameters {@code a}, the activity's id, and {@code student}, {@link
   * ActivityRole#STUDENT}): what every list and count of the dashboard reads from, in the order of
   * index {@code ix_activity_users_last_access}.
   */
  private static final String STUDENTS =
      "FROM ActivityUser u WHERE u.activity.id = :a AND u.role = :student";

  public Stats stats(Activity activity) {
    Long id = activity.id();
    // Both counts in one pass over the activity's students (index ix_activity_users_last_access).
    Object[] counts =
        em.createQuery(
                "SELECT COUNT(u), SUM(CASE WHEN u.lastAccessAt >= :since THEN 1 ELSE 0 END) "
                    + STUDENTS,
                Object[].class)
            .setParameter("a", id)
            .setParameter("student", ActivityRole.STUDENT)
            .setParameter("since", LocalDateTime.now(clock).minusDays(7))
            .getSingleResult();
    long students = ((Number) counts[0]).longValue();
    long active = counts[1] == null ? 0 : ((Number) counts[1]).longValue();
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

  /**
   * A page of the activity's students, the most recently seen first (ties in a fixed order, so that
   * pages never overlap).
   */
  public Slice<StudentRow> students(Activity activity, Paging paging) {
    List<ActivityUser> users = studentsOnPage(activity, paging);
    return new Slice<>(rows(activity, users), countStudents(activity.id()), paging);
  }

  /**
   * The same for the page, which has just counted the students for {@code stats}: the count is not
   * read twice.
   */
  public Slice<StudentRow> students(Activity activity, Paging paging, Stats stats) {
    return new Slice<>(rows(activity, studentsOnPage(activity, paging)), stats.students(), paging);
  }

  private List<ActivityUser> studentsOnPage(Activity activity, Paging paging) {
    return em.createQuery(
            "SELECT u " + STUDENTS + " ORDER BY u.lastAccessAt DESC, u.id DESC", ActivityUser.class)
        .setParameter("a", activity.id())
        .setParameter("student", ActivityRole.STUDENT)
        .setFirstResult(paging.offset())
        .setMaxResults(paging.perPage())
        .getResultList();
  }

  /**
   * Every student of the activity as the access log, read {@value #WALK_PAGE} at a time in the
   * order they first came.
   */
  public Walk<StudentRow> accessLog(Activity activity) {
    Long id = activity.id();
    return each -> {
      Long after = 0L;
      while (after != null) {
        List<ActivityUser> users =
            em.createQuery(
                    "SELECT u " + STUDENTS + " AND u.id > :after ORDER BY u.id", ActivityUser.class)
                .setParameter("a", id)
                .setParameter("student", ActivityRole.STUDENT)
                .setParameter("after", after)
                .setMaxResults(WALK_PAGE)
                .getResultList();
        rows(activity, users).forEach(each);
        after = users.size() < WALK_PAGE ? null : users.get(users.size() - 1).id();
      }
    };
  }

  private List<StudentRow> rows(Activity activity, List<ActivityUser> users) {
    Map<Long, ChatStatistics.Counts> perStudent =
        chats.perStudent(activity.id(), users.stream().map(ActivityUser::id).toList());
    Predicate<ActivityUser> nameShown = flow.namesShownAt(activity);
    return users.stream()
        .map(
            u -> {
              ChatStatistics.Counts c = perStudent.getOrDefault(u.id(), ChatStatistics.Counts.NONE);
              return new StudentRow(
                  u.pseudonym(),
                  nameShown.test(u) ? u.displayName() : null,
                  u.createdAt(),
                  u.lastAccessAt(),
                  u.accessCount(),
                  c.chats(),
                  c.messages());
            })
        .toList();
  }

  /** A page of the reviewable chats {@code filter} lets through, newest first. */
  public Slice<ChatRow> chats(Activity activity, ChatStatistics.Filter filter, Paging paging) {
    requireReview(activity);
    List<Conversation> list =
        chats.reviewableChats(
            activity.id(), flow.noticeVersion(activity), filter, paging.offset(), paging.perPage());
    Map<Long, Long> messages = chats.messageCounts(list.stream().map(Conversation::id).toList());
    Predicate<ActivityUser> nameShown = flow.namesShownAt(activity);
    List<ChatRow> rows =
        list.stream()
            .map(
                c ->
                    new ChatRow(
                        c.id(),
                        c.user().pseudonym(),
                        nameShown.test(c.user()) ? c.user().displayName() : null,
                        c.assistant().name(),
                        c.title(),
                        messages.getOrDefault(c.id(), 0L),
                        c.updatedAt()))
            .toList();
    return new Slice<>(
        rows,
        chats.reviewableChatCount(activity.id(), flow.noticeVersion(activity), filter),
        paging);
  }

  /**
   * Every reviewable chat {@code filter} lets through with its messages, newest first, read {@value
   * #WALK_PAGE} chats at a time; 403 at once (before any is read) while review is off.
   */
  public Walk<Transcript> transcripts(Activity activity, ChatStatistics.Filter filter) {
    requireReview(activity);
    Long id = activity.id();
    String notice = flow.noticeVersion(activity);
    return each -> {
      ChatStatistics.After after = null;
      boolean more = true;
      while (more) {
        List<Conversation> page = chats.reviewableChatsAfter(id, notice, filter, after, WALK_PAGE);
        Map<Long, List<ChatMessage>> messages = new HashMap<>();
        chats
            .messagesOf(page.stream().map(Conversation::id).toList())
            .forEach(
                m ->
                    messages
                        .computeIfAbsent(m.conversationId(), k -> new ArrayList<>())
                        .add(m.message()));
        page.forEach(
            c -> each.accept(transcript(c, null, messages.getOrDefault(c.id(), List.of()))));
        more = page.size() == WALK_PAGE;
        if (more) {
          Conversation last = page.get(page.size() - 1);
          after = new ChatStatistics.After(last.updatedAt(), last.id());
        }
      }
    };
  }

  /**
   * The activity's usage from its first day (or its first chat, if earlier) to today (or its last
   * chat, if later), every day listed, at zero where nobody chatted; per assistant with the days
   * each was used.
   */
  public Usage usage(Activity activity) {
    Map<Long, List<ChatStatistics.AssistantDay>> perAssistant = new LinkedHashMap<>();
    activity.assistants().forEach(a -> perAssistant.put(a.id(), new ArrayList<>()));
    chats
        .perAssistantDay(activity.id())
        .forEach(d -> perAssistant.computeIfAbsent(d.assistantId(), k -> new ArrayList<>()).add(d));
    Map<Long, String> names = new HashMap<>();
    activity.assistants().forEach(a -> names.put(a.id(), a.name()));
    List<AssistantUsage> assistants = new ArrayList<>();
    perAssistant.forEach(
        (assistant, list) ->
            assistants.add(
                new AssistantUsage(
                    assistant,
                    names.computeIfAbsent(assistant, this::assistantName),
                    list.stream().mapToLong(ChatStatistics.AssistantDay::chats).sum(),
                    list.stream().mapToLong(ChatStatistics.AssistantDay::messages).sum(),
                    list)));
    return usage(activity, assistants);
  }

  /**
   * The same for the page, which shows each assistant's totals only: taken from {@code stats} (the
   * assistants the activity offers), so that the page reads the days once and nothing more.
   */
  public Usage usage(Activity activity, Stats stats) {
    return usage(
        activity,
        stats.assistants().stream()
            .map(a -> new AssistantUsage(a.id(), a.name(), a.chats(), a.messages(), List.of()))
            .toList());
  }

  private Usage usage(Activity activity, List<AssistantUsage> assistants) {
    List<ChatStatistics.Day> used = chats.perDay(activity.id());
    LocalDate from = activity.createdAt().toLocalDate();
    LocalDate to = LocalDate.now(clock);
    if (!used.isEmpty()) {
      from = min(from, used.get(0).day());
      to = max(to, used.get(used.size() - 1).day());
    }
    Map<LocalDate, ChatStatistics.Day> byDay = new HashMap<>();
    used.forEach(d -> byDay.put(d.day(), d));
    List<ChatStatistics.Day> days = new ArrayList<>();
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      days.add(byDay.getOrDefault(d, new ChatStatistics.Day(d, 0, 0, 0)));
    }
    return new Usage(from, to, days, assistants);
  }

  /** The name of an assistant the activity no longer offers. */
  private String assistantName(Long id) {
    var assistant = em.find(org.ltibridge.assistant.entity.Assistant.class, id);
    return assistant == null ? "Assistant " + id : assistant.name();
  }

  private static LocalDate min(LocalDate a, LocalDate b) {
    return a.isBefore(b) ? a : b;
  }

  private static LocalDate max(LocalDate a, LocalDate b) {
    return a.isAfter(b) ? a : b;
  }

  /**
   * One reviewable chat, as {@code viewer} reads it on the dashboard; a read with the student's
   * name is recorded ({@link TranscriptViews}).
   */
  public Transcript transcript(
      Activity activity, Long conversationId, TranscriptViews.Viewer viewer) {
    requireReview(activity);
    Conversation c =
        chats
            .reviewableChat(activity.id(), conversationId, flow.noticeVersion(activity))
            .orElseThrow(() -> Problem.notFound(ERROR_NO_CHAT));
    String name = null;
    if (flow.nameShownOf(c.user())) {
      name = c.user().displayName();
      views.record(activity, c, viewer);
    }
    return transcript(c, name, chats.messages(c.id()));
  }

  /**
   * A chat as an instructor may read it: the student by pseudonym (and {@code name}, if shown), the
   * assistant by name.
   */
  private static Transcript transcript(Conversation c, String name, List<ChatMessage> messages) {
    List<Line> lines =
        messages.stream()
            .map(
                m ->
                    new Line(
                        m.role() == ChatMessage.Role.USER
                            ? c.user().pseudonym()
                            : c.assistant().name(),
                        m.content(),
                        m.createdAt(),
                        m.role() != ChatMessage.Role.USER))
            .toList();
    return new Transcript(
        c.id(), c.user().pseudonym(), name, c.assistant().name(), c.title(), lines);
  }

  private void requireReview(Activity activity) {
    if (!activity.chatVisibilityEnabled()) {
      throw Problem.forbidden(ERROR_REVIEW_OFF);
    }
  }

  private long countStudents(Long activityId) {
    return em.createQuery("SELECT COUNT(u) " + STUDENTS, Long.class)
        .setParameter("a", activityId)
        .setParameter("student", ActivityRole.STUDENT)
        .getSingleResult();
  }
}
