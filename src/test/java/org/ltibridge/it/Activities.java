package org.ltibridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.ltibridge.it.Lms.Person;

/** Fixture: a configured activity, made through the real setup flow by the demo instructor. */
final class Activities {

  private Activities() {}

  /** Configures the placement with the Physics Tutor; returns the owner's dashboard token. */
  static String configure(Lms lms, String placement, boolean review) {
    Http.Res launch = lms.launch(Person.instructor(UnifiedLaunchIT.DEMO_INSTRUCTOR), placement);
    assertEquals(303, launch.status(), launch.body());
    long physics = ItBase.db().demoAssistant("Physics Tutor");
    Http.Res configured =
        ItBase.http()
            .postForm(
                "/lamb/v1/lti/configure",
                "token="
                    + launch.locationToken()
                    + "&assistant_ids="
                    + physics
                    + "&activity_name=AI+assistants+test"
                    + (review ? "&chat_visibility_enabled=1" : ""));
    assertEquals(303, configured.status(), configured.body());
    return configured.locationToken();
  }
}
