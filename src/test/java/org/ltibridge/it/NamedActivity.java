package org.ltibridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.ltibridge.it.Lms.Person;
import org.ltibridge.system.control.SecretBox;
import org.ltibridge.testsupport.FakeChatCompletionsServer;

/**
 * Fixture for the page tests of the identity policy (issue #19): an organisation of its own that
 * allows names, with a model and a published assistant, and an activity configured through the real
 * setup flow (transcript review on) whose owner chose to show names. Close it to stop the model.
 */
public final class NamedActivity implements AutoCloseable {

  public final String slug = AdminApi.unique("named");
  public final String placement = Lms.newPlacement();
  public final String instructor = AdminApi.unique("teacher") + "@example.edu";
  public final long organization;
  public final long activity;
  public final long assistant;
  public final String ownerToken;
  private final Lms lms;
  private final FakeChatCompletionsServer model;

  public NamedActivity(Lms lms) throws Exception {
    this.lms = lms;
    model = FakeChatCompletionsServer.start();
    model.requireApiKey("sk-test-named");
    model.replyWith("Momentum is **mass × velocity**: ", "$p = mv$.");
    String sys = AdminApi.token(AdminConsoleIT.ADMIN, AdminConsoleIT.ADMIN_PASSWORD);
    organization =
        ItBase.db()
            .organization(
                slug, model.baseUrl(), SecretBox.withKey(ChatIT.TEST_KEY).encrypt("sk-test-named"));
    Http.Res allowed =
        AdminApi.call(
            "PUT",
            "/organizations/" + slug + "/identity-policy",
            sys,
            "{\"named_identities_allowed\": true}");
    assertEquals(200, allowed.status(), allowed.body());
    ItBase.db().creatorIn(organization, instructor);
    assistant =
        ItBase.db().publishedAssistant(organization, "Physics Tutor", "tutor-model", "Be kind.");
    ownerToken = ErasureIT.configure(lms, instructor, placement, assistant, true);
    activity =
        ItBase.db().count("SELECT id FROM lti_activities WHERE resource_link_id = ?", placement);
    Http.Res named =
        ItBase.http()
            .send(
                "PUT",
                "/lamb/v1/lti/dashboard/identity-policy",
                "application/json",
                "{\"identity_policy\": \"named\"}",
                "Authorization",
                "Bearer " + ownerToken);
    assertEquals(200, named.status(), named.body());
  }

  /** The owner, as the LMS launches them. */
  public Person owner() {
    return Person.instructor(instructor);
  }

  /** {@code who}, who has answered the notice, launches and asks one question. */
  public void chat(Person who) throws Exception {
    ErasureIT.chat(lms, assistant, who, placement, null);
  }

  @Override
  public void close() {
    model.close();
  }
}
