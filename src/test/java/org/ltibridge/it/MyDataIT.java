package org.ltibridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ltibridge.it.Lms.Person;
import org.ltibridge.system.control.SecretBox;
import org.ltibridge.testsupport.FakeChatCompletionsServer;

/**
 * A student's say over their data, over real HTTP: declining review on the consent page (and not
 * being asked again), "Your data" with what is kept and who reads it, their conversations
 * downloaded as JSON and Markdown, and a consent withdrawn that hides their transcripts from the
 * instructors' dashboard at once, earlier ones included. Bad input and the wrong token change
 * nothing.
 */
class MyDataIT extends ItBase {

  static final String MY_DATA = "/lamb/v1/lti/chat/my-data";
  static final String CHATS = "/lamb/v1/lti/dashboard/chats";

  FakeChatCompletionsServer model;
  Lms lms;
  String placement;
  String instructor;
  String dashboard;
  long assistant;

  @BeforeEach
  void activityWithReview() throws Exception {
    model = FakeChatCompletionsServer.start();
    model.requireApiKey("sk-test-123");
    model.replyWith("Forces ", "change motion.");
    String slug = "mydata-" + UUID.randomUUID().toString().substring(0, 8);
    long org =
        db().organization(
                slug, model.baseUrl(), SecretBox.withKey(ChatIT.TEST_KEY).encrypt("sk-test-123"));
    instructor = "teacher-" + slug + "@example.edu";
    db().creatorIn(org, instructor);
    assistant = db().publishedAssistant(org, "Tutor " + slug, "tutor-model", "Be kind.");
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
                    + assistant
                    + "&chat_visibility_enabled=1");
    assertEquals(303, configured.status(), configured.body());
    dashboard = configured.locationToken();
  }

  @AfterEach
  void stopModel() {
    model.close();
  }

  @Test
  void aStudentWhoDeclinesChatsUnreviewedAndIsNotAskedAgain() throws Exception {
    Person sam = Person.student();
    Http.Res launch = lms.launch(sam, placement);
    assertTrue(launch.location().startsWith("/lamb/v1/lti/consent"), launch.location());
    // An answer that is neither agree nor decline: refused, the token still usable.
    assertEquals(
        400,
        http()
            .postForm("/lamb/v1/lti/consent", "token=" + launch.locationToken() + "&choice=maybe")
            .status());
    assertNull(consentVersion(sam));
    Http.Res declined =
        http()
            .postForm(
                "/lamb/v1/lti/consent", "token=" + launch.locationToken() + "&choice=decline");
    assertTrue(declined.location().startsWith("/lamb/v1/lti/chat?token="), declined.location());
    assertNull(db().string(CONSENT_AT, sam.userId()));
    assertTrue(consentVersion(sam) != null, "the notice counts as answered");

    String chat = declined.locationToken();
    assertTrue(String.join("\n", ChatIT.send(chat, message("What is a force?"))).contains("done"));
    // Not asked again at the next launch (the quick way and the full way agree:
    // QuickAndFullLaunchIT).
    Http.Res again = lms.launch(sam, placement);
    assertTrue(again.location().startsWith("/lamb/v1/lti/chat?token="), again.location());
    // The dashboard lists no chat of theirs.
    assertEquals(0, json(get(CHATS, dashboard)).getInt("total"));
    JsonObject mine = json(get(MY_DATA, chat));
    assertEquals("DECLINED", mine.getString("consent"));
    assertFalse(mine.getBoolean("reviewable"));
  }

  @Test
  void aStudentSeesTheirDataDownloadsItAndWithdrawsConsent() throws Exception {
    Person ada = Person.student();
    Http.Res launch = lms.launch(ada, placement);
    Http.Res agreed =
        http()
            .postForm("/lamb/v1/lti/consent", "token=" + launch.locationToken() + "&choice=agree");
    String chat = agreed.locationToken();
    ChatIT.send(chat, message("What is a force?"));
    ChatIT.send(chat, message("And inertia?"));
    assertEquals(2, json(get(CHATS, dashboard)).getInt("total"));

    // What is kept, and who reads it.
    JsonObject mine = json(get(MY_DATA, chat));
    assertEquals(
        db().string("SELECT pseudonym FROM lti_activity_users WHERE lms_user_id = ?", ada.userId()),
        mine.getString("pseudonym"));
    assertEquals(2, mine.getInt("conversations"));
    assertEquals(4, mine.getInt("messages"));
    assertEquals("GIVEN", mine.getString("consent"));
    assertTrue(mine.getBoolean("reviewable"));
    assertFalse(
        mine.toString().contains(ada.email()) || mine.toString().contains(ada.userId()),
        "no LMS identifier in the answer");

    // The page, opened from the chat with the token in the form.
    Http.Res page = http().postForm(MY_DATA, "token=" + chat);
    assertEquals(200, page.status(), page.body());
    assertTrue(page.body().contains(mine.getString("pseudonym")));
    assertTrue(
        page.body().contains("id=\"withdraw\""), "consent given: the page offers withdrawal");

    // Downloads: JSON parsed back, Markdown readable; both attachments.
    Http.Res asJson = get(MY_DATA + "/export?format=json", chat);
    assertEquals(200, asJson.status(), asJson.body());
    assertTrue(asJson.header("Content-Disposition").orElse("").startsWith("attachment"));
    JsonObject export = json(asJson);
    var conversations = export.getJsonArray("conversations");
    assertEquals(2, conversations.size());
    var first = conversations.getJsonObject(0).getJsonArray("messages");
    assertEquals("user", first.getJsonObject(0).getString("role"));
    assertEquals("What is a force?", first.getJsonObject(0).getString("content"));
    assertEquals("Forces change motion.", first.getJsonObject(1).getString("content"));
    assertEquals(mine.getString("pseudonym"), export.getJsonObject("about").getString("pseudonym"));
    Http.Res asMarkdown =
        http().postForm(MY_DATA + "/export", "token=" + chat + "&format=markdown");
    assertEquals(200, asMarkdown.status(), asMarkdown.body());
    assertTrue(asMarkdown.header("Content-Type").orElse("").startsWith("text/markdown"));
    assertTrue(asMarkdown.body().contains("**You**"), asMarkdown.body());
    assertTrue(asMarkdown.body().contains("And inertia?"), asMarkdown.body());
    assertFalse(asMarkdown.body().contains(ada.email()) || asJson.body().contains(ada.userId()));

    // Bad input changes nothing.
    String before = consentRow(ada);
    assertEquals(400, get(MY_DATA + "/export?format=xml", chat).status());
    assertEquals(400, put(MY_DATA + "/consent", chat, "{\"agrees\": \"no\"}").status());
    assertEquals(400, put(MY_DATA + "/consent", chat, "not json").status());
    assertEquals(
        400, http().postForm(MY_DATA + "/consent", "token=" + chat + "&choice=x").status());
    // Only a chat token opens it: none, a forged one, the instructor's dashboard token.
    assertEquals(401, http().get(MY_DATA).status());
    assertTrue(put(MY_DATA + "/consent", "forged", "{\"agrees\": false}").status() >= 400);
    assertTrue(put(MY_DATA + "/consent", dashboard, "{\"agrees\": false}").status() >= 400);
    assertEquals(before, consentRow(ada));

    // Withdrawn from the page: gone from the dashboard at once, earlier chats included.
    Http.Res withdrawn =
        http().postForm(MY_DATA + "/consent", "token=" + chat + "&choice=withdraw");
    assertEquals(200, withdrawn.status(), withdrawn.body());
    assertTrue(withdrawn.body().contains("Your consent is withdrawn"), withdrawn.body());
    assertTrue(withdrawn.body().contains("id=\"agree\""), "and offers to agree again");
    assertEquals(0, json(get(CHATS, dashboard)).getInt("total"));
    long chatId =
        db().count(
                "SELECT MIN(c.id) FROM conversations c JOIN lti_activity_users u"
                    + " ON u.id = c.activity_user_id WHERE u.lms_user_id = ?",
                ada.userId());
    assertEquals(404, get(CHATS + "/" + chatId, dashboard).status());
    // New messages stay hidden too.
    ChatIT.send(chat, message("One more?"));
    assertEquals(0, json(get(CHATS, dashboard)).getInt("total"));
    // Not asked again at the next launch.
    assertTrue(lms.launch(ada, placement).location().startsWith("/lamb/v1/lti/chat?token="));

    // Agreeing again over the API shows them again.
    JsonObject again = json(put(MY_DATA + "/consent", chat, "{\"agrees\": true}"));
    assertEquals("GIVEN", again.getString("consent"));
    assertEquals(3, json(get(CHATS, dashboard)).getInt("total"));
  }

  @Test
  void agreeingWhileReviewIsOffIsAConflictAndWritesNothing() throws Exception {
    String link = Lms.newPlacement();
    Http.Res teacher = lms.launch(Person.instructor(instructor), link);
    http()
        .postForm(
            "/lamb/v1/lti/configure",
            "token=" + teacher.locationToken() + "&assistant_ids=" + assistant);
    Person bo = Person.student();
    Http.Res launch = lms.launch(bo, link);
    assertTrue(launch.location().startsWith("/lamb/v1/lti/chat?token="), launch.location());
    String chat = launch.locationToken();
    JsonObject mine = json(get(MY_DATA, chat));
    assertFalse(mine.getBoolean("transcriptReview"));
    assertEquals(409, put(MY_DATA + "/consent", chat, "{\"agrees\": true}").status());
    assertNull(consentVersion(bo));
    Http.Res page = http().postForm(MY_DATA, "token=" + chat);
    assertTrue(page.body().contains("Nobody reviews your conversations"), page.body());
    assertFalse(page.body().contains("id=\"agree\""), "nothing to agree to");
  }

  static final String CONSENT_AT =
      "SELECT CAST(consent_given_at AS VARCHAR(40)) FROM lti_activity_users WHERE lms_user_id = ?";

  static String consentVersion(Person p) {
    return db().string(
            "SELECT consent_notice_version FROM lti_activity_users WHERE lms_user_id = ?",
            p.userId());
  }

  static String consentRow(Person p) {
    return db().string(CONSENT_AT, p.userId()) + "|" + consentVersion(p);
  }

  String message(String content) {
    return "{\"assistantId\": " + assistant + ", \"content\": " + Json.createValue(content) + "}";
  }

  static Http.Res get(String path, String token) {
    return http().get(path, "Authorization", "Bearer " + token, "Accept", "application/json");
  }

  static Http.Res put(String path, String token, String json) {
    return http().send("PUT", path, "application/json", json, "Authorization", "Bearer " + token);
  }

  static JsonObject json(Http.Res res) {
    assertEquals(200, res.status(), res.body());
    try (var reader = Json.createReader(new StringReader(res.body()))) {
      return reader.readObject();
    }
  }
}
