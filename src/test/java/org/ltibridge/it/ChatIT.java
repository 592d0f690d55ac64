package org.ltibridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ltibridge.it.Lms.Person;
import org.ltibridge.system.control.SecretBox;
import org.ltibridge.testsupport.FakeChatCompletionsServer;

/**
 * The built-in chat over real HTTP, with a fake OpenAI-compatible model server speaking the
 * streaming wire protocol: replies stream as Server-Sent Events and are stored; without a model the
 * student's message is still kept; instructors see the transcript pseudonymised.
 */
class ChatIT extends ItBase {

  static final byte[] TEST_KEY = new byte[32];

  static {
    for (int i = 0; i < 32; i++) {
      TEST_KEY[i] = (byte) i; // the LTI_BRIDGE_ENCRYPTION_KEY the server runs with (pom.xml)
    }
  }

  FakeChatCompletionsServer model;
  String instructor;
  long assistantId;
  Lms lms;
  String placement;
  long org;

  @BeforeEach
  void organisationWithAModel() throws Exception {
    model = FakeChatCompletionsServer.start();
    model.requireApiKey("sk-test-123");
    model.replyWith("Think about ", "Newton's ", "second law.");
    String slug = "chat-" + UUID.randomUUID().toString().substring(0, 8);
    org =
        db().organization(
                slug, model.baseUrl(), SecretBox.withKey(TEST_KEY).encrypt("sk-test-123"));
    instructor = "teacher-" + slug + "@example.edu";
    db().creatorIn(org, instructor);
    assistantId = db().publishedAssistant(org, "Tutor " + slug, "tutor-model", "Be Socratic.");
    lms = lms();
    placement = Lms.newPlacement();
    Http.Res launch = lms.launch(Person.instructor(instructor), placement);
    Http.Res configured =
        http()
            .postForm(
                "/lamb/v1/lti/configure",
                "token="
                    + launch.locationToken()
                    + "&assistant_ids="
                    + assistantId
                    + "&chat_visibility_enabled=1");
    assertEquals(303, configured.status(), configured.body());
  }

  @AfterEach
  void stopModel() {
    model.close();
  }

  /** The events of one streamed reply, in order, as "name:data". */
  static List<String> send(String token, String json) throws Exception {
    return send(base(), token, json);
  }

  /** The same against the instance at {@code base}. */
  static List<String> send(java.net.URI base, String token, String json) throws Exception {
    return sendTo(base.resolve("lamb/v1/lti/chat/messages"), token, json);
  }

  /** The same as a chat page in {@code lang} sends it (chat.js adds the page's language). */
  static List<String> sendIn(String lang, String token, String json) throws Exception {
    return sendTo(base().resolve("lamb/v1/lti/chat/messages?lang=" + lang), token, json);
  }

