package org.ltibridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ltibridge.it.AdminApi.array;
import static org.ltibridge.it.AdminApi.object;
import static org.ltibridge.it.CreatorAssistantsIT.ASSISTANTS;
import static org.ltibridge.it.CreatorAssistantsIT.call;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ltibridge.it.Lms.Person;
import org.ltibridge.testsupport.FakeChatCompletionsServer;

/**
 * An assistant's life over real HTTP, with only the model endpoint faked (issue #14): created and
 * edited into versions, previewed without a trace, published, offered to an instructor, chatted
 * with (the conversation keeps the version it began with), unpublished (students can no longer send
 * to it but still read what they wrote); bad input and racing publishes write nothing.
 */
class AssistantLifecycleIT extends ItBase {

  static final String KEY = "sk-lifecycle";
  static final String UNPUBLISHED =
      "This assistant has been unpublished by its creator; choose another assistant.";
  static final String NONE_AVAILABLE = "No assistant is available in this activity right now.";

  FakeChatCompletionsServer model;
  String slug;
  String creatorEmail;
  String creator;
  String colleague;

  /** A fresh organisation whose model endpoint is the fake, with two creators. */
  @BeforeEach
  void organisationWithAModel() throws Exception {
    model = FakeChatCompletionsServer.start();
    model.requireApiKey(KEY);
    String sys = AdminApi.token(AdminConsoleIT.ADMIN, AdminConsoleIT.ADMIN_PASSWORD);
    slug = AdminApi.unique("it-life");
    AdminApiIT.createOrganization(sys, slug);
    Http.Res endpoint =
        AdminApi.call(
            "PUT",
            "/organizations/" + slug + "/model-endpoint",
            sys,
            "{\"base_url\": \"" + model.baseUrl() + "\", \"api_key\": \"" + KEY + "\"}");
    assertEquals(200, endpoint.status(), endpoint.body());
    creatorEmail =
        AdminApiIT.createPerson(sys, slug, "creators", AdminApi.unique("maker") + "@l.example.edu")
            .getString("email");
    creator = AdminApi.token(creatorEmail, AdminApi.activate(creatorEmail));
    String other =
        AdminApiIT.createPerson(sys, slug, "creators", AdminApi.unique("peer") + "@l.example.edu")
            .getString("email");
    colleague = AdminApi.token(other, AdminApi.activate(other));
  }

  @AfterEach
  void stopModel() {
    model.close();
  }

