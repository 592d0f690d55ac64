package org.ltibridge.assistant.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ltibridge.assistant.control.AssistantAuthoring.Draft;
import org.ltibridge.assistant.entity.AssistantSettings;
import org.ltibridge.system.control.Problem;

/** What an editor's save leaves, and what it refuses (400, naming the field). */
class DraftTest {

  static final AssistantSettings NOW =
      new AssistantSettings("Tutor", "About", "Be kind.", "gpt-x", 0.7, "Q: {user_input}", true);

  static Draft only(String name, Optional<Double> temperature, String promptTemplate) {
    return new Draft(name, null, null, null, temperature, promptTemplate, null);
  }

  @Test
  void nullFieldsStayBlankOnesClearAndAnEmptyTemperatureIsTheDefault() {
    assertEquals(NOW, only(null, null, null).over(NOW));
    AssistantSettings cleared =
        new Draft(null, " ", "", "  ", Optional.empty(), "", false).over(NOW);
    assertEquals(new AssistantSettings("Tutor", null, null, null, null, null, false), cleared);
  }

  @Test
  void theNameIsStrippedAndTheTemperatureKeptWithTwoDecimals() {
    AssistantSettings s = only("  Coach ", Optional.of(1.234), null).over(NOW);
    assertEquals("Coach", s.name());
    assertEquals(1.23, s.temperature());
  }

  @Test
  void aNewAssistantStartsFromNothing() {
    assertEquals(
        new AssistantSettings("New", null, null, "m", null, null, false),
        Draft.of("New", null, null, "m").over(AssistantAuthoring.NOTHING));
  }

  @Test
  void badValuesAreRefusedWithTheirReason() {
    Object[][] cases = {
      {only(" ", null, null), AssistantAuthoring.ERROR_NAME.english()},
      {only("x".repeat(201), null, null), AssistantAuthoring.ERROR_NAME.english()},
      {
        new Draft(null, "d".repeat(1001), null, null, null, null, null),
        AssistantAuthoring.ERROR_DESCRIPTION.english()
      },
      {
        new Draft(null, null, "p".repeat(20_001), null, null, null, null),
        AssistantAuthoring.ERROR_PROMPT.english()
      },
      {
        new Draft(null, null, null, "m".repeat(201), null, null, null),
        AssistantAuthoring.ERROR_MODEL.english()
      },
      {only(null, Optional.of(3.0), null), AssistantAuthoring.ERROR_TEMPERATURE.english()},
      {only(null, Optional.of(-0.1), null), AssistantAuthoring.ERROR_TEMPERATURE.english()},
      {only(null, Optional.of(Double.NaN), null), AssistantAuthoring.ERROR_TEMPERATURE.english()},
      {only(null, null, "Answer kindly."), AssistantAuthoring.ERROR_TEMPLATE.english()},
      {
        only(null, null, "{user_input}" + "t".repeat(20_000)),
        AssistantAuthoring.ERROR_TEMPLATE_LENGTH.english()
      },
    };
    for (Object[] c : cases) {
      Problem refused = assertThrows(Problem.class, () -> ((Draft) c[0]).over(NOW));
      assertEquals(400, refused.status());
      assertEquals(c[1], refused.detail());
    }
  }

  @Test
  void theEdgesOfTheTemperatureAreAccepted() {
    assertEquals(0.0, only(null, Optional.of(0.0), null).over(NOW).temperature());
    assertEquals(2.0, only(null, Optional.of(2.0), null).over(NOW).temperature());
  }

  @Test
  void aListedModelIsAllowedAnUnlistedOneOnlyWhenNothingIsListed() {
    ModelChoice listed = ModelChoice.listed(java.util.List.of("gpt-a"));
    assertEquals(true, listed.allows("gpt-a"));
    assertEquals(false, listed.allows("gpt-typo"));
    assertEquals(true, ModelChoice.NOT_LISTED.allows("anything"));
  }
}
