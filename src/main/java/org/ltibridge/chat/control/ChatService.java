package org.ltibridge.chat.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.ltibridge.activity.control.PageTokens;
import org.ltibridge.activity.entity.Activity;
import org.ltibridge.activity.entity.ActivityUser;
import org.ltibridge.activity.entity.Availability;
import org.ltibridge.activity.entity.PageToken;
import org.ltibridge.activity.entity.TokenKind;
import org.ltibridge.assistant.entity.Assistant;
import org.ltibridge.assistant.entity.AssistantSettings;
import org.ltibridge.assistant.entity.AssistantVersion;
import org.ltibridge.chat.entity.ChatMessage;
import org.ltibridge.chat.entity.Conversation;
import org.ltibridge.fastpath.HeldConnections;
import org.ltibridge.fastpath.Jdbc;
import org.ltibridge.legacy.control.PlacementManagers;
import org.ltibridge.model.ModelEndpoint;
import org.ltibridge.model.Turn;
import org.ltibridge.org.entity.Organization;
import org.ltibridge.system.control.DatabaseKind;
import org.ltibridge.system.control.Problem;

/**
 * The built-in chat: a person in an activity talks to the activity's assistants. The person's
 * message is stored before the model is asked, so it is kept whatever the model does; the reply is
 * stored once complete (or marked failed).
 */
@ApplicationScoped
public class ChatService {

  private static final Logger LOG = Logger.getLogger(ChatService.class.getName());

  public static final int MAX_MESSAGE = 8000;
  static final Problem.Text ERROR_EMPTY = Problem.text("chat.ChatService.empty");
  static final Problem.Text ERROR_TOO_LONG = Problem.text("chat.ChatService.tooLong", MAX_MESSAGE);
  static final Problem.Text ERROR_ASSISTANT = Problem.text("chat.ChatService.assistant");
  static final Problem.Text ERROR_CONVERSATION = Problem.text("chat.ChatService.conversation");
  static final Problem.Text ERROR_UNPUBLISHED = Problem.text("chat.ChatService.unpublished");

  /**
   * The notice instead of a reply when the assistant has no model. Notices are resolved here, on
   * the server, in the language of the chat page that asked (it sends its {@code lang}; {@code
   * ReplyStream} writes them): a model's failure is composed of parts (what failed, a hint, the
   * host, the server's own words), which one bundle and {@code Problem.Text} already compose for
   * the refusals, and a failed reply is stored with its English text for the transcript. Notices
   * that are the page's own (waiting in line, stopped, incomplete) are chat.js's, from its strings.
   */
  public static final Problem.Text NO_MODEL = Problem.text("chat.ChatService.noModel");

  @PersistenceContext EntityManager em;
  @Inject PageTokens tokens;
  @Inject DatabaseKind database;
  @Inject Answers answers;
  @Inject OrganizationModels models;
  @Inject Clock clock;
  @Inject PlacementManagers managers;

  @Resource(lookup = "java:comp/env/jdbc/app")
  DataSource dataSource;

  /** The chat page's first GETs come at the rate of launches: their connections are kept. */
  private HeldConnections pageConnections;

  /** As many as first GETs of the chat page usually run at once on a busy instance. */
  private static final int PAGE_CONNECTIONS = 4;

  @PostConstruct
  void holdConnections() {
    pageConnections = new HeldConnections(dataSource, PAGE_CONNECTIONS);
  }

  @PreDestroy
  void releaseConnections() {
    pageConnections.close();
  }

  /** Through the proxy, so that {@link #store} runs in its own transaction. */
  @Inject ChatService self;

  /** Who is chatting where, from a chat token. */
  public record Session(Long activityId, Long userId) {}

  /**
   * A stored user message, ready to be answered from {@code endpoint} (empty: no model) of the
   * organisation {@code organizationId}, at most {@code limit} requests at once.
   */
  public record Prepared(
      Long conversationId,
      long organizationId,
      OptionalInt limit,
      Optional<ModelEndpoint> endpoint,
      List<Turn> turns) {}

  /**
   * What the chat page shows.
   *
   * @param manages the assistant whose placements the person may manage from here (an instructor in
   *     a legacy link, {@link PlacementManagers}), else empty
   */
  public record ChatView(
      String activityName,
      List<AssistantView> assistants,
      List<ConversationView> conversations,
      Optional<Long> manages) {}