  @Test
  void createEditPreviewPublishChatUnpublish() throws Exception {
    model.listModels("tutor-1", "tutor-2");
    String name = AdminApi.unique("Lifecycle");

    // Created: version 1.
    Http.Res created =
        call(
            "POST",
            ASSISTANTS,
            creator,
            "{\"name\": \""
                + name
                + "\", \"system_prompt\": \"Be Socratic.\", \"model\": \"tutor-1\"}");
    assertEquals(201, created.status(), created.body());
    long id = object(created).getJsonNumber("id").longValue();
    assertEquals(1, object(created).getInt("version"));
    assertTrue(object(created).isNull("temperature"));
    assertFalse(object(created).getBoolean("show_system_prompt"));

    // Edited: version 2 names what changed; the same save again writes nothing.
    String edit =
        "{\"temperature\": 0.4, \"prompt_template\": \"{context}Q: {user_input}\","
            + " \"show_system_prompt\": true}";
    Http.Res edited = call("PATCH", ASSISTANTS + "/" + id, creator, edit);
    assertEquals(200, edited.status(), edited.body());
    assertEquals(2, object(edited).getInt("version"));
    assertEquals(0.4, object(edited).getJsonNumber("temperature").doubleValue());
    assertEquals(200, call("PATCH", ASSISTANTS + "/" + id, creator, edit).status());
    assertEquals(2, versionRows(id), "a save that changes nothing writes no version");

    JsonArray versions = array(call("GET", ASSISTANTS + "/" + id + "/versions", creator, null));
    assertEquals(2, versions.size());
    JsonObject v2 = versions.getJsonObject(0);
    assertEquals(2, v2.getInt("number"));
    assertEquals(
        List.of("temperature", "prompt_template", "show_system_prompt"),
        v2.getJsonArray("changed").getValuesAs(jakarta.json.JsonString.class).stream()
            .map(jakarta.json.JsonString::getString)
            .toList());
    assertEquals(creatorEmail, v2.getString("created_by"));
    assertEquals("created", versions.getJsonObject(1).getJsonArray("changed").getString(0));
    assertEquals("Be Socratic.", versions.getJsonObject(1).getString("system_prompt"));

    JsonObject models = object(call("GET", ASSISTANTS + "/models", creator, null));
    assertTrue(models.getBoolean("listed"), models.toString());
    assertEquals("[\"tutor-1\",\"tutor-2\"]", models.getJsonArray("models").toString());

    // Preview: streamed as a student's chat, from version 2, and nothing is stored.
    String traces = traces();
    List<String> events =
        preview(
            id,
            creator,
            "{\"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}, {\"role\": \"assistant\","
                + " \"content\": \"Hello!\"}, {\"role\": \"user\", \"content\": \"Why?\"}]}");
    assertTrue(events.get(0).startsWith("delta:"), events.toString());
    assertTrue(events.get(events.size() - 1).startsWith("done:"), events.toString());
    JsonObject asked = model.lastRequest().body();
    assertEquals("tutor-1", asked.getString("model"));
    assertEquals(0.4, asked.getJsonNumber("temperature").doubleValue());
    JsonArray turns = asked.getJsonArray("messages");
    assertEquals("system", turns.getJsonObject(0).getString("role"));
    assertEquals("Be Socratic.", turns.getJsonObject(0).getString("content"));
    assertEquals("Hi", turns.getJsonObject(1).getString("content"), "history as written");
    assertEquals("Q: Why?", turns.getJsonObject(3).getString("content"), "template applied");
    assertEquals(traces, traces(), "a preview stores nothing");

    // Unpublished, a colleague may not preview it; nobody signed in may not either.
    assertTrue(preview(id, colleague, "{\"messages\": []}").get(0).startsWith("status:404"));
    assertTrue(preview(id, null, "{\"messages\": []}").get(0).startsWith("status:401"));

    // Published: the setup page offers it; an activity uses it.
    Http.Res published =
        call("PUT", ASSISTANTS + "/" + id + "/publish", creator, "{\"publish_status\": true}");
    assertEquals(200, published.status(), published.body());
    List<String> tried =
        preview(id, colleague, "{\"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}");
    assertTrue(tried.get(0).startsWith("delta:"), "a colleague may try it: " + tried);
    Lms lms = lms();
    String placement = Lms.newPlacement();
    Http.Res setup = lms.launch(Person.instructor(creatorEmail), placement);
    assertEquals(303, setup.status(), setup.body());
    assertTrue(http().follow(setup).body().contains(name), "the setup page offers it");
    Http.Res configured =
        http()
            .postForm(
                "/lamb/v1/lti/configure",
                "token=" + setup.locationToken() + "&assistant_ids=" + id);
    assertEquals(303, configured.status(), configured.body());

    // A student chats: the conversation records version 2, which answers.
    Person student = Person.student();
    Http.Res launch = lms.launch(student, placement);
    String token = launch.locationToken();
    String page = http().follow(launch).body();
    assertTrue(page.contains("<option value=\"" + id + "\""), page);
    assertTrue(page.contains("What this assistant was told: " + name), page);
    assertTrue(page.contains("Be Socratic."), page);
    List<String> chat = ChatIT.send(token, "{\"assistantId\": " + id + ", \"content\": \"F=ma?\"}");
    assertTrue(chat.get(chat.size() - 1).startsWith("done:"), chat.toString());
    long conversation = Long.parseLong(chat.get(0).replaceAll("\\D+", ""));
    assertEquals(
        2,
        db().count(
                "SELECT v.number FROM conversations c JOIN assistant_versions v"
                    + " ON v.id = c.assistant_version_id WHERE c.id = ?",
                conversation));
    assertEquals("Q: F=ma?", lastUserTurn(), "the template applied to the student's message");
    assertEquals(
        "F=ma?",
        db().string(
                "SELECT content FROM chat_messages WHERE conversation_id = ? AND role = 'USER'",
                conversation),
        "what the student typed is stored");

    // A later edit does not change how the conversation answers: it keeps its version.
    assertEquals(
        3,
        object(
                call(
                    "PATCH",
                    ASSISTANTS + "/" + id,
                    creator,
                    "{\"system_prompt\": \"Be brief.\", \"prompt_template\": null}"))
            .getInt("version"));
    ChatIT.send(token, "{\"conversationId\": " + conversation + ", \"content\": \"And?\"}");
    JsonArray continued = model.lastRequest().body().getJsonArray("messages");
    assertEquals("Be Socratic.", continued.getJsonObject(0).getString("content"));
    assertEquals("Q: And?", lastUserTurn());

    // Unpublished: not offered, sending refused, the past still readable.
    assertEquals(
        200,
        call("PUT", ASSISTANTS + "/" + id + "/publish", creator, "{\"publish_status\": false}")
            .status());
    long messages = db().count("SELECT COUNT(*) FROM chat_messages");
    for (String json :
        List.of(
            "{\"assistantId\": " + id + ", \"content\": \"Hello?\"}",
            "{\"conversationId\": " + conversation + ", \"content\": \"Hello?\"}")) {
      String refused = ChatIT.send(token, json).get(0);
      assertTrue(refused.startsWith("status:409"), refused);
      assertTrue(refused.contains(UNPUBLISHED), refused);
    }
    assertEquals(messages, db().count("SELECT COUNT(*) FROM chat_messages"), "nothing written");
    Http.Res past =
        http()
            .get(
                "/lamb/v1/lti/chat/conversations/" + conversation,
                "Authorization",
                "Bearer " + token);
    assertEquals(200, past.status(), past.body());
    assertTrue(past.body().contains("F=ma?"), past.body());

    Http.Res again = lms.launch(student, placement);
    String after = http().follow(again).body();
    assertFalse(after.contains("<option value=\"" + id + "\""), after);
    assertTrue(after.contains(NONE_AVAILABLE), after);
    assertFalse(after.contains("id=\"composer\""), "no composer without an assistant");
    assertTrue(after.contains("F=ma?"), "past conversations stay listed");
  }

