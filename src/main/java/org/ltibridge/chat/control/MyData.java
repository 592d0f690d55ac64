package org.ltibridge.chat.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ltibridge.activity.control.ActivityUsers;
import org.ltibridge.activity.control.UnifiedActivityFlow;
import org.ltibridge.activity.entity.Activity;
import org.ltibridge.activity.entity.ActivityRole;
import org.ltibridge.activity.entity.ActivityUser;
import org.ltibridge.activity.entity.ActivityUser.TranscriptConsent;
import org.ltibridge.chat.entity.ChatMessage;
import org.ltibridge.chat.entity.Conversation;
import org.ltibridge.system.control.Problem;

/**
 * What an activity records about the person holding a chat token, and their say over it (GDPR Art.
 * 15 access, Art. 20 portability, Art. 7(3) withdrawal of consent): the facts kept about them, who
 * can read what, their own conversations to download, and their answer to the transcript-review
 * notice, which they can change at any time.
 */
@ApplicationScoped
public class MyData {

  static final Problem.Text ERROR_REVIEW_OFF = Problem.text("chat.MyData.reviewOff");

  @PersistenceContext EntityManager em;
  @Inject ActivityUsers users;
  @Inject UnifiedActivityFlow flow;
  @Inject Clock clock;

  /**
   * What is kept about the person in the activity.
   *
   * @param transcriptReview the activity lets instructors review transcripts
   * @param consent their answer to the notice in force ({@link ActivityUser#transcriptConsent})
   * @param reviewable instructors can read their transcripts now
   */
  public record Summary(
      String activityName,
      String courseTitle,
      String organizationName,
      String pseudonym,
      boolean student,
      LocalDateTime firstAccess,
      LocalDateTime lastAccess,
      int visits,
      long conversations,
      long messages,
      boolean transcriptReview,
      TranscriptConsent consent,
      LocalDateTime consentGivenAt,
      boolean reviewable,
      boolean nameShown) {}

  /** One of the person's conversations with everything said in it. */
  public record OwnConversation(
      long id,
      String assistant,
      String title,
      LocalDateTime startedAt,
      LocalDateTime updatedAt,
      List<OwnMessage> messages) {}

  /** One message; {@code status} says whether a reply was complete, stopped part-way or failed. */
  public record OwnMessage(String role, String content, String status, LocalDateTime at) {}

  @Transactional(Transactional.TxType.SUPPORTS)
  public Summary summary(ChatService.Session session) {
    ActivityUser me = person(session);
    Activity activity = me.activity();
    String notice = flow.noticeVersion(activity);
    TranscriptConsent consent = me.transcriptConsent(notice);
    long conversations =
        em.createQuery("SELECT COUNT(c) FROM Conversation c WHERE c.user.id = :u", Long.class)
            .setParameter("u", me.id())
            .getSingleResult();
    long messages =
        em.createQuery(
                "SELECT COUNT(m) FROM ChatMessage m WHERE m.conversation.user.id = :u", Long.class)
            .setParameter("u", me.id())
            .getSingleResult();
    return new Summary(
        activity.name(),
        activity.contextTitle(),
        activity.organization().name(),
        me.pseudonym(),
        me.role() == ActivityRole.STUDENT,
        me.createdAt(),
        me.lastAccessAt(),
        me.accessCount(),
        conversations,
        messages,
        activity.chatVisibilityEnabled(),
        consent,
        consent == TranscriptConsent.GIVEN ? me.consentGivenAt().orElse(null) : null,
        activity.chatVisibilityEnabled() && consent == TranscriptConsent.GIVEN,
        flow.nameShownOf(me));
  }

  /** The person's conversations in the activity, oldest first, each with its messages. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<OwnConversation> conversations(ChatService.Session session) {
    Long me = person(session).id();
    List<Object[]> all =
        em.createQuery(
                "SELECT m.conversation.id, m FROM ChatMessage m WHERE m.conversation.user.id = :u"
                    + " ORDER BY m.conversation.id, m.id",
                Object[].class)
            .setParameter("u", me)
            .getResultList();
    Map<Long, List<OwnMessage>> messages = new LinkedHashMap<>();
    for (Object[] row : all) {
      ChatMessage m = (ChatMessage) row[1];
      messages
          .computeIfAbsent((Long) row[0], id -> new ArrayList<>())
          .add(
              new OwnMessage(
                  m.role().name().toLowerCase(),
                  m.content(),
                  m.status().name().toLowerCase(),
                  m.createdAt()));
    }
    return em
        .createQuery(
            "SELECT c FROM Conversation c JOIN FETCH c.assistant WHERE c.user.id = :u"
                + " ORDER BY c.createdAt, c.id",
            Conversation.class)
        .setParameter("u", me)
        .getResultList()
        .stream()
        .map(
            c ->
                new OwnConversation(
                    c.id(),
                    c.assistant().name(),
                    c.title(),
                    c.createdAt(),
                    c.updatedAt(),
                    messages.getOrDefault(c.id(), List.of())))
        .toList();
  }

  /**
   * The person's answer to the transcript-review notice in force, changed: {@code agrees} false
   * withdraws a consent (or declines), true gives it, which only means something while review is on
   * (409 otherwise, nothing written).
   */
  @Transactional
  public Summary answer(ChatService.Session session, boolean agrees) {
    ActivityUser me = person(session);
    if (agrees) {
      if (!me.activity().chatVisibilityEnabled()) {
        throw Problem.conflict(ERROR_REVIEW_OFF);
      }
      users.giveConsent(me.id(), flow.noticeVersion(me.activity()));
    } else {
      users.declineConsent(me.id(), flow.noticeVersion(me.activity()));
    }
    return summary(session);
  }

  /** When the export was made, for its header. */
  public LocalDateTime now() {
    return LocalDateTime.now(clock);
  }

  /**
   * The person's conversations as a Markdown file anyone can read (CommonMark; the replies are
   * Markdown already). Times in UTC.
   */
  public static String markdown(
      Summary who, List<OwnConversation> conversations, LocalDateTime exportedAt) {
    StringBuilder md = new StringBuilder(4096);
    md.append("# Your conversations in ")
        .append(who.activityName())
        .append("\n\n")
        .append("- Course: ")
        .append(who.courseTitle() == null ? "–" : who.courseTitle())
        .append("\n- Organisation: ")
        .append(who.organizationName())
        .append("\n- Your pseudonym: ")
        .append(who.pseudonym())
        .append("\n- Exported: ")
        .append(exportedAt.withNano(0))
        .append(" UTC\n");
    if (conversations.isEmpty()) {
      md.append("\nYou have no conversations in this activity.\n");
    }
    for (OwnConversation c : conversations) {
      md.append("\n## ")
          .append(c.title().replaceAll("\\s+", " "))
          .append("\n\nWith ")
          .append(c.assistant())
          .append(", begun ")
          .append(c.startedAt().withNano(0))
          .append(" UTC.\n");
      for (OwnMessage m : c.messages()) {
        md.append("\n**")
            .append(m.role().equals("user") ? "You" : c.assistant())
            .append("** (")
            .append(m.at().withNano(0))
            .append(m.status().equals("complete") ? "" : ", " + m.status().replace('_', ' '))
            .append("):\n\n")
            .append(m.content())
            .append("\n");
      }
    }
    return md.toString();
  }

  private ActivityUser person(ChatService.Session session) {
    ActivityUser me = em.find(ActivityUser.class, session.userId());
    if (me == null) {
      throw Problem.notFound(Problem.text("chat.MyData.nothingRecorded"));
    }
    return me;
  }
}
