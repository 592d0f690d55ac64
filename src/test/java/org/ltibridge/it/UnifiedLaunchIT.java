package org.ltibridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.ltibridge.it.Lms.Person;

/**
 * Every branch of the Unified LTI decision tree (LAMB lti_landscape.md §10.1) over LTI 1.1, end to
 * end: signed launch → 303 → page → form post → 303 → next page.
 */
class UnifiedLaunchIT extends ItBase {

  static final String DEMO_INSTRUCTOR = "demo-instructor@example.edu";

  @Test
  void infoShowsLaunchUrlAndKeyButNeverTheSecret() {
    Http.Res info = http().get("/lamb/v1/lti/info");
    assertEquals(200, info.status());
    assertTrue(info.body().contains("\"consumer_key\":\"" + KEY + "\""), info.body());
    assertTrue(info.body().contains(base().resolve(Lms.UNIFIED).toString()), info.body());
    assertFalse(info.body().contains(SECRET), "never the secret");
  }

  @Test
  void studentAtUnconfiguredActivitySeesWaitingPage() {
    Http.Res res = lms().launch(Person.student(), Lms.newPlacement());
    assertEquals(200, res.status());
    assertTrue(res.body().contains("Not set up yet"), res.body());
    assertEquals("no-referrer", res.header("Referrer-Policy").orElse(""));
    // Framed by the LMS from another origin: Payara's default SAMEORIGIN is off
    // (server-config/pre-boot-commands.asadmin) and the page says who may frame it.
    assertTrue(res.header("X-Frame-Options").isEmpty(), "no X-Frame-Options on an LTI page");
    assertTrue(
        res.header("Content-Security-Policy").orElse("").contains("frame-ancestors"),
        res.header("Content-Security-Policy").orElse("no CSP"));
  }

  @Test
  void instructorWithoutCreatorAccountIsToldToContactAdmin() {
    String placement = Lms.newPlacement();
    Http.Res res =
        lms().launch(Person.instructor("nobody-" + UUID.randomUUID() + "@example.edu"), placement);
    assertEquals(403, res.status());
    assertTrue(res.body().contains("Contact your LTI Bridge administrator"), res.body());
    assertEquals(
        0, db().count("SELECT COUNT(*) FROM lti_activities WHERE resource_link_id = ?", placement));
  }

  @Test
  void firstInstructorConfiguresAndOwnsTheActivity() {
    Lms lms = lms();
    String placement = Lms.newPlacement();
    Http http = http();

    Http.Res launch = lms.launch(Person.instructor(DEMO_INSTRUCTOR), placement);
    assertEquals(303, launch.status(), launch.body());
    assertTrue(launch.location().startsWith("/lamb/v1/lti/setup?token="), launch.location());

    Http.Res setup = http.follow(launch);
    assertEquals(200, setup.status(), setup.body());
    assertTrue(setup.body().contains("Physics Tutor") && setup.body().contains("Essay Coach"));
    assertTrue(setup.body().contains("name=\"assistant_ids\""));
    // A token is accepted in a URL once only.
    assertEquals(410, http.follow(launch).status());

    long physics = db().demoAssistant("Physics Tutor");
    Http.Res configured =
        http.postForm(
            "/lamb/v1/lti/configure",
            "token="
                + launch.locationToken()
                + "&assistant_ids="
                + physics
                + "&activity_name=Mechanics+helpers&chat_visibility_enabled=1");
    assertEquals(303, configured.status(), configured.body());
    assertTrue(configured.location().startsWith("/lamb/v1/lti/dashboard?token="));

    Http.Res dashboard = http.follow(configured);
    assertEquals(200, dashboard.status(), dashboard.body());
    assertTrue(dashboard.body().contains("Mechanics helpers"));
    assertTrue(dashboard.body().contains("Manage assistants"), "the owner may manage");

    assertEquals(
        DEMO_INSTRUCTOR,
        db().string(
                "SELECT owner_email FROM lti_activities WHERE resource_link_id = ?", placement));
    assertEquals(1, db().rowsOf("lti_activity_assistants", placement));

    // The setup token was used up.
    Http.Res again =
        http.postForm(
            "/lamb/v1/lti/configure",
            "token=" + launch.locationToken() + "&assistant_ids=" + physics);
    assertEquals(410, again.status());
  }

  @Test
  void anotherInstructorSeesDashboardButCannotReconfigure() {
    Lms lms = lms();
    String placement = Lms.newPlacement();
    Activities.configure(lms, placement, false);
    String colleague = "colleague-" + UUID.randomUUID() + "@example.edu";
    db().creator(colleague);

    Http.Res launch = lms.launch(Person.instructor(colleague), placement);
    assertEquals(303, launch.status(), launch.body());
    assertTrue(launch.location().startsWith("/lamb/v1/lti/dashboard?token="));
    Http.Res dashboard = http().follow(launch);
    assertEquals(200, dashboard.status());
    assertFalse(dashboard.body().contains("id=\"manage-form\""), "only the owner may manage");

    long essay = db().demoAssistant("Essay Coach");
    Http.Res refused =
        http()
            .postForm(
                "/lamb/v1/lti/reconfigure",
                "token="
                    + launch.locationToken()
                    + "&assistant_ids="
                    + essay
                    + "&activity_name=Hijacked",
                "Accept",
                "application/json");
    assertEquals(403, refused.status(), refused.body());
    assertTrue(refused.body().contains("Only the owner"));
    assertEquals(
        "AI assistants test",
        db().string(
                "SELECT activity_name FROM lti_activities WHERE resource_link_id = ?", placement));
  }

