package org.ltibridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ltibridge.it.Lms.Person;
import org.ltibridge.testsupport.FakePlatform;

/**
 * A disabled organisation (or activity) stops its launches and chats, over LTI 1.1 and LTI 1.3, for
 * students and instructors, on the quick paths (a returning student's launch, the chat page's first
 * GET) and the full ones: each answers 403 with a page saying what was disabled, and nothing is
 * written (no activity user, visit, page token, conversation or message; the launch's nonce or
 * login is used up, so that it cannot be replayed later). The data is kept: enabled again, the same
 * students launch and chat as before. The organisation or activity is switched in SQL here; the
 * admin console and API do it through {@code OrganizationAdmin} and {@code ActivityAdmin}.
 */
class AdministeredLaunchIT extends ItBase {

  static final String ORGANISATION_OFF = "This organisation has been disabled by your institution";
  static final String ACTIVITY_OFF = "This activity has been disabled by your institution";

  static final String MESSAGES =
      "SELECT COUNT(*) FROM chat_messages m JOIN conversations c ON c.id = m.conversation_id"
          + " JOIN lti_activities a ON a.id = c.activity_id WHERE a.resource_link_id = ?";
  static final String VISITS =
      "SELECT COALESCE(SUM(u.access_count), 0) FROM lti_activity_users u JOIN lti_activities a"
          + " ON a.id = u.activity_id WHERE a.resource_link_id = ?";

  static FakePlatform platform;

  long org;
  String instructor;
  long assistant;

  @BeforeAll
  static void startPlatform() throws IOException {
    platform = FakePlatform.start();
  }

  @AfterAll
  static void stopPlatform() {
    platform.close();
  }

  @BeforeEach
  void organisation() {
    String slug = "adm-" + UUID.randomUUID().toString().substring(0, 8);
    org = db().organization(slug, null, null);
    instructor = "teacher-" + slug + "@example.edu";
    db().creatorIn(org, instructor);
    assistant = db().publishedAssistant(org, "Tutor " + slug, "tutor-model", "Be kind.");
  }

  @Test
  void aDisabledOrganisationStopsLti11LaunchesAndChatsAndWritesNothingUntilEnabledAgain()
      throws Exception {
    Lms lms = lms();
    String placement = Lms.newPlacement();
    configure(lms.launch(Person.instructor(instructor), placement));
    Person ada = Person.student();
    Http.Res first = lms.launch(ada, placement);
    assertTrue(first.location().startsWith("/lamb/v1/lti/chat?token="), first.location());
    String session = first.locationToken(); // a chat open in a browser tab
    assertEquals(200, http().follow(first).status());
    Http.Res unopened = lms.launch(ada, placement); // the quick way; its page not opened yet
    assertEquals(303, unopened.status(), unopened.body());

    switchOrganisation(false);
    List<Long> before = rows(placement);

    Http.Res returning = lms.launch(ada, placement); // declined by STILL_SO, explained in full
    assertRefused(returning, ORGANISATION_OFF);
    assertRefused(lms.launch(Person.student(), placement), ORGANISATION_OFF);
    assertRefused(lms.launch(Person.instructor(instructor), placement), ORGANISATION_OFF);
    Http.Res page = http().follow(unopened, "Accept", "text/html"); // declined by the statement
    assertRefused(page, ORGANISATION_OFF);
    List<String> sent =
        ChatIT.send(session, "{\"assistantId\": " + assistant + ", \"content\": \"Hello?\"}");
    assertEquals(1, sent.size(), sent.toString());
    assertTrue(sent.get(0).startsWith("status:403:"), sent.toString());
    assertTrue(sent.get(0).contains(ORGANISATION_OFF), sent.toString());
    Http.Res read =
        http()
            .get(
                "/lamb/v1/lti/chat/conversations/1",
                "Authorization",
                "Bearer " + session,
                "Accept",
                "application/json");
    assertEquals(403, read.status(), read.body());
    assertTrue(read.body().contains(ORGANISATION_OFF), read.body());
    assertEquals(before, rows(placement), "nothing written while disabled");
    assertFalse(opened(unopened.locationToken()), "the chat page's token is still unopened");

    switchOrganisation(true);
    Http.Res back = lms.launch(ada, placement);
    assertEquals(303, back.status(), back.body());
    assertTrue(back.location().startsWith("/lamb/v1/lti/chat?token="), back.location());
    assertEquals(200, http().follow(unopened).status(), "the page opens now");
    sent = ChatIT.send(session, "{\"assistantId\": " + assistant + ", \"content\": \"Hello?\"}");
    assertTrue(sent.get(0).startsWith("conversation:"), sent.toString());
    assertEquals(1, db().count(MESSAGES, placement));
    assertEquals(
        303, lms.launch(Person.instructor(instructor), placement).status(), "instructor too");
  }

