package org.ltibridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The built-in test LMS: with the demo data, LTI Bridge's platform role launches the demo course's
 * "AI assistants" activity into its own LTI 1.3 tool role, with no LMS anywhere. The demo
 * instructor gets the setup page, configures the activity and lands on the dashboard; a demo
 * student then lands in the chat. Every hop is real HTTP: learner page, {@code /lti/launch}, {@code
 * /lti13/login}, {@code /lti/authorize}, {@code /lti13/launch}.
 */
class BuiltInLmsIT extends ItBase {

  static final String INSTRUCTOR = "demo-instructor@example.edu";
  static final String STUDENT = "grace.learner@example.edu";

  @BeforeAll
  static void knownPasswords() {
    // The demo learners share a random password written to the data directory; the test gives
    // the two it uses a known one instead.
    for (String email : new String[] {INSTRUCTOR, STUDENT}) {
      assertEquals(
          1,
          db().update(
                  "UPDATE learners SET password_hash = ? WHERE email = ?",
                  AdminConsoleIT.pbkdf2(PlatformFixture.PASSWORD),
                  email),
          email + " is a demo learner");
    }
  }

  @Test
  void instructorSetsUpTheActivityAndAStudentChatsWithoutAnyLms() {
    Browser instructor = PlatformFixture.signedInLearner(INSTRUCTOR);
    Http.Res learnPage = instructor.get("/ui/learn/index.xhtml");
    assertEquals(200, learnPage.status(), learnPage.body());
    assertTrue(learnPage.body().contains("Introduction to AI"), learnPage.body());
    String deployment =
        db().string(
                "SELECT d.deployment_id FROM lti_deployments d JOIN lti_tools t ON d.tool_id = t.id"
                    + " WHERE t.client_id = 'lti-bridge-built-in'");
    assertTrue(learnPage.body().contains(deployment), "the launch button of the built-in tool");
    assertEquals(
        1,
        db().count(
                "SELECT COUNT(*) FROM lti13_registrations WHERE client_id = 'lti-bridge-built-in'"
                    + " AND status = 'ENABLED' AND issuer = ?",
                base().toString().replaceAll("/$", "")),
        "our tool role trusts our platform at the address in use");

    Http.Res setup = launch(instructor, deployment);
    assertTrue(setup.body().contains("name=\"assistant_ids\""), setup.body());
    String token = PlatformFixture.hidden(setup.body(), "token");
    String assistant = PlatformFixture.hidden(setup.body(), "assistant_ids");
    Http.Res configured =
        instructor.postEncoded(
            "/lamb/v1/lti/configure",
            "token="
                + PlatformFixture.enc(token)
                + "&assistant_ids="
                + assistant
                + "&activity_name=Built-in+LMS+activity");
    assertEquals(303, configured.status(), configured.body());
    assertTrue(configured.location().contains("/lamb/v1/lti/dashboard"), configured.location());

    Browser student = PlatformFixture.signedInLearner(STUDENT);
    Http.Res chat = launch(student, deployment);
    assertTrue(chat.body().contains("Built-in LMS activity"), chat.body());
    assertTrue(chat.body().contains("id=\"composer\""), "the student is in the chat");
    assertEquals(
        1,
        db().count(
                "SELECT COUNT(*) FROM lti_activity_users u JOIN lti_activities a ON u.activity_id"
                    + " = a.id WHERE a.activity_name = 'Built-in LMS activity'"
                    + " AND u.role = 'STUDENT'"));
  }

