package org.ltibridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A registered tool with something to diagnose, for page tests outside this package: placed in a
 * course, one line item, a learner's score received, and a score refused (a userId that is no
 * learner of the course), all over real HTTP with the fake tool's own key.
 */
public final class PlatformToolScenario implements AutoCloseable {

  private final FakeTool tool = new FakeTool();
  private final PlatformFixture fixture;
  private final String email;

  public PlatformToolScenario() {
    fixture = PlatformToolAdminIT.placed(tool);
    email = fixture.learner("Grace", true);
    String token = PlatformIT.token(tool, fixture.clientId, PlatformIT.ALL_SCOPES);
    String lineItem = PlatformToolAdminIT.lineItem(fixture, token);
    assertEquals(200, PlatformToolAdminIT.score(lineItem, token, email, "72").status());
    Http.Res refused =
        ItBase.http()
            .send(
                "POST",
                lineItem + "/scores",
                PlatformIT.SCORE,
                PlatformIT.score("nobody-" + fixture.suffix, "10", "2026-01-20T10:30:00Z"),
                "Authorization",
                "Bearer " + token);
    assertTrue(refused.status() >= 400, refused.body());
  }

  public long toolId() {
    return fixture.toolId;
  }

  public String name() {
    return "IT Tool " + fixture.suffix;
  }

  public String clientId() {
    return fixture.clientId;
  }

  public String learnerEmail() {
    return email;
  }

  public String lineItemLabel() {
    return "Quiz " + fixture.suffix;
  }

  @Override
  public void close() {
    tool.close();
  }
}
