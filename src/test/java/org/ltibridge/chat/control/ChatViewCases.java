package org.ltibridge.chat.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.ltibridge.activity.control.PageTokens;
import org.ltibridge.activity.entity.ActivityStatus;
import org.ltibridge.activity.entity.Availability;
import org.ltibridge.activity.entity.TokenKind;
import org.ltibridge.assistant.entity.AssistantSettings;
import org.ltibridge.system.control.DatabaseKind;
import org.ltibridge.testsupport.ActivityRows;
import org.ltibridge.testsupport.Rows;

/**
 * What the chat page shows, read in plain SQL ({@link ChatService#view}), and the same read with
 * the page's token opened ({@link ChatService#openQuicklyAndView}: one statement on PostgreSQL), on
 * a real database: {@link ChatViewTest} on H2, {@link ChatViewOnPostgresIT} on PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ChatViewCases {

  static final String PLATFORM = "lti11:k";

  ChatService chat;
  ActivityRows withModel;
  long biology;
  long unnamed;
  long offline;
  long ada;
  long ben;
  long zeta;
  long alpha;
  long beta;
  long quiet;
  ActivityRows switchable;

  /** Activities whose assistants cover the page's rules: published or not, model, endpoint. */
  long[] ruled;

  long ruledStudent;
  long withdrawn;
  long nothingLeft;
  long nell;
  long switched;
  long eve;
  DataSource db;
  LocalDateTime start = LocalDateTime.of(2026, 11, 1, 9, 0);

  /** An empty database with the project's schema. */
  abstract DataSource database() throws Exception;

  @BeforeAll
  void rows() throws Exception {
    db = database();
    chat = new ChatService();
    chat.dataSource = db;
    chat.database = new DatabaseKind(db);
    chat.tokens = new PageTokens(db, Clock.systemUTC(), chat.database);
    chat.holdConnections();

    withModel = new ActivityRows(db, "with-model", "https://llm.example.edu/v1");
    biology = withModel.activity(PLATFORM, "rl-bio", "Biology tutors");
    zeta = withModel.assistant(biology, "Zeta", "gpt-x");
    alpha = withModel.assistant(biology, "Alpha", null);
    beta = withModel.assistant(biology, "Beta", "  ");
    ada = withModel.student(biology, "ada", "rl-bio", "Student-a");
    ben = withModel.student(biology, "ben", "rl-bio", "Student-b");
    // Ada's 52 conversations, each later than the one before; Ben's one is the latest of all.
    for (int i = 0; i < 52; i++) {
      conversation(db, biology, ada, i % 2 == 0 ? zeta : alpha, "Ada " + i, start.plusMinutes(i));
    }
    conversation(db, biology, ben, zeta, "Ben's", start.plusDays(1));

    unnamed = withModel.activity(PLATFORM, "rl-unnamed", null);

    ActivityRows noModel = new ActivityRows(db, "no-model", null);
    offline = noModel.activity(PLATFORM, "rl-offline", "Offline");
    quiet = noModel.assistant(offline, "Quiet", "gpt-x");

    switchable = new ActivityRows(db, "switchable", "https://llm.example.edu/v1");
    switched = switchable.activity(PLATFORM, "rl-switched", "Switched");
    switchable.assistant(switched, "Sigma", "gpt-x");
    eve = switchable.student(switched, "eve", "rl-switched", "Student-e");

    ActivityRows ruledWith = new ActivityRows(db, "ruled-with", "https://llm.example.edu/v1");
    ActivityRows ruledWithout = new ActivityRows(db, "ruled-without", null);
    ruled =
        new long[] {
          ruledWith.activity(PLATFORM, "rl-ruled-with", "Ruled with"),
          ruledWithout.activity(PLATFORM, "rl-ruled-without", "Ruled without")
        };
    ruledStudent = ruledWith.student(ruled[0], "rue", "rl-ruled-with", "Student-r");
    for (int i = 0; i < 2; i++) {
      ActivityRows rows = i == 0 ? ruledWith : ruledWithout;
      int n = 0;
      for (boolean published : new boolean[] {true, false}) {
        for (String model : new String[] {"gpt-x", " ", null}) {
          for (boolean shown : new boolean[] {true, false}) {
            String name = "R" + (n++) + (published ? " published" : " unpublished");
            long id =
                published
                    ? rows.assistant(ruled[i], name, model)
                    : rows.unpublishedAssistant(ruled[i], name, model);
            Rows.execute(
                db,
                "UPDATE assistants SET system_prompt = ?, show_system_prompt = ? WHERE id = ?",
                "Told " + name,
                shown,
                id);
          }
        }
      }
    }

    nothingLeft = withModel.activity(PLATFORM, "rl-nothing-left", "Nothing left");
    withdrawn = withModel.unpublishedAssistant(nothingLeft, "Withdrawn", "gpt-x");
    nell = withModel.student(nothingLeft, "nell", "rl-nothing-left", "Student-n");
    conversation(db, nothingLeft, nell, withdrawn, "Before it was withdrawn", start);
  }

  /**
   * The page's SQL ({@code ASSISTANTS_OF_A}, {@code ANSWERING}, {@code SHOWN_PROMPT}) restates
   * three Java rules: an assistant is offered exactly when published ({@code
   * Assistant#isPublished}: its publication row exists), it answers exactly when {@link
   * OrganizationModels#answers} says so for its settings' model, and its system prompt is shown
   * exactly when its author lets students read it. Both ways read, for every combination.
   */
  @Test
  void thePageOffersWhatTheJavaRulesSay() {
    for (long activity : ruled) {
      String baseUrl =
          Rows.string(
              db,
              "SELECT o.model_base_url FROM organizations o JOIN lti_activities a"
                  + " ON a.organization_id = o.id WHERE a.id = ?",
              activity);
      List<ChatService.AssistantView> expected = new java.util.ArrayList<>();
      for (Object[] row :
          Rows.list(
              db,
              "SELECT s.id, s.name, s.description, s.model, s.system_prompt, s.show_system_prompt,"
                  + " (SELECT COUNT(*) FROM assistant_publications p WHERE p.assistant_id = s.id)"
                  + " FROM assistants s JOIN lti_activity_assistants aa ON aa.assistant_id = s.id"
                  + " WHERE aa.activity_id = ? ORDER BY s.name, s.id",
              activity)) {
        boolean published = ((Number) row[6]).longValue() == 1;
        AssistantSettings settings =
            new AssistantSettings(
                (String) row[1],
                (String) row[2],
                (String) row[4],
                (String) row[3],
                null,
                null,
                (Boolean) row[5]);
        if (published) {
          expected.add(
              new ChatService.AssistantView(
                  ((Number) row[0]).longValue(),
                  settings.name(),
                  settings.description(),
                  OrganizationModels.answers(Optional.ofNullable(baseUrl), settings.modelIfAny()),
                  settings.showSystemPrompt() ? settings.systemPrompt() : null));
        }
      }
      assertEquals(6, expected.size());
      assertEquals(
          expected, chat.view(new ChatService.Session(activity, ruledStudent)).assistants());
      String token = withModel.pageToken(TokenKind.CHAT, activity, ruledStudent, inFiveMinutes());
      assertEquals(expected, chat.openQuicklyAndView(token).orElseThrow().assistants());
    }
  }

  @Test
  void withNoPublishedAssistantLeftThePageOffersNoneButKeepsTheConversations() {
    ChatService.ChatView view = chat.view(new ChatService.Session(nothingLeft, nell));
    assertEquals(List.of(), view.assistants());
    String token = withModel.pageToken(TokenKind.CHAT, nothingLeft, nell, inFiveMinutes());
    assertEquals(Optional.of(view), chat.openQuicklyAndView(token));
    assertTrue(
        view.conversations().stream().anyMatch(c -> c.title().equals("Before it was withdrawn")));
  }

  /**
   * The chat page's quick opening ({@link org.ltibridge.activity.control.PageTokens#OPEN}, inside
   * the one statement on PostgreSQL) states {@link Availability#of} in SQL: for every status of the
   * activity and of its organisation, a token opens exactly when the Java rule says the activity is
   * usable. Otherwise it is left unopened (nothing written) and the full way ({@link
   * ChatService#openFully}) refuses it with the rule's notice.
   */
  @Test
  void aTokenOpensTheQuickWayExactlyWhenTheJavaRuleSaysTheActivityIsUsable() {
    try {
      for (ActivityStatus status : ActivityStatus.values()) {
        for (boolean organizationEnabled : new boolean[] {true, false}) {
          Rows.execute(
              db, "UPDATE lti_activities SET status = ? WHERE id = ?", status.name(), switched);
          Rows.execute(
              db,
              "UPDATE organizations SET enabled = ? WHERE slug = 'switchable'",
              organizationEnabled);
          Availability rule = Availability.of(status, organizationEnabled);
          String which = status + ", organisation enabled: " + organizationEnabled;
          String token = switchable.pageToken(TokenKind.CHAT, switched, eve, inFiveMinutes());

          Optional<ChatService.ChatView> view = chat.openQuicklyAndView(token);

          assertEquals(rule.usable(), view.isPresent(), which);
          assertEquals(rule.usable(), switchable.opened(token), which);
          if (rule.usable()) {
            assertEquals("Switched", view.get().activityName());
          } else {
            assertEquals(Optional.empty(), chat.tokens.openQuickly(token, TokenKind.CHAT), which);
            assertFalse(switchable.opened(token), which);
          }
        }
      }
    } finally {
      Rows.execute(db, "UPDATE lti_activities SET status = 'ACTIVE' WHERE id = ?", switched);
      Rows.execute(db, "UPDATE organizations SET enabled = TRUE WHERE slug = 'switchable'");
    }
  }

  @Test
  void assistantsInNameOrderAnsweringOnlyWithAModelAndAnEndpoint() {
    ChatService.ChatView view = chat.view(new ChatService.Session(biology, ada));
    assertEquals("Biology tutors", view.activityName());
    assertEquals(
        List.of(
            new ChatService.AssistantView(alpha, "Alpha", "About Alpha", false, null),
            new ChatService.AssistantView(beta, "Beta", "About Beta", false, null),
            new ChatService.AssistantView(zeta, "Zeta", "About Zeta", true, null)),
        view.assistants());

    ChatService.ChatView offlineView = chat.view(new ChatService.Session(offline, ada));
    assertEquals(
        List.of(new ChatService.AssistantView(quiet, "Quiet", "About Quiet", false, null)),
        offlineView.assistants(),
        "no endpoint in the organisation: nobody answers");
  }

  @Test
  void theStudentsOwnLatestFiftyConversationsNewestFirst() {
    List<ChatService.ConversationView> shown =
        chat.view(new ChatService.Session(biology, ada)).conversations();
    assertEquals(50, shown.size());
    assertEquals("Ada 51", shown.get(0).title());
    assertEquals("Ada 2", shown.get(49).title());
    assertEquals(alpha, shown.get(0).assistantId());
    assertEquals("Alpha", shown.get(0).assistant());
    assertEquals(start.plusMinutes(51).toString(), shown.get(0).updatedAt());
    assertEquals(0, shown.stream().filter(c -> c.title().startsWith("Ben")).count(), "not Ben's");
  }

  @Test
  void anUnnamedActivityWithoutAssistantsOrConversations() {
    ChatService.ChatView view = chat.view(new ChatService.Session(unnamed, ada + ben + 1000));
    assertEquals("AI assistants", view.activityName());
    assertEquals(List.of(), view.assistants());
    assertEquals(List.of(), view.conversations());
  }

  @Test
  void theTokenOpensOnceWithThePagesDataAsReadWithoutIt() {
    for (long[] who : new long[][] {{biology, ada}, {biology, ben}, {unnamed, ada}}) {
      String token = withModel.pageToken(TokenKind.CHAT, who[0], who[1], inFiveMinutes());
      ChatService.ChatView expected = chat.view(new ChatService.Session(who[0], who[1]));

      assertEquals(Optional.of(expected), chat.openQuicklyAndView(token));
      assertTrue(withModel.opened(token));
      assertEquals(Optional.empty(), chat.openQuicklyAndView(token), "once only");
    }
  }

  @Test
  void aTokenTheQuickWayDoesNotOpenIsLeftUnopened() {
    String consent = withModel.pageToken(TokenKind.CONSENT, biology, ada, inFiveMinutes());
    String expired =
        withModel.pageToken(TokenKind.CHAT, biology, ada, LocalDateTime.now().minusSeconds(1));
    for (String token : new String[] {consent, expired, PageTokens.newToken(), "", null}) {
      assertEquals(Optional.empty(), chat.openQuicklyAndView(token), String.valueOf(token));
    }
    assertFalse(withModel.opened(consent));
    assertFalse(withModel.opened(expired));
  }

  /**
   * The page asks {@link org.ltibridge.legacy.control.PlacementManagers} (the rule's home) whether
   * the person may manage the link's assistant exactly when its SQL sees an instructor in a legacy
   * link, on both ways, and shows what it answers; a student's page, or an instructor's in a
   * Unified activity, asks nothing.
   */
  @Test
  void onlyAnInstructorInALegacyLinkIsAskedAboutManagingIt() {
    ActivityRows rows = new ActivityRows(db, "legacy-managers", "https://llm.example.edu/v1");
    long legacy = rows.activity(PLATFORM, "rl-legacy", "Legacy link");
    long unified = rows.activity(PLATFORM, "rl-unified", "Unified");
    Rows.execute(db, "UPDATE lti_activities SET kind = 'LEGACY' WHERE id = ?", legacy);
    long tutor = rows.assistant(legacy, "Tutor", "gpt-x");
    long[] people = {
      rows.student(legacy, "lea", "rl-legacy", "Student-l1"),
      rows.student(legacy, "ivan", "rl-legacy", "Student-l2"),
      rows.student(unified, "uma", "rl-unified", "Student-u1")
    };
    Rows.execute(
        db,
        "UPDATE lti_activity_users SET role = 'INSTRUCTOR' WHERE id IN (?, ?)",
        people[1],
        people[2]);
    List<long[]> asked = new java.util.ArrayList<>();
    chat.managers =
        new org.ltibridge.legacy.control.PlacementManagers() {
          @Override
          public Optional<Long> assistantManagedBy(long activityId, long activityUserId) {
            asked.add(new long[] {activityId, activityUserId});
            return Optional.of(tutor);
          }
        };
    long[][] cases = {{legacy, people[0]}, {legacy, people[1]}, {unified, people[2]}};
    for (long[] c : cases) {
      boolean expected = c[1] == people[1];
      asked.clear();
      ChatService.ChatView full = chat.view(new ChatService.Session(c[0], c[1]));
      assertEquals(expected ? Optional.of(tutor) : Optional.empty(), full.manages());
      assertEquals(expected ? 1 : 0, asked.size());
      String token = rows.pageToken(TokenKind.CHAT, c[0], c[1], inFiveMinutes());
      assertEquals(Optional.of(full), chat.openQuicklyAndView(token));
      assertEquals(expected ? 2 : 0, asked.size());
      if (expected) {
        assertEquals(List.of(c[0], c[1]), List.of(asked.get(1)[0], asked.get(1)[1]));
      }
    }
  }

  private static LocalDateTime inFiveMinutes() {
    return LocalDateTime.now().plusMinutes(5);
  }

  private static void conversation(
      DataSource db, long activity, long user, long assistant, String title, LocalDateTime at) {
    Rows.insert(
        db,
        "conversations",
        "activity_id",
        activity,
        "activity_user_id",
        user,
        "assistant_id",
        assistant,
        "title",
        title,
        "created_at",
        at,
        "updated_at",
        at);
  }
}
