package org.ltibridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.ltibridge.it.Lms.Person;
import org.ltibridge.testsupport.FakeChatCompletionsServer;
import org.ltibridge.testsupport.PostgresTestDatabase;

/**
 * The README's "First steps on a real database", done as university IT would: LTI Bridge started on
 * an empty PostgreSQL database with {@code LTI_BRIDGE_DEMO=false} and no configured admin password,
 * then nothing but the console (sign-in, one-time passwords, the LTI 1.1 secret) and the admin API,
 * until an instructor configures an activity from the LMS and a student chats in it. No SQL
 * anywhere: every row comes from a request.
 */
class FirstStepsIT extends ItBase {

  /**
   * Dropped and created afresh by this test: several checkouts on one PostgreSQL server each give
   * their own name ({@code -Dit.first-steps.db=...}), or one run's drop closes another's
   * connections.
   */
  static final String DATABASE = System.getProperty("it.first-steps.db", "ltibridge_first_steps");

  @Test
  void fromAnEmptyDatabaseToAStudentChattingWithoutSql() throws Exception {
    String url = PostgresTestDatabase.empty(DATABASE);
    Path data = Path.of("target", "first-steps-data");
    deleteTree(data);
    try (FakeChatCompletionsServer model = FakeChatCompletionsServer.start();
        PayaraProcess server =
            new PayaraProcess(base())
                .log("target/it-first-steps.log")
                .env("LTI_BRIDGE_PUBLIC_URL", null)
                .env("LTI_BRIDGE_DB_URL", url)
                .env("LTI_BRIDGE_DEMO", "false")
                .env("LTI_BRIDGE_DATA_DIR", data.toAbsolutePath().toString())
                .env("LTI_BRIDGE_ADMIN_USERNAME", null)
                .env("LTI_BRIDGE_ADMIN_PASSWORD", null)
                .env("LTI_GLOBAL_CONSUMER_KEY", null)
                .env("LTI_GLOBAL_SECRET", null)
                .start()) {
      model.requireApiKey("sk-first-steps");
      model.replyWith("Energy is ", "conserved.");
      Http http = new Http(server.base());

      // 1. The first system admin's one-time password is in the data directory; the console
      //    makes them choose their own before anything else.
      String oneTime = oneTimePasswordIn(data.resolve("initial-admin-password.txt"));
      String adminPassword = "first-steps-admin-password";
      Browser console = new Browser(server.base());
      changeOneTimePassword(console, "admin", oneTime, adminPassword);

      // 2. The Unified LTI 1.1 key and secret for the LMS: generated at first start, revealed in
      //    the console.
      Http.Res home = console.get(AdminConsoleIT.HOME);
      String consumerKey = group(home.body(), "<code id=\"consumer-key\">([^<]+)</code>");
      Http.Res revealed = console.ajax(Browser.Form.in(home.body(), "lti"), "lti:reveal", "lti");
      String consumerSecret = group(revealed.body(), "<code id=\"consumer-secret\">([^<]+)</code>");

      // 3. The admin API, as IT scripts it.
      String admin = token(http, "admin", adminPassword);
      JsonObject org =
          json(
              http.postJson(
                  "/api/v1/admin/organizations",
                  "{\"slug\": \"physics\", \"name\": \"Faculty of Physics\"}",
                  bearer(admin)),
              201);
      assertEquals("physics", org.getString("slug"));
      JsonObject head =
          json(
              http.postJson(
                  "/api/v1/admin/organizations/physics/admins",
                  "{\"email\": \"head@physics.example.edu\", \"name\": \"Head of IT\"}",
                  bearer(admin)),
              201);
      changeOneTimePassword(
          new Browser(server.base()),
          "head@physics.example.edu",
          head.getString("one_time_password"),
          "head-of-it-password-1");
      String orgAdmin = token(http, "head@physics.example.edu", "head-of-it-password-1");

      json(
          http.send(
              "PUT",
              "/api/v1/admin/organizations/physics/model-endpoint",
              "application/json",
              "{\"base_url\": \"" + model.baseUrl() + "\", \"api_key\": \"sk-first-steps\"}",
              bearer(orgAdmin)),
          200);
      JsonObject ada =
          json(
              http.postJson(
                  "/api/v1/admin/organizations/physics/creators",
                  "{\"email\": \"ada@physics.example.edu\", \"name\": \"Ada Lovelace\"}",
                  bearer(orgAdmin)),
              201);

      // 4. The creator signs in once (their own password), then builds and publishes an assistant.
      changeOneTimePassword(
          new Browser(server.base()),
          "ada@physics.example.edu",
          ada.getString("one_time_password"),
          "ada-lovelace-password-1");
      String creator = token(http, "ada@physics.example.edu", "ada-lovelace-password-1");
      JsonObject tutor =
          json(
              http.postJson(
                  "/api/v1/creator/assistants",
                  "{\"name\": \"Mechanics Tutor\", \"description\": \"First-year mechanics\","
                      + " \"system_prompt\": \"Guide with questions.\", \"model\": \"tutor-1\"}",
                  bearer(creator)),
              201);
      long tutorId = tutor.getJsonNumber("id").longValue();
      JsonObject published =
          json(
              http.send(
                  "PUT",
                  "/api/v1/creator/assistants/" + tutorId + "/publish",
                  "application/json",
                  "{\"publish_status\": true}",
                  bearer(creator)),
              200);
      assertTrue(published.getBoolean("published"), published.toString());

      // 5. The LMS: Ada adds the link to her course and configures it; a student chats.
      Lms lms = new Lms(server.base(), consumerKey, consumerSecret);
      String placement = Lms.newPlacement();
      Http.Res setup = lms.launch(Person.instructor("ada@physics.example.edu"), placement);
      assertEquals(303, setup.status(), setup.body());
      assertTrue(setup.location().startsWith("/lamb/v1/lti/setup"), setup.location());
      Http.Res configured =
          http.postForm(
              "/lamb/v1/lti/configure",
              "token="
                  + setup.locationToken()
                  + "&assistant_ids="
                  + tutorId
                  + "&activity_name="
                  + URLEncoder.encode("Mechanics help", StandardCharsets.UTF_8));
      assertEquals(303, configured.status(), configured.body());
      assertTrue(configured.location().startsWith("/lamb/v1/lti/dashboard"));

      Http.Res student = lms.launch(Person.student(), placement);
      assertEquals(303, student.status(), student.body());
      assertTrue(student.location().startsWith("/lamb/v1/lti/chat"), student.location());
      List<String> events =
          ChatIT.send(
              server.base(),
              student.locationToken(),
              "{\"assistantId\": " + tutorId + ", \"content\": \"Why does a ball bounce?\"}");
      assertTrue(String.join("", events).contains("Energy is"), events.toString());

      // 6. The org admin sees the activity, owned by Ada, with its student.
      JsonObject activity =
          Json.createReader(
                  new StringReader(
                      http.get("/api/v1/admin/organizations/physics/activities", bearer(orgAdmin))
                          .body()))
              .readArray()
              .getJsonObject(0);
      assertEquals("Mechanics help", activity.getString("name"));
      assertEquals("ada@physics.example.edu", activity.getString("owner_email"));
      assertEquals(1, activity.getJsonNumber("students").longValue());
    }
  }

