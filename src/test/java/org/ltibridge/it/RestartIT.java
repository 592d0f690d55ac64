package org.ltibridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ltibridge.it.Lms.Person;

/**
 * Flow state lives in the database (seed 003 §19 items 3 and 8): a token issued by one instance is
 * honoured by another and after that one restarts; a nonce used on one instance is refused on
 * another and after a restart. Both instances are known by the same public URL, as behind a load
 * balancer.
 */
class RestartIT extends ItBase {

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

    try (PayaraProcess second = new PayaraProcess(base()).start()) {
      Http other = new Http(second.base());
      // The other instance refuses the replay ...
      Http.Res replay = other.postForm(Lms.UNIFIED, Lms.body(studentLaunch), "Accept", "text/html");
      assertEquals(401, replay.status());
      assertTrue(replay.body().contains("already used"));

      // ... and restarted, still refuses it and still honours the token.
      second.stop();
      second.start();
      other = new Http(second.base());
      assertEquals(401, other.postForm(Lms.UNIFIED, Lms.body(studentLaunch)).status());
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
  }
}