  @Test
  void badInputIsRefusedAndWritesNoRowNorVersion() throws Exception {
    model.listModels("tutor-1");
    String name = AdminApi.unique("Checked");
    Http.Res created =
        call("POST", ASSISTANTS, creator, "{\"name\": \"" + name + "\", \"model\": \"tutor-1\"}");
    assertEquals(201, created.status(), created.body());
    long id = object(created).getJsonNumber("id").longValue();
    String before = rows();
    String[][] cases = {
      {"{\"name\": \"A\", \"prompt_template\": \"Answer kindly.\"}", "{user_input}"},
      {"{\"name\": \"B\", \"temperature\": 3}", "temperature"},
      {"{\"name\": \"C\", \"temperature\": \"warm\"}", "temperature"},
      {"{\"name\": \"D\", \"model\": \"tutor-9\"}", "tutor-1"},
    };
    for (String[] c : cases) {
      for (String[] request :
          new String[][] {{"POST", ASSISTANTS}, {"PATCH", ASSISTANTS + "/" + id}}) {
        Http.Res res = call(request[0], request[1], creator, c[0]);
        assertEquals(400, res.status(), request[0] + " " + c[0] + " → " + res.body());
        assertTrue(object(res).getString("message").contains(c[1]), res.body());
      }
    }
    for (String bad :
        List.of(
            "{\"messages\": [{\"role\": \"assistant\", \"content\": \"Hi\"}]}",
            "{\"messages\": [{\"role\": \"user\"}]}",
            "{\"messages\": \"Hi\"}")) {
      assertTrue(preview(id, creator, bad).get(0).startsWith("status:400"), bad);
    }
    assertEquals(before, rows(), "nothing written");
  }