  @Test
  void aDisabledActivitySaysSoToStudentsAndInstructorsAndWritesNothing() throws Exception {
    Lms lms = lms();
    String placement = Lms.newPlacement();
    configure(lms.launch(Person.instructor(instructor), placement));
    Person ada = Person.student();
    Http.Res first = lms.launch(ada, placement);
    String session = first.locationToken();
    assertEquals(200, http().follow(first).status());
    Http.Res unopened = lms.launch(ada, placement);

    db().update(
            "UPDATE lti_activities SET status = 'DISABLED' WHERE resource_link_id = ?", placement);
    List<Long> before = rows(placement);
    assertRefused(lms.launch(ada, placement), ACTIVITY_OFF);
    assertRefused(lms.launch(Person.student(), placement), ACTIVITY_OFF);
    assertRefused(lms.launch(Person.instructor(instructor), placement), ACTIVITY_OFF);
    assertRefused(http().follow(unopened, "Accept", "text/html"), ACTIVITY_OFF);
    List<String> sent =
        ChatIT.send(session, "{\"assistantId\": " + assistant + ", \"content\": \"Hi\"}");
    assertTrue(sent.get(0).startsWith("status:403:"), sent.toString());
    assertTrue(sent.get(0).contains(ACTIVITY_OFF), sent.toString());
    assertEquals(before, rows(placement), "nothing written while disabled");

    // A disabled organisation is named first: enabling the activity alone would not help.
    switchOrganisation(false);
    assertRefused(lms.launch(ada, placement), ORGANISATION_OFF);

    switchOrganisation(true);
    db().update(
            "UPDATE lti_activities SET status = 'ACTIVE' WHERE resource_link_id = ?", placement);
    assertEquals(303, lms.launch(ada, placement).status());
    assertEquals(200, http().follow(unopened).status());
  }

  /**
   * LTI 1.3 through a registration of an enabled organisation (the demo one) into an activity of
   * this organisation: the returning student's quick way (one grouped statement) is declined, the
   * full way explains, for students and instructors; enabled again, the quick way resumes.
   */
  @Test
  void aDisabledOrganisationStopsLti13LaunchesOnTheQuickAndTheFullWay() {
    Lms13 lms = new Lms13(platform).register();
    String placement = "rl13-" + UUID.randomUUID();
    configure(lms.instructor(placement, instructor));
    String ada = "s-" + UUID.randomUUID();
    Http.Res first = lms.launch(placement, ada, Lms13.LEARNER, b -> b);
    assertTrue(first.location().startsWith("/lamb/v1/lti/chat?token="), first.location());
    assertEquals(303, lms.launch(placement, ada, Lms13.LEARNER, b -> b).status(), "quick way");

    switchOrganisation(false);
    List<Long> before = rows(placement);
    long used = db().count("SELECT COUNT(*) FROM lti13_oidc_states");
    assertRefused(lms.launch(placement, ada, Lms13.LEARNER, b -> b), ORGANISATION_OFF);
    assertRefused(
        lms.launch(placement, "s-" + UUID.randomUUID(), Lms13.LEARNER, b -> b), ORGANISATION_OFF);
    assertRefused(lms.instructor(placement, instructor), ORGANISATION_OFF);
    assertEquals(before, rows(placement), "nothing written while disabled");
    assertEquals(used + 3, db().count("SELECT COUNT(*) FROM lti13_oidc_states"), "logins used");

    switchOrganisation(true);
    Http.Res back = lms.launch(placement, ada, Lms13.LEARNER, b -> b);
    assertEquals(303, back.status(), back.body());
    assertTrue(back.location().startsWith("/lamb/v1/lti/chat?token="), back.location());
  }