  /**
   * An assistant the page offers; {@code shownPrompt} is its system prompt when its author lets
   * students read it, else null.
   */
  public record AssistantView(
      long id, String name, String description, boolean answering, String shownPrompt) {}

  public record ConversationView(
      long id, long assistantId, String assistant, String title, String updatedAt) {}

  public record MessageView(String role, String content, String status, String at) {}

  /**
   * First GET of the chat page: the token in the URL is accepted once. Tries {@link
   * PageTokens#openQuickly} first (which opens only tokens of usable activities); a token it does
   * not accept is refused here with its reason.
   */
  public Session openSession(String token) {
    return tokens
        .openQuickly(token, TokenKind.CHAT)
        .map(ChatService::session)
        .orElseGet(() -> self.openFully(token));
  }

  /**
   * The page's usual first GET: the token opened the quick way and the page's data read, on one
   * connection. On PostgreSQL that is one statement ({@link #openAndView}); elsewhere {@link
   * PageTokens#openQuickly}, then {@link #view}. Empty, and the token untouched, for any token the
   * quick way does not open ({@link #openSession} then explains). Call it outside any JTA
   * transaction.
   */
  public Optional<ChatView> openQuicklyAndView(String token) {
    try {
      return pageConnections.with(
          c -> {
            if (database.isPostgres()) {
              Optional<PageTokens.Opening> opening = tokens.opening(token, TokenKind.CHAT);
              return opening.isEmpty() ? Optional.empty() : openAndView(c, opening.get());
            }
            Optional<PageTokens.Holder> opened = tokens.openQuickly(c, token, TokenKind.CHAT);
            return opened.isEmpty()
                ? Optional.empty()
                : Optional.of(view(c, session(opened.get())));
          });
    } catch (SQLException e) {
      throw new IllegalStateException("Reading the chat page failed", e);
    }
  }

  /**
   * The token's opening ({@link PageTokens#opening}) and the page's two reads as one PostgreSQL
   * statement. Rows of part 0 are the activity with one assistant each ({@link
   * #ACTIVITY_AND_ASSISTANTS}), rows of part 1 the latest conversations ({@link
   * #LATEST_CONVERSATIONS}), each part in its own order. No row when the token did not open now,
   * and then nothing was changed. Columns: part, activity name, the assistant's five from 3 and the
   * conversation's five from 8 (each NULL in the other part), two sort keys, and in part 0 whether
   * the person is an instructor in a legacy link ({@link #LEGACY_INSTRUCTOR}), the activity and the
   * person.
   */
  static String openAndView(String opening) {
    return "WITH opened AS ("
        + opening
        + ") SELECT 0 AS part, a.activity_name, s.id, s.name, s.description, "
        + ANSWERING
        + ", "
        + SHOWN_PROMPT
        + ", NULL::bigint AS conversation, NULL::bigint, NULL, NULL, NULL::timestamp AS updated_at,"
        + " s.name AS by_name, s.id AS by_id, "
        + String.format(LEGACY_INSTRUCTOR, "t.activity_user_id")
        + ", t.activity_id, t.activity_user_id"
        + " FROM opened t JOIN lti_activities a ON a.id = t.activity_id"
        + ASSISTANTS_OF_A
        + " UNION ALL (SELECT 1, NULL, NULL, NULL, NULL, NULL, NULL,"
        + " c.id, c.assistant_id, s.name, c.title, c.updated_at, NULL, NULL, NULL, NULL, NULL FROM opened t"
        + " JOIN conversations c ON c.activity_user_id = t.activity_user_id"
        + ASSISTANT_OF_C
        + NEWEST_FIRST
        + ") ORDER BY part, by_name, by_id, updated_at DESC, conversation DESC";
  }

