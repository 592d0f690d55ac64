package org.ltibridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ltibridge.it.Lms.Person;
import org.ltibridge.testsupport.FakePlatform;

/**
 * Instructor self-service (LAMB issue #467): an instructor without a creator account whose LMS
 * email's domain an enabled organisation lists, with self-service on, gets an account there at
 * their launch and goes on to setup. Off by default; exact domains only; never for students; over
 * LTI 1.3 only the registration's own organisation counts; two first launches at once make one
 * account.
 */
class SelfServiceIT extends ItBase {

  static final String CONTACT_ADMIN = "Contact your LTI Bridge administrator";
  static final String ACCOUNTS = "SELECT COUNT(*) FROM creator_users WHERE email = ?";
  static final String AUDITED =
      "SELECT COUNT(*) FROM admin_audit WHERE action = 'creator.self-service' AND actor = ?"
          + " AND organization_id = ?";

  static FakePlatform platform;

  long org;
  String domain;
  String assistantName;

  @BeforeAll
  static void startPlatform() throws IOException {
    platform = FakePlatform.start();
  }

  @AfterAll
  static void stopPlatform() {
    platform.close();
  }

  @BeforeEach
  void organisationListingADomain() {
    String slug = "ss-" + UUID.randomUUID().toString().substring(0, 8);
    org = db().organization(slug, null, null);
    domain = slug + ".example.edu";
    db().update(
            "INSERT INTO org_email_domains (domain, organization_id, created_at) VALUES (?, ?,"
                + " CURRENT_TIMESTAMP)",
            domain,
            org);
    assistantName = "Tutor " + slug;
    db().publishedAssistant(org, assistantName, "m", "Be kind.");
  }

  @Test
  void offByDefault() {
    String email = "ines@" + domain;
    Http.Res res = lms().launch(Person.instructor(email), Lms.newPlacement());
    assertEquals(403, res.status(), res.body());
    assertTrue(res.body().contains(CONTACT_ADMIN), res.body());
    assertEquals(0, db().count(ACCOUNTS, email));
  }

  @Test
  void onItCreatesTheAccountRecordsItAndContinuesToSetup() {
    selfService(true);
    String email = "Ines.New@" + domain.toUpperCase(Locale.ROOT);
    String stored = email.toLowerCase(Locale.ROOT);
    String placement = Lms.newPlacement();

    Http.Res launch = lms().launch(Person.instructor(email), placement);
    assertEquals(303, launch.status(), launch.body());
    assertTrue(launch.location().startsWith("/lamb/v1/lti/setup?token="), launch.location());
    Http.Res setup = http().follow(launch);
    assertEquals(200, setup.status(), setup.body());
    assertTrue(setup.body().contains(assistantName), setup.body());
    assertEquals(
        1,
        db().count(
                ACCOUNTS
                    + " AND organization_id = ? AND created_via = 'self_service'"
                    + " AND created_by = 'self-service' AND enabled = TRUE",
                stored,
                org));
    assertEquals(1, db().count(AUDITED, stored, org));

    // The account exists now: the next launch is an ordinary one.
    Http.Res again = lms().launch(Person.instructor(email), Lms.newPlacement());
    assertEquals(303, again.status(), again.body());
    assertEquals(1, db().count(ACCOUNTS, stored));
    assertEquals(1, db().count(AUDITED, stored, org));

    long assistant =
        db().count(
                "SELECT id FROM assistants WHERE name = ? AND organization_id = ?",
                assistantName,
                org);
    Http.Res configured =
        http()
            .postForm(
                "/lamb/v1/lti/configure",
                "token=" + launch.locationToken() + "&assistant_ids=" + assistant);
    assertEquals(303, configured.status(), configured.body());
    assertEquals(
        stored,
        db().string(
                "SELECT owner_email FROM lti_activities WHERE resource_link_id = ?", placement));
  }

  @Test
  void otherDomainsStudentsAndDisabledOrganisationsGetNoAccount() {
    selfService(true);
    for (String email :
        List.of("ines@other-" + domain, "ines@sub." + domain, "ines@" + domain + ".evil.example")) {
      Http.Res res = lms().launch(Person.instructor(email), Lms.newPlacement());
      assertEquals(403, res.status(), email + ": " + res.body());
      assertTrue(res.body().contains(CONTACT_ADMIN), res.body());
      assertEquals(0, db().count(ACCOUNTS, email), email);
    }

    Person student =
        new Person("s-" + UUID.randomUUID(), "Sam Student", "sam@" + domain, "sam", "Learner");
    Http.Res res = lms().launch(student, Lms.newPlacement());
    assertEquals(200, res.status(), res.body());
    assertTrue(res.body().contains("Not set up yet"), res.body());
    assertEquals(0, db().count(ACCOUNTS, "sam@" + domain));

    db().update("UPDATE organizations SET enabled = FALSE WHERE id = ?", org);
    String email = "late@" + domain;
    Http.Res disabled = lms().launch(Person.instructor(email), Lms.newPlacement());
    assertEquals(403, disabled.status(), disabled.body());
    assertEquals(0, db().count(ACCOUNTS, email));
    db().update("UPDATE organizations SET enabled = TRUE WHERE id = ?", org);
  }

  /** LTI 1.3: the registration that authenticated the launch names the organisation. */
  @Test
  void overLti13OnlyTheRegistrationsOwnOrganisationCounts() {
    selfService(true);
    String email = "ines13@" + domain;
    Lms13 demo = new Lms13(platform).register(); // a registration of the demo organisation
    Http.Res elsewhere = demo.instructor("rl13-" + UUID.randomUUID(), email);
    assertEquals(403, elsewhere.status(), elsewhere.body());
    assertTrue(elsewhere.body().contains(CONTACT_ADMIN), elsewhere.body());
    assertEquals(0, db().count(ACCOUNTS, email));

    Lms13 own = new Lms13(platform).register();
    db().update(
            "UPDATE lti13_registrations SET organization_id = ? WHERE id = ?",
            org,
            own.registrationId());
    Http.Res launch = own.instructor("rl13-" + UUID.randomUUID(), email);
    assertEquals(303, launch.status(), launch.body());
    assertTrue(launch.location().startsWith("/lamb/v1/lti/setup?token="), launch.location());
    assertEquals(1, db().count(ACCOUNTS + " AND organization_id = ?", email, org));
    assertEquals(1, db().count(AUDITED, email, org));
  }

  @Test
  void twoFirstLaunchesAtOnceMakeOneAccount() throws Exception {
    selfService(true);
    String email = "twice@" + domain;
    int launches = 4;
    ExecutorService pool = Executors.newFixedThreadPool(launches);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Http.Res>> answers = new ArrayList<>();
      for (int i = 0; i < launches; i++) {
        answers.add(
            pool.submit(
                () -> {
                  start.await();
                  return lms().launch(Person.instructor(email), Lms.newPlacement());
                }));
      }
      start.countDown();
      for (Future<Http.Res> answer : answers) {
        Http.Res res = answer.get();
        assertEquals(303, res.status(), res.body());
        assertTrue(res.location().startsWith("/lamb/v1/lti/setup?token="), res.location());
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1, db().count(ACCOUNTS, email));
    assertEquals(1, db().count(AUDITED, email, org));
  }

  private void selfService(boolean on) {
    db().update("UPDATE organizations SET self_service_enabled = ? WHERE id = ?", on, org);
  }
}