  /**
   * Creator LTI over LTI 1.3 through the built-in test LMS: the course's placement points at the
   * Creator link ({@code /lamb/v1/lti_creator/launch}), and the demo instructor lands signed in in
   * the creator interface of the registration's organisation, answered at once (no redirect, no
   * cookie), with a creator of that organisation made for them.
   */
  @Test
  void theCreatorLinkOverLti13LandsTheInstructorInTheCreatorInterface() {
    // The learner page is where the built-in course's placement shows (and is made at first).
    Browser instructor = PlatformFixture.signedInLearner(INSTRUCTOR);
    assertEquals(200, instructor.get("/ui/learn/index.xhtml").status());
    String placement =
        "SELECT c.id FROM lti_course_configs c JOIN lti_tools t ON c.tool_id = t.id"
            + " WHERE t.client_id = 'lti-bridge-built-in'";
    long config = db().count(placement);
    String before =
        db().string("SELECT external_course_url FROM lti_course_configs WHERE id = ?", config);
    db().update(
            "UPDATE lti_course_configs SET external_course_url = ? WHERE id = ?",
            base().resolve("lamb/v1/lti_creator/launch").toString(),
            config);
    try {
      String deployment =
          db().string(
                  "SELECT d.deployment_id FROM lti_deployments d JOIN lti_tools t ON d.tool_id ="
                      + " t.id WHERE t.client_id = 'lti-bridge-built-in'");
      Http.Res landed = idToken(instructor, deployment);
      assertEquals(200, landed.status(), landed.body());
      assertTrue(landed.body().contains("id=\"signed-in-as\""), landed.body());
      assertTrue(landed.body().contains("name=\"creator_session\""), landed.body());
      // The LTI 1.3 login's browser-binding cookie is cleared as on every launch; no session.
      String cookies = landed.header("Set-Cookie").orElse("");
      assertFalse(cookies.contains("JSESSIONID"), cookies);
      String organization =
          db().string(
                  "SELECT o.name FROM lti13_registrations r JOIN organizations o ON o.id ="
                      + " r.organization_id WHERE r.client_id = 'lti-bridge-built-in'");
      assertTrue(
          landed.body().contains("<strong id=\"creator-organization\">" + organization),
          landed.body());
      assertEquals(
          1,
          db().count(
                  // DISTINCT: the built-in tool has a registration per public URL the platform
                  // was reached by (ManyInstancesIT reaches it through nginx too).
                  "SELECT COUNT(DISTINCT c.id) FROM creator_users c JOIN lti13_registrations r ON"
                      + " r.organization_id = c.organization_id WHERE r.client_id ="
                      + " 'lti-bridge-built-in' AND c.auth_provider = 'lti_creator'"));
    } finally {
      if (before == null) {
        db().update(
                "UPDATE lti_course_configs SET external_course_url = NULL WHERE id = ?", config);
      } else {
        db().update(
                "UPDATE lti_course_configs SET external_course_url = ? WHERE id = ?",
                before,
                config);
      }
    }
  }

  /**
   * "Launch course" on the learner page, through the OIDC round trip, to the page the tool role
   * answers with. The tool's browser-binding cookie is {@code Secure}; real browsers send it to
   * http://localhost, Java's cookie store does not, so it is carried by hand.
   */
  private static Http.Res launch(Browser browser, String deployment) {
    Http.Res launched = idToken(browser, deployment);
    assertEquals(303, launched.status(), launched.body());
    Http.Res page = browser.get(launched.location());
    assertEquals(200, page.status(), page.body());
    return page;
  }

  /** Up to the tool's answer to the id_token POST ({@code /lti13/launch}), unfollowed. */
  private static Http.Res idToken(Browser browser, String deployment) {
    String context =
        db().string(
                "SELECT c.context_id FROM lti_course_configs c JOIN lti_tools t ON c.tool_id = t.id"
                    + " WHERE t.client_id = 'lti-bridge-built-in'");
    Http.Res start = browser.post("/lti/launch/" + deployment, Map.of("context_id", context));
    assertEquals(303, start.status(), start.body());
    Http.Res login = browser.get(start.location());
    assertEquals(302, login.status(), login.body());
    String binding = login.header("Set-Cookie").orElseThrow().split(";", 2)[0];
    Http.Res form = browser.get(login.location());
    assertEquals(200, form.status(), form.body());
    return browser.post(
        "/lti13/launch",
        Map.of(
            "id_token", PlatformFixture.hidden(form.body(), "id_token"),
            "state", PlatformFixture.hidden(form.body(), "state")),
        "Cookie",
        binding);
  }
}