  @Test
  void aTypedModelIsAcceptedWhenTheEndpointListsNone() throws Exception {
    JsonObject models = object(call("GET", ASSISTANTS + "/models", creator, null));
    assertFalse(models.getBoolean("listed"), models.toString());
    assertEquals(0, models.getJsonArray("models").size());
    Http.Res created =
        call(
            "POST",
            ASSISTANTS,
            creator,
            "{\"name\": \"" + AdminApi.unique("Typed") + "\", \"model\": \"my-own-model\"}");
    assertEquals(201, created.status(), created.body());

    // Without a model a preview says why it cannot answer, and asks nobody.
    Http.Res bare =
        call("POST", ASSISTANTS, creator, "{\"name\": \"" + AdminApi.unique("Bare") + "\"}");
    int asked = model.completions().size();
    List<String> events =
        preview(
            object(bare).getJsonNumber("id").longValue(),
            creator,
            "{\"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}");
    assertEquals(1, events.size(), events.toString());
    assertTrue(events.get(0).startsWith("notice:") && events.get(0).contains("give it a model"));
    assertEquals(asked, model.completions().size());
  }

  /** Two names that give the same consumer key (they differ after 50 characters). */
  @Test
  void racingPublishesOfOneConsumerKeyGiveItToOne() throws Exception {
    String stem = AdminApi.unique("Racing") + " " + "x".repeat(50);
    List<Long> ids = new ArrayList<>();
    for (String tail : List.of(" one", " two")) {
      Http.Res created = call("POST", ASSISTANTS, creator, "{\"name\": \"" + stem + tail + "\"}");
      assertEquals(201, created.status(), created.body());
      ids.add(object(created).getJsonNumber("id").longValue());
    }
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Http.Res> answers = new ArrayList<>();
    try {
      List<Callable<Http.Res>> both = new ArrayList<>();
      for (long id : ids) {
        both.add(
            () ->
                call(
                    "PUT",
                    ASSISTANTS + "/" + id + "/publish",
                    creator,
                    "{\"publish_status\": true}"));
      }
      for (Future<Http.Res> r : pool.invokeAll(both)) {
        answers.add(r.get());
      }
    } finally {
      pool.shutdownNow();
    }
    List<Integer> statuses = answers.stream().map(Http.Res::status).sorted().toList();
    assertEquals(List.of(200, 409), statuses, answers.toString());
    Http.Res refused = answers.stream().filter(a -> a.status() == 409).findFirst().orElseThrow();
    assertTrue(object(refused).getString("message").contains("consumer key"), refused.body());
    assertEquals(
        1,
        db().count(
                "SELECT COUNT(*) FROM assistant_publications WHERE assistant_id IN (?, ?)",
                ids.get(0),
                ids.get(1)));
  }