  /**
   * A registration of a disabled organisation: its logins and launches get a clear refusal page.
   * Registrations are read from a cache of a few seconds on each instance (a change made through
   * the admin console clears this instance's at once; one made in SQL, as here, is seen when it
   * expires).
   */
  @Test
  void anLti13RegistrationOfADisabledOrganisationIsRefusedWithAClearPage() throws Exception {
    try (FakePlatform own = FakePlatform.start()) {
      Lms13 lms = new Lms13(own).register();
      db().update(
              "UPDATE lti13_registrations SET organization_id = ? WHERE id = ?",
              org,
              lms.registrationId());
      String placement = "rl13-" + UUID.randomUUID();
      Lms13.Login login = lms.login(); // begun while the organisation is enabled
      String idToken =
          own.sign(
              lms.claims(login, placement, "i-" + UUID.randomUUID(), Lms13.INSTRUCTOR)
                  .claim("email", instructor)
                  .build());
      switchOrganisation(false);
      Thread.sleep(CACHE_EXPIRY_MILLIS);
      long used = db().count("SELECT COUNT(*) FROM lti13_oidc_states");

      Http.Res launch = lms.launch(login, idToken);
      assertRefused(launch, ORGANISATION_OFF);
      Http.Res newLogin =
          http()
              .get(
                  "/lti13/login?"
                      + Lms13.form(
                          Map.of(
                              "iss", own.issuer(),
                              "login_hint", "x",
                              "client_id", lms.clientId(),
                              "target_link_uri", Lms13.target())),
                  "Accept",
                  "text/html");
      assertRefused(newLogin, ORGANISATION_OFF);
      assertEquals(used, db().count("SELECT COUNT(*) FROM lti13_oidc_states"), "none used");
      assertEquals(
          0,
          db().count(
                  "SELECT COUNT(*) FROM page_tokens WHERE payload LIKE ?", "%" + placement + "%"),
          "no setup token");

      switchOrganisation(true);
      Thread.sleep(CACHE_EXPIRY_MILLIS);
      Http.Res again = lms.launch(login, idToken); // the same login, unused, goes through now
      assertEquals(303, again.status(), again.body());
      assertTrue(again.location().startsWith("/lamb/v1/lti/setup?token="), again.location());
    }
  }

  /** The registrations' cache lifetime (Registrations.CACHE_MILLIS) and a margin. */
  static final long CACHE_EXPIRY_MILLIS = 5_300;

  @Test
  void anInstructorWhoseAccountsAreAllInDisabledOrganisationsIsNotOfferedSetup() {
    String placement = Lms.newPlacement();
    switchOrganisation(false);
    Http.Res refused = lms().launch(Person.instructor(instructor), placement);
    assertEquals(403, refused.status(), refused.body());
    assertTrue(refused.body().contains("Your organisation is disabled"), refused.body());
    assertTrue(refused.body().contains(ORGANISATION_OFF), refused.body());
    assertEquals(
        0, db().count("SELECT COUNT(*) FROM lti_activities WHERE resource_link_id = ?", placement));
    assertEquals(
        0,
        db().count(
                "SELECT COUNT(*) FROM page_tokens WHERE kind = 'SETUP'" + " AND payload LIKE ?",
                "%" + placement + "%"));

    switchOrganisation(true);
    Http.Res setup = lms().launch(Person.instructor(instructor), placement);
    assertEquals(303, setup.status(), setup.body());
    assertTrue(setup.location().startsWith("/lamb/v1/lti/setup?token="), setup.location());
  }

  private void configure(Http.Res instructorLaunch) {
    assertEquals(303, instructorLaunch.status(), instructorLaunch.body());
    assertTrue(
        instructorLaunch.location().startsWith("/lamb/v1/lti/setup?token="),
        instructorLaunch.location());
    Http.Res configured =
        http()
            .postForm(
                "/lamb/v1/lti/configure",
                "token="
                    + instructorLaunch.locationToken()
                    + "&assistant_ids="
                    + assistant
                    + "&organization_id="
                    + org);
    assertEquals(303, configured.status(), configured.body());
  }

  private void switchOrganisation(boolean enabled) {
    db().update("UPDATE organizations SET enabled = ? WHERE id = ?", enabled, org);
  }

  private static void assertRefused(Http.Res res, String notice) {
    assertEquals(403, res.status(), res.body());
    assertTrue(res.body().contains(notice), res.body());
    assertTrue(res.header("Location").isEmpty(), "no redirect");
  }

  /**
   * What a launch or chat of the placement writes: users, visits, tokens, conversations, messages.
   */
  private static List<Long> rows(String placement) {
    return List.of(
        db().rowsOf("lti_activity_users", placement),
        db().count(VISITS, placement),
        db().rowsOf("page_tokens", placement),
        db().rowsOf("conversations", placement),
        db().count(MESSAGES, placement));
  }

  private static boolean opened(String token) {
    return db().count(
                "SELECT COUNT(*) FROM page_tokens WHERE opened_at IS NOT NULL AND token_hash = ?",
                Lti13LaunchIT.sha256(token))
        == 1;
  }
}