  @Test
  void ownerReconfiguresAssistants() {
    Lms lms = lms();
    String placement = Lms.newPlacement();
    Activities.configure(lms, placement, false);
    Http.Res launch = lms.launch(Person.instructor(DEMO_INSTRUCTOR), placement);
    long essay = db().demoAssistant("Essay Coach");
    long physics = db().demoAssistant("Physics Tutor");
    Http.Res changed =
        http()
            .postForm(
                "/lamb/v1/lti/reconfigure",
                "token="
                    + launch.locationToken()
                    + "&assistant_ids="
                    + essay
                    + "&assistant_ids="
                    + physics
                    + "&activity_name=Both&chat_visibility_enabled=1");
    assertEquals(303, changed.status(), changed.body());
    assertEquals(2, db().rowsOf("lti_activity_assistants", placement));
    assertEquals(
        Boolean.TRUE.toString(),
        db().string(
                "SELECT CAST(chat_visibility_enabled AS VARCHAR(5)) FROM lti_activities WHERE resource_link_id = ?",
                placement));
  }

  @Test
  void studentLandsInChatWhenReviewIsOff() {
    Lms lms = lms();
    String placement = Lms.newPlacement();
    Activities.configure(lms, placement, false);
    Person student = Person.student();

    Http.Res launch = lms.launch(student, placement);
    assertEquals(303, launch.status(), launch.body());
    assertTrue(launch.location().startsWith("/lamb/v1/lti/chat?token="), launch.location());
    Http.Res chat = http().follow(launch);
    assertEquals(200, chat.status());
    assertTrue(chat.body().contains("Physics Tutor"));

    String email = student.username() + "_" + placement + "@lamb-lti.local";
    assertEquals(
        1, db().count("SELECT COUNT(*) FROM lti_activity_users WHERE user_email = ?", email));
    String pseudonym =
        db().string("SELECT pseudonym FROM lti_activity_users WHERE user_email = ?", email);
    assertTrue(pseudonym.matches("Student [A-Z2-9]{5}"), pseudonym);
  }

  @Test
  void consentIsAskedOnceWhenReviewIsOn() {
    Lms lms = lms();
    String placement = Lms.newPlacement();
    Activities.configure(lms, placement, true);
    Person student = Person.student();

    Http.Res launch = lms.launch(student, placement);
    assertEquals(303, launch.status());
    assertTrue(launch.location().startsWith("/lamb/v1/lti/consent?token="), launch.location());
    Http.Res page = http().follow(launch);
    assertEquals(200, page.status());
    assertTrue(page.body().contains("pseudonym"));

    Http.Res accepted = http().postForm("/lamb/v1/lti/consent", "token=" + launch.locationToken());
    assertEquals(303, accepted.status(), accepted.body());
    assertTrue(accepted.location().startsWith("/lamb/v1/lti/chat?token="));
    // Reusing the consent token is refused.
    assertEquals(
        410, http().postForm("/lamb/v1/lti/consent", "token=" + launch.locationToken()).status());

    String email = student.username() + "_" + placement + "@lamb-lti.local";
    assertNotNull(
        db().string("SELECT consent_given_at FROM lti_activity_users WHERE user_email = ?", email));
    assertEquals(
        "2026-11",
        db().string(
                "SELECT consent_notice_version FROM lti_activity_users WHERE user_email = ?",
                email));

    Http.Res second = lms.launch(student, placement);
    assertTrue(second.location().startsWith("/lamb/v1/lti/chat?token="), "asked only once");
    assertEquals(
        "2",
        db().string(
                "SELECT CAST(access_count AS VARCHAR(10)) FROM lti_activity_users WHERE user_email = ?",
                email));
  }

  @Test
  void switchingReviewOnAsksReturningStudentsForConsentAtOnce() {
    Lms lms = lms();
    String placement = Lms.newPlacement();
    Activities.configure(lms, placement, false);
    Person student = Person.student();
    assertTrue(lms.launch(student, placement).location().startsWith("/lamb/v1/lti/chat?token="));
    assertTrue(
        lms.launch(student, placement).location().startsWith("/lamb/v1/lti/chat?token="),
        "a returning student");

    Http.Res owner = lms.launch(Person.instructor(DEMO_INSTRUCTOR), placement);
    Http.Res changed =
        http()
            .postForm(
                "/lamb/v1/lti/reconfigure",
                "token="
                    + owner.locationToken()
                    + "&assistant_ids="
                    + db().demoAssistant("Physics Tutor")
                    + "&activity_name=Now+reviewed&chat_visibility_enabled=1");
    assertEquals(303, changed.status(), changed.body());

    Http.Res next = lms.launch(student, placement);
    assertTrue(
        next.location().startsWith("/lamb/v1/lti/consent?token="),
        "not a remembered chat: " + next.location());
  }

  @Test
  void studentWithoutConsentIsNotListedUntilConsenting() {
    Lms lms = lms();
    String placement = Lms.newPlacement();
    Activities.configure(lms, placement, true);
    Http.Res launch = lms.launch(Person.student(), placement);
    assertTrue(launch.location().startsWith("/lamb/v1/lti/consent"));
    assertNull(
        db().string(
                "SELECT u.consent_given_at FROM lti_activity_users u JOIN lti_activities a ON a.id ="
                    + " u.activity_id WHERE a.resource_link_id = ?",
                placement));
  }
}