  @Test
  void twoSavesAtOnceMakeTwoVersionsAndKeepBoth() throws Exception {
    Http.Res created =
        call("POST", ASSISTANTS, creator, "{\"name\": \"" + AdminApi.unique("Busy") + "\"}");
    long id = object(created).getJsonNumber("id").longValue();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Integer> statuses = new ArrayList<>();
    try {
      List<Callable<Integer>> both = new ArrayList<>();
      for (String change : List.of("{\"description\": \"Busy\"}", "{\"temperature\": 1.5}")) {
        both.add(() -> call("PATCH", ASSISTANTS + "/" + id, creator, change).status());
      }
      for (Future<Integer> r : pool.invokeAll(both)) {
        statuses.add(r.get());
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(List.of(200, 200), statuses);
    JsonObject now = object(call("GET", ASSISTANTS + "/" + id, creator, null));
    assertEquals(3, now.getInt("version"));
    assertEquals("Busy", now.getString("description"));
    assertEquals(1.5, now.getJsonNumber("temperature").doubleValue());
    assertEquals(3, versionRows(id));
  }

  /** The rows a refused authoring request must leave as they were. */
  private static String rows() {
    return db().string(
            "SELECT (SELECT COUNT(*) FROM assistants) || '/' || (SELECT COUNT(*) FROM"
                + " assistant_versions) || '/' || (SELECT COUNT(*) FROM admin_audit) || '/' ||"
                + " (SELECT COALESCE(SUM(current_version), 0) FROM assistants)");
  }

  /** What dashboards and chat statistics count: conversations and messages. */
  private static String traces() {
    return db().string(
            "SELECT (SELECT COUNT(*) FROM conversations) || '/' || (SELECT COUNT(*) FROM"
                + " chat_messages)");
  }

  private static long versionRows(long assistant) {
    return db().count("SELECT COUNT(*) FROM assistant_versions WHERE assistant_id = ?", assistant);
  }

  private String lastUserTurn() {
    JsonArray turns = model.lastRequest().body().getJsonArray("messages");
    return turns.getJsonObject(turns.size() - 1).getString("content");
  }

  /**
   * The console's editor page calls the editor's reads and preview without a token: they act for
   * the account signed in to the console. A request that brings a token is judged by the token
   * alone.
   */
  @Test
  void theConsolesEditorActsForItsSignedInAccount() throws Exception {
    String password = AdminApi.activate(creatorEmail);
    Browser browser = new Browser(base());
    AdminConsoleIT.signInFromConsole(browser, creatorEmail, password);
    String session = browser.cookie(AdminConsoleIT.SIGN_IN_COOKIE).orElseThrow();
    Http.Res created =
        call(
            "POST",
            ASSISTANTS,
            creator,
            "{\"name\": \"" + AdminApi.unique("Console") + "\", \"model\": \"tutor-1\"}");
    long id = object(created).getJsonNumber("id").longValue();

    Http.Res versions = browser.get(ASSISTANTS + "/" + id + "/versions");
    assertEquals(200, versions.status(), versions.body());
    assertTrue(versions.body().contains("\"created\""), versions.body());
    String hi = "{\"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}";
    List<String> events =
        preview(id, null, hi, "Cookie", AdminConsoleIT.SIGN_IN_COOKIE + "=" + session);
    assertTrue(events.get(events.size() - 1).startsWith("done:"), events.toString());

    assertTrue(
        preview(id, "not-a-token", hi, "Cookie", AdminConsoleIT.SIGN_IN_COOKIE + "=" + session)
            .get(0)
            .startsWith("status:401"),
        "a token that is no token does not fall back to the session");
    assertTrue(preview(id, null, hi).get(0).startsWith("status:401"), "no session, no preview");
  }

  /** The events of a preview, as "name:data", or "status:…" when refused. */
  static List<String> preview(long id, String token, String json, String... headers)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base().resolve(ASSISTANTS.substring(1) + "/" + id + "/preview"))
            .header("Content-Type", "application/json")
            .header("Accept", "text/event-stream")
            .timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofString(json));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    HttpResponse<java.io.InputStream> res =
        HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    List<String> events = new ArrayList<>();
    if (res.statusCode() != 200) {
      events.add(
          "status:"
              + res.statusCode()
              + ":"
              + new String(res.body().readAllBytes(), StandardCharsets.UTF_8));
      return events;
    }
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(res.body(), StandardCharsets.UTF_8))) {
      String name = null;
      for (String line; (line = in.readLine()) != null; ) {
        if (line.startsWith("event:")) {
          name = line.substring(6).strip();
        } else if (line.startsWith("data:")) {
          events.add(name + ":" + line.substring(5).strip());
        }
      }
    }
    return events;
  }
}
