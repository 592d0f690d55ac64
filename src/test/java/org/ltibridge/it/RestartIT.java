package org.ltibridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ltibridge.it.Lms.Person;
import org.ltibridge.testsupport.FakePlatform;

/**
 * Flow state lives in the database (LAMB lti_landscape.md §19 items 3 and 8): a token issued by one
 * instance is honoured by another and after that one restarts; a nonce used on one instance is
 * refused on another and after a restart; an LTI 1.3 login started on one instance completes on the
 * other, before and after that one restarts, and its id_token is refused on replay. Both instances
 * are known by the same public URL, as behind a load balancer. Failed sign-ins on either count
 * towards one lockout.
 */
class RestartIT extends ItBase {

  static final String TOKEN = "/api/v1/admin/token";

  static String signIn(String username, String password) {
    return "username=" + username + "&password=" + password;
  }

  @Test
  void tokensAndNoncesSurviveRestartsAndCrossInstances() throws Exception {
    Lms lms = lms();
    String placement = Lms.newPlacement();
    // On the shared instance: a setup token (not yet used) and a used nonce.
    Http.Res launch = lms.launch(Person.instructor(UnifiedLaunchIT.DEMO_INSTRUCTOR), placement);
    assertEquals(303, launch.status());
    String setupToken = launch.locationToken();
    Map<String, String> studentLaunch = lms.signed(lms.params(Person.student(), placement));
    assertEquals(200, http().postForm(Lms.UNIFIED, Lms.body(studentLaunch)).status());
    // LTI 1.3: two logins started here; their launches arrive at the other instance.
    FakePlatform platform = FakePlatform.start();
    Lms13 lms13 = new Lms13(platform).register();
    Lms13.Login first = lms13.login();
    Lms13.Login second13 = lms13.login();
    String firstToken =
        platform.sign(lms13.claims(first, placement, "s13-a", Lms13.LEARNER).build());

    try (PayaraProcess second = new PayaraProcess(base()).start()) {
      Http other = new Http(second.base());
      // The other instance refuses the replay ...
      Http.Res replay = other.postForm(Lms.UNIFIED, Lms.body(studentLaunch), "Accept", "text/html");
      assertEquals(401, replay.status());
      assertTrue(replay.body().contains("already used"));
      Http.Res crossed = lms13.launch(other, first, firstToken);
      assertEquals(200, crossed.status(), crossed.body());
      Http.Res replay13 = lms13.launch(first, firstToken);
      assertEquals(401, replay13.status(), replay13.body());
      assertTrue(replay13.body().contains("already used"), replay13.body());

      // The sign-in throttle counts the failures of both instances together.
      String username = "throttled-" + java.util.UUID.randomUUID();
      for (int i = 0; i < 5; i++) {
        Http.Res wrong = (i % 2 == 0 ? http() : other).postForm(TOKEN, signIn(username, "g" + i));
        assertEquals(401, wrong.status(), wrong.body());
      }
      assertEquals(429, other.postForm(TOKEN, signIn(username, "g5")).status());
      assertEquals(429, http().postForm(TOKEN, signIn(username, "g6")).status());

      // ... and restarted, still refuses it and still honours the token.
      second.stop();
      second.start();
      other = new Http(second.base());
      assertEquals(401, other.postForm(Lms.UNIFIED, Lms.body(studentLaunch)).status());
      Http.Res afterRestart =
          lms13.launch(
              other,
              second13,
              platform.sign(lms13.claims(second13, placement, "s13-b", Lms13.LEARNER).build()));
      assertEquals(200, afterRestart.status(), afterRestart.body());
      Http.Res setup = other.get("/lamb/v1/lti/setup?token=" + setupToken);
      assertEquals(200, setup.status(), setup.body());
      long physics = db().demoAssistant("Physics Tutor");
      Http.Res configured =
          other.postForm(
              "/lamb/v1/lti/configure", "token=" + setupToken + "&assistant_ids=" + physics);
      assertEquals(303, configured.status(), configured.body());
    }
    assertEquals(
        1, db().count("SELECT COUNT(*) FROM lti_activities WHERE resource_link_id = ?", placement));
    platform.close();
  }
}