  /** Signs in with a one-time password and chooses a password on the page the console forces. */
  static void changeOneTimePassword(
      Browser browser, String username, String oneTime, String chosen) {
    Http.Res login = browser.get(AdminConsoleIT.LOGIN);
    Http.Res signedIn =
        browser.settle(
            browser.submit(
                Browser.Form.in(login.body(), "login")
                    .with("login:username", username)
                    .with("login:password", oneTime),
                "login:signIn"));
    assertEquals(
        AdminConsoleIT.PASSWORD_PAGE,
        signedIn.raw().uri().getPath(),
        "a one-time password leads to the password page: " + signedIn.body());
    Http.Res changed =
        browser.settle(
            browser.submit(
                Browser.Form.in(signedIn.body(), "password")
                    .with("password:current", oneTime)
                    .with("password:fresh", chosen)
                    .with("password:repeat", chosen),
                "password:change"));
    assertFalse(
        changed.raw().uri().getPath().equals(AdminConsoleIT.PASSWORD_PAGE)
            && changed.body().contains("password:current"),
        "the password was changed: " + changed.body());
  }

  static String token(Http http, String username, String password) {
    Http.Res res =
        http.postForm(
            "/api/v1/admin/token",
            "username="
                + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8));
    return json(res, 200).getString("access_token");
  }

  static String[] bearer(String token) {
    return new String[] {"Authorization", "Bearer " + token, "Accept", "application/json"};
  }

  static JsonObject json(Http.Res res, int status) {
    assertEquals(status, res.status(), res.body());
    JsonValue v = Json.createReader(new StringReader(res.body())).readValue();
    return v.asJsonObject();
  }

  private static String oneTimePasswordIn(Path file) throws Exception {
    return group(Files.readString(file), "one-time password: (\\S+)");
  }

  private static String group(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertTrue(m.find(), regex + " in " + text);
    return m.group(1);
  }

  private static void deleteTree(Path dir) throws Exception {
    if (Files.exists(dir)) {
      try (Stream<Path> all = Files.walk(dir)) {
        for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }
}