  private Optional<ChatView> openAndView(Connection c, PageTokens.Opening opening)
      throws SQLException {
    String activityName = null;
    boolean opened = false;
    boolean legacyInstructor = false;
    long activityId = 0;
    long activityUserId = 0;
    List<AssistantView> assistants = new ArrayList<>();
    List<ConversationView> conversations = new ArrayList<>();
    try (PreparedStatement s =
            Jdbc.bind(c.prepareStatement(openAndView(opening.sql())), opening.values().toArray());
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        if (r.getInt(1) == 0) {
          opened = true;
          activityName = r.getString(2);
          assistant(r, 3).ifPresent(assistants::add);
          legacyInstructor = r.getBoolean(15);
          activityId = r.getLong(16);
          activityUserId = r.getLong(17);
        } else {
          conversations.add(conversation(r, 8));
        }
      }
    }
    return opened
        ? Optional.of(
            new ChatView(
                Activity.displayName(activityName),
                assistants,
                conversations,
                manages(activityId, activityUserId, legacyInstructor)))
        : Optional.empty();
  }

  /**
   * Whether an instructor in a legacy link may manage its assistant; asked of {@link
   * PlacementManagers} (which states the rule) only where the page's SQL saw such an instructor, so
   * a student's page costs nothing more.
   */
  private Optional<Long> manages(long activityId, long activityUserId, boolean legacyInstructor) {
    return legacyInstructor
        ? managers.assistantManagedBy(activityId, activityUserId)
        : Optional.empty();
  }

  /** The assistant in the five columns from {@code first}, if the row names one. */
  private static Optional<AssistantView> assistant(ResultSet r, int first) throws SQLException {
    long id = r.getLong(first);
    return r.wasNull()
        ? Optional.empty()
        : Optional.of(
            new AssistantView(
                id,
                r.getString(first + 1),
                r.getString(first + 2),
                r.getBoolean(first + 3),
                r.getString(first + 4)));
  }

  /** The conversation in the five columns from {@code first}. */
  private static ConversationView conversation(ResultSet r, int first) throws SQLException {
    return new ConversationView(
        r.getLong(first),
        r.getLong(first + 1),
        r.getString(first + 2),
        r.getString(first + 3),
        r.getObject(first + 4, LocalDateTime.class).toString());
  }

  private static Session session(PageTokens.Holder opened) {
    return new Session(opened.activityId(), opened.activityUserId());
  }

  /**
   * {@link #openSession} the full way, in JPA: opens the token or explains why not, including an
   * activity not usable now (403, the token left unopened).
   */
  @Transactional
  public Session openFully(String token) {
    return usable(session(tokens.openPage(token, TokenKind.CHAT)));
  }

  /**
   * The session of a chat token sent with a message or a conversation read; a 403 saying why when
   * its activity or organisation is disabled ({@link Activity#availability}).
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Session session(String token) {
    return usable(session(tokens.require(token, TokenKind.CHAT)));
  }

  private Session usable(Session session) {
    Activity activity = em.find(Activity.class, session.activityId());
    Availability availability =
        activity == null ? Availability.ACTIVITY_DISABLED : activity.availability();
    if (!availability.usable()) {
      throw Problem.forbidden(availability.notice());
    }
    return session;
  }

  private static Session session(PageToken t) {
    return new Session(t.activityId().orElseThrow(), t.activityUserId().orElseThrow());
  }

  /**
   * Whether an assistant can answer: its organisation has a model endpoint, it a model ({@link
   * OrganizationModels#answers}, in SQL).
   */
  private static final String ANSWERING =
      "o.model_base_url IS NOT NULL AND s.model IS NOT NULL AND TRIM(s.model) <> ''";

  /**
   * Whether the activity user (the placeholder) is an instructor in the activity {@code a}, a
   * legacy link: only then may the page offer the assistant's placements ({@link PlacementManagers}
   * decides that; this only spares the question on every other page).
   */
  static final String LEGACY_INSTRUCTOR =
      "(a.kind = 'LEGACY' AND EXISTS (SELECT 1 FROM lti_activity_users u WHERE u.id = %s"
          + " AND u.role = 'INSTRUCTOR'))";

  /** The system prompt of an assistant {@code s} whose author lets students read it. */
  private static final String SHOWN_PROMPT =
      "CASE WHEN s.show_system_prompt THEN s.system_prompt ELSE NULL END";

  /**
   * Joined to an activity {@code a}: its organisation {@code o} and its published assistants {@code
   * s} (an assistant is published while its {@code assistant_publications} row exists, as {@link
   * Assistant#isPublished}); a row with NULLs for an activity without any.
   */
  private static final String ASSISTANTS_OF_A =
      " JOIN organizations o ON o.id = a.organization_id"
          + " LEFT JOIN lti_activity_assistants aa ON aa.activity_id = a.id"
          + " LEFT JOIN assistant_publications p ON p.assistant_id = aa.assistant_id"
          + " LEFT JOIN assistants s ON s.id = p.assistant_id";

  /**
   * The activity with its published assistants, in their page order, whether each can answer (its
   * organisation has a model endpoint and the assistant a model) and its system prompt if shown.
   * Parameter: activity id.
   */
  static final String ACTIVITY_AND_ASSISTANTS =
      "SELECT a.activity_name, s.id, s.name, s.description, "
          + ANSWERING
          + ", "
          + SHOWN_PROMPT
          + ", "
          + String.format(LEGACY_INSTRUCTOR, "?")
          + " FROM lti_activities a"
          + ASSISTANTS_OF_A
          + " WHERE a.id = ? ORDER BY s.name, s.id";

  /** Shown on the page: a person's latest conversations. */
  static final int CONVERSATIONS_SHOWN = 50;

  /** Joined to conversations {@code c}: their assistant {@code s}. */
  private static final String ASSISTANT_OF_C = " JOIN assistants s ON s.id = c.assistant_id";

  /** Conversations {@code c} in page order, as many as shown. */
  private static final String NEWEST_FIRST =
      " ORDER BY c.updated_at DESC, c.id DESC LIMIT " + CONVERSATIONS_SHOWN;

  /** A person's latest conversations with their assistant. Parameter: activity user id. */
  static final String LATEST_CONVERSATIONS =
      "SELECT c.id, c.assistant_id, s.name, c.title, c.updated_at FROM conversations c"
          + ASSISTANT_OF_C
          + " WHERE c.activity_user_id = ?"
          + NEWEST_FIRST;

  /**
   * What the chat page shows, read in plain SQL (two queries on one connection): the page is where
   * every student launch lands, and these reads through JPA cost more than the rest of the launch.
   */
  public ChatView view(Session session) {
    try (Connection c = dataSource.getConnection()) {
      return view(c, session);
    } catch (SQLException e) {
      throw new IllegalStateException("Reading the chat page failed", e);
    }
  }

  private ChatView view(Connection c, Session session) throws SQLException {
    String activityName = null;
    boolean legacyInstructor = false;
    List<AssistantView> assistants = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(ACTIVITY_AND_ASSISTANTS)) {
      s.setLong(1, session.userId());
      s.setLong(2, session.activityId());
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          activityName = r.getString(1);
          assistant(r, 2).ifPresent(assistants::add);
          legacyInstructor = r.getBoolean(7);
        }
      }
    }
    List<ConversationView> conversations = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(LATEST_CONVERSATIONS)) {
      s.setLong(1, session.userId());
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          conversations.add(conversation(r, 1));
        }
      }
    }
    return new ChatView(
        Activity.displayName(activityName),
        assistants,
        conversations,
        manages(session.activityId(), session.userId(), legacyInstructor));
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public List<MessageView> messages(Session session, Long conversationId) {
    Conversation c = own(session, conversationId);
    return em
        .createNamedQuery(ChatMessage.OF_CONVERSATION, ChatMessage.class)
        .setParameter("conversationId", c.id())
        .getResultList()
        .stream()
        .map(
            m ->
                new MessageView(
                    m.role().name().toLowerCase(),
                    m.content(),
                    m.status().name(),
                    m.createdAt().toString()))
        .toList();
  }

  /**
   * Validates and stores the person's message (in a new conversation if none is given) and
   * assembles what the model needs. Throws a 4xx Problem, writing nothing, on bad input.
   */
  @Transactional
  public Prepared accept(Session session, Long assistantId, Long conversationId, String content) {
    String text = content == null ? "" : content.strip();
    if (text.isEmpty()) {
      throw Problem.badRequest(ERROR_EMPTY);
    }
    if (text.length() > MAX_MESSAGE) {
      throw Problem.badRequest(ERROR_TOO_LONG);
    }
    Activity activity = em.find(Activity.class, session.activityId());
    Availability availability = activity.availability();
    if (!availability.usable()) {
      throw Problem.forbidden(availability.notice()); // disabled since the session was read
    }
    LocalDateTime now = LocalDateTime.now(clock);
    Conversation conversation;
    if (conversationId != null) {
      conversation = own(session, conversationId);
      requirePublished(conversation.assistant());
    } else {
      Assistant assistant =
          activity.assistants().stream()
              .filter(a -> a.id().equals(assistantId))
              .findFirst()
              .orElseThrow(() -> Problem.badRequest(ERROR_ASSISTANT));
      requirePublished(assistant);
      conversation =
          new Conversation(
              activity,
              em.find(ActivityUser.class, session.userId()),
              assistant,
              currentVersion(assistant),
              title(text),
              now);
      em.persist(conversation);
    }
    List<Turn> history = new ArrayList<>();
    if (conversation.id() != null) {
      for (ChatMessage m :
          em.createNamedQuery(ChatMessage.OF_CONVERSATION, ChatMessage.class)
              .setParameter("conversationId", conversation.id())
              .getResultList()) {
        if (m.status().toModel()) {
          history.add(
              m.role() == ChatMessage.Role.USER
                  ? Turn.user(m.content())
                  : Turn.assistant(m.content()));
        }
      }
    }
    // The conversation's version, not the assistant's latest: see Conversation.
    AssistantSettings settings = conversation.settings();
    List<Turn> turns = ChatTurns.of(settings, history, text);
    em.persist(
        new ChatMessage(
            conversation, ChatMessage.Role.USER, text, ChatMessage.Status.COMPLETE, now));
    conversation.touch(now);
    em.flush();
    Organization org = activity.organization();
    return new Prepared(
        conversation.id(),
        org.id(),
        OrganizationModels.limit(org),
        models.endpoint(org, settings),
        turns);
  }

  /** A 409, writing nothing, for an assistant its author has unpublished since. */
  private static void requirePublished(Assistant assistant) {
    if (!assistant.isPublished()) {
      throw Problem.conflict(ERROR_UNPUBLISHED);
    }
  }

  /** The assistant's current version; null for one loaded as data, which has none. */
  private AssistantVersion currentVersion(Assistant assistant) {
    if (assistant.currentVersion() == null) {
      return null;
    }
    return em.createNamedQuery(AssistantVersion.NUMBERED, AssistantVersion.class)
        .setParameter("assistantId", assistant.id())
        .setParameter("number", assistant.currentVersion())
        .getResultStream()
        .findFirst()
        .orElse(null);
  }

  /**
   * Asks the model and returns at once: the reply streams to {@code events} and is stored when it
   * ends (complete; incomplete with what had arrived, marked {@link ChatMessage.Status#PARTIAL};
   * failed with the reason; nothing when the person stopped it before a word came). Without a
   * model, stores nothing and tells {@link #NO_MODEL}.
   */
  public void answer(Prepared prepared, AnswerEvents events) {
    if (prepared.endpoint().isEmpty()) {
      events.finished(AnswerEvents.Reply.notice(NO_MODEL));
      return;
    }
    answers.start(
        prepared.organizationId(),
        prepared.limit(),
        prepared.endpoint().get(),
        prepared.turns(),
        events,
        ended -> stored(prepared.conversationId(), ended));
  }

  private AnswerEvents.Reply stored(Long conversationId, Answers.Ended ended) {
    if (ended.complete()) {
      self.store(conversationId, ended.reply(), ChatMessage.Status.COMPLETE);
    } else if (!ended.partial().isEmpty()) {
      self.store(conversationId, ended.partial(), ChatMessage.Status.PARTIAL);
    } else if (!ended.abandoned()) {
      LOG.fine(() -> "No reply for conversation " + conversationId);
      self.store(conversationId, ended.failure().getMessage(), ChatMessage.Status.FAILED);
    }
    return ended.told();
  }

  @Transactional
  public void store(Long conversationId, String text, ChatMessage.Status status) {
    Conversation c = em.find(Conversation.class, conversationId);
    LocalDateTime now = LocalDateTime.now(clock);
    em.persist(new ChatMessage(c, ChatMessage.Role.ASSISTANT, text, status, now));
    c.touch(now);
  }

  private Conversation own(Session session, Long conversationId) {
    Conversation c = em.find(Conversation.class, conversationId);
    if (c == null || !c.user().id().equals(session.userId())) {
      throw Problem.notFound(ERROR_CONVERSATION);
    }
    return c;
  }

  private static String title(String firstMessage) {
    String oneLine = firstMessage.replaceAll("\\s+", " ");
    return oneLine.length() > 60 ? oneLine.substring(0, 57) + "..." : oneLine;
  }
}