  private static List<String> sendTo(java.net.URI messages, String token, String json)
      throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(messages)
            .header("Content-Type", "application/json")
            .header("Accept", "text/event-stream")
            .header("Authorization", "Bearer " + token)
            .timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build();
    HttpResponse<java.io.InputStream> res =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
    List<String> events = new ArrayList<>();
    if (res.statusCode() != 200) {
      events.add(
          "status:"
              + res.statusCode()
              + ":"
              + new String(res.body().readAllBytes(), StandardCharsets.UTF_8));
      return events;
    }
    assertTrue(res.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
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

  String studentChatToken() {
    Http.Res launch = lms.launch(Person.student(), placement);
    assertTrue(launch.location().startsWith("/lamb/v1/lti/consent"));
    Http.Res consented = http().postForm("/lamb/v1/lti/consent", "token=" + launch.locationToken());
    return consented.locationToken();
  }

  /**
   * The page a student lands on is written without JSF ({@code ChatPageFilter}): what it shows is
   * escaped, it carries the LTI pages' headers, the style sheet and script it links are served, and
   * its token opens once (the second GET reaches JAX-RS, which says why not).
   */
  @Test
  void thePageShowsItsDataEscapedAndItsTokenOpensOnce() throws Exception {
    // No model: the page marks it as unable to answer.
    long quiz = db().publishedAssistant(org, "<b>Quiz</b> & \"Co\"", " ", "Ask.");
    String link = Lms.newPlacement();
    Http.Res teacher = lms.launch(Person.instructor(instructor), link);
    Http.Res configured =
        http()
            .postForm(
                "/lamb/v1/lti/configure",
                "token="
                    + teacher.locationToken()
                    + "&assistant_ids="
                    + assistantId
                    + "&assistant_ids="
                    + quiz
                    + "&activity_name=%3Ci%3EStats+%26+%22Probability%22%3C%2Fi%3E");
    assertEquals(303, configured.status(), configured.body());
    Http.Res launch = lms.launch(Person.student(), link);
    assertTrue(launch.location().startsWith("/lamb/v1/lti/chat?token="), launch.location());
    String token = launch.locationToken();
    send(token, "{\"assistantId\": " + quiz + ", \"content\": \"<script>x()</script> why?\"}");

    Http.Res page = http().follow(launch);
    assertEquals(200, page.status(), page.body());
    assertEquals("no-store", page.header("Cache-Control").orElse(""));
    assertTrue(page.header("Content-Type").orElse("").startsWith("text/html"));
    assertEquals("no-referrer", page.header("Referrer-Policy").orElse(""));
    assertTrue(page.header("Content-Security-Policy").orElse("").contains("frame-ancestors"));
    assertTrue(page.header("X-Frame-Options").isEmpty(), "framed by the LMS");
    String html = page.body();
    assertTrue(html.contains("&lt;i&gt;Stats &amp; &quot;Probability&quot;&lt;/i&gt;"), html);
    assertTrue(html.contains("&lt;b&gt;Quiz&lt;/b&gt; &amp; &quot;Co&quot;"), html);
    assertTrue(html.contains("&lt;script&gt;x()&lt;/script&gt; why?"), html);
    assertFalse(html.contains("<i>Stats") || html.contains("<b>Quiz") || html.contains("x()</"));
    assertTrue(html.contains("data-token=\"" + token + "\""), html);
    assertTrue(html.contains("<option value=\"" + quiz + "\" data-answering=\"false\">"), html);
    assertTrue(html.contains("<option value=\"" + assistantId + "\" data-answering=\"true\">"));
    for (String linked : List.of("app.css?ln=ltibridge", "chat.js?ln=ltibridge")) {
      String path = html.replaceAll("(?s).*\"([^\"]*" + linked.replace("?", "\\?") + ")\".*", "$1");
      Http.Res resource = http().get(path);
      assertEquals(200, resource.status(), path);
      assertFalse(resource.body().isBlank(), path);
    }

    Http.Res again = http().follow(launch, "Accept", "text/html");
    assertEquals(410, again.status(), again.body());
    assertTrue(again.body().contains("already opened once"), again.body());
  }

  @Test
  void replyIsStreamedStoredAndShownPseudonymised() throws Exception {
    String token = studentChatToken();
    List<String> events =
        send(token, "{\"assistantId\": " + assistantId + ", \"content\": \"What is F=ma?\"}");
    assertTrue(events.get(0).startsWith("conversation:{\"id\":"), events.toString());
    assertEquals(
        List.of(
            "delta:{\"text\":\"Think about \"}",
            "delta:{\"text\":\"Newton's \"}",
            "delta:{\"text\":\"second law.\"}"),
        events.subList(1, 4));
    assertTrue(events.get(4).startsWith("done:"), events.toString());

    // The model got the system prompt, the message, the model name and the key.
    var request = model.lastRequest();
    assertEquals("Bearer sk-test-123", request.header("Authorization").orElseThrow());
    assertEquals("tutor-model", request.body().getString("model"));
    assertEquals(
        "Be Socratic.",
        request.body().getJsonArray("messages").getJsonObject(0).getString("content"));
    assertTrue(request.body().getBoolean("stream"));

    assertEquals(
        2,
        db().count(
                "SELECT COUNT(*) FROM chat_messages m JOIN conversations c ON c.id = m.conversation_id"
                    + " JOIN lti_activities a ON a.id = c.activity_id WHERE a.resource_link_id = ?",
                placement));

    // The instructor's dashboard API shows the transcript under the pseudonym only.
    String dashboard = lms.launch(Person.instructor(instructor), placement).locationToken();
    Http.Res stats =
        http().get("/lamb/v1/lti/dashboard/stats", "Authorization", "Bearer " + dashboard);
    assertEquals(200, stats.status(), stats.body());
    assertTrue(
        stats.body().contains("\"students\":1") && stats.body().contains("\"messages\":2"),
        stats.body());
    Http.Res chats =
        http().get("/lamb/v1/lti/dashboard/chats", "Authorization", "Bearer " + dashboard);
    assertEquals(200, chats.status(), chats.body());
    String id = chats.body().replaceAll("(?s).*\"id\":(\\d+).*", "$1");
    Http.Res transcript =
        http().get("/lamb/v1/lti/dashboard/chats/" + id, "Authorization", "Bearer " + dashboard);
    assertEquals(200, transcript.status(), transcript.body());
    assertTrue(
        transcript.body().contains("What is F=ma?") && transcript.body().contains("second law."));
    assertTrue(transcript.body().matches("(?s).*Student [A-Z2-9]{5}.*"), transcript.body());
    assertFalse(transcript.body().contains("Sam Student"), "no real names");
    assertFalse(transcript.body().contains("@example.edu"), "no emails");
  }

  @Test
  void conversationContinuesWithItsHistory() throws Exception {
    String token = studentChatToken();
    List<String> first = send(token, "{\"assistantId\": " + assistantId + ", \"content\": \"Hi\"}");
    String conversation = first.get(0).replaceAll("\\D+", "");
    send(token, "{\"conversationId\": " + conversation + ", \"content\": \"And then?\"}");
    var messages = model.lastRequest().body().getJsonArray("messages");
    assertEquals(4, messages.size(), messages.toString()); // system, user, assistant, user
    Http.Res history =
        http()
            .get(
                "/lamb/v1/lti/chat/conversations/" + conversation,
                "Authorization",
                "Bearer " + token);
    assertEquals(200, history.status());
    assertTrue(history.body().contains("And then?"));
  }

  @Test
  void modelFailureIsReportedAndTheMessageKept() throws Exception {
    model.failWith(500, "{\"error\":{\"message\":\"overloaded\"}}");
    String token = studentChatToken();
    List<String> events =
        send(token, "{\"assistantId\": " + assistantId + ", \"content\": \"Still there?\"}");
    assertTrue(events.get(events.size() - 1).startsWith("notice:"), events.toString());
    assertFalse(events.toString().contains("sk-test-123"), "never the key");
    assertEquals(
        1,
        db().count(
                "SELECT COUNT(*) FROM chat_messages m JOIN conversations c ON c.id = m.conversation_id"
                    + " JOIN lti_activities a ON a.id = c.activity_id WHERE a.resource_link_id = ?"
                    + " AND m.role = 'USER' AND m.content = 'Still there?'",
                placement));
  }

  @Test
  void badMessagesAreRefusedAndWriteNothing() throws Exception {
    String token = studentChatToken();
    long before = db().count("SELECT COUNT(*) FROM chat_messages");
    assertTrue(send(token, "{not json").get(0).startsWith("status:400"));
    assertTrue(
        send(token, "{\"assistantId\": " + assistantId + ", \"content\": \"  \"}")
            .get(0)
            .startsWith("status:400"));
    assertTrue(
        send(token, "{\"assistantId\": 999999, \"content\": \"hi\"}")
            .get(0)
            .startsWith("status:400"));
    assertTrue(
        send(token, "{\"conversationId\": 999999, \"content\": \"hi\"}")
            .get(0)
            .startsWith("status:404"));
    assertTrue(
        send("not-a-token", "{\"assistantId\": " + assistantId + ", \"content\": \"hi\"}")
            .get(0)
            .startsWith("status:401"));
    assertEquals(before, db().count("SELECT COUNT(*) FROM chat_messages"));
  }

  @Test
  void withoutAModelTheMessageIsKeptAndThePageSaysSo() throws Exception {
    Lms other = lms();
    String place = Lms.newPlacement();
    Activities.configure(other, place, false); // demo organisation: no model configured
    Http.Res launch = other.launch(Person.student(), place);
    String token = launch.locationToken();
    Http.Res page = http().follow(launch);
    assertTrue(page.body().contains("No language model is configured"), "the page says so plainly");
    long physics = db().demoAssistant("Physics Tutor");
    List<String> events =
        send(token, "{\"assistantId\": " + physics + ", \"content\": \"Hello?\"}");
    assertTrue(
        events.get(events.size() - 1).contains("No language model is configured"),
        events.toString());
    assertEquals(
        1,
        db().count(
                "SELECT COUNT(*) FROM chat_messages m JOIN conversations c ON c.id = m.conversation_id"
                    + " JOIN lti_activities a ON a.id = c.activity_id WHERE a.resource_link_id = ?",
                place));
  }

  @Test
  void chatsAnswer403WhenReviewIsOff() {
    Lms other = lms();
    String place = Lms.newPlacement();
    String dashboard = Activities.configure(other, place, false);
    Http.Res chats =
        http().get("/lamb/v1/lti/dashboard/chats", "Authorization", "Bearer " + dashboard);
    assertEquals(403, chats.status());
    assertTrue(chats.body().contains("Transcript review is switched off"));
    assertEquals(
        403,
        http()
            .get("/lamb/v1/lti/dashboard/chats/1", "Authorization", "Bearer " + dashboard)
            .status());
    assertEquals(
        200,
        http()
            .get("/lamb/v1/lti/dashboard/students", "Authorization", "Bearer " + dashboard)
            .status());
  }
}
