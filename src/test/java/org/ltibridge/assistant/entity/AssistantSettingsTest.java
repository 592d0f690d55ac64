package org.ltibridge.assistant.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The prompt template (LAMB's {user_input} and {context}) and what a save changed. */
class AssistantSettingsTest {

  static final AssistantSettings PLAIN =
      new AssistantSettings("Tutor", null, "Be kind.", "gpt-x", null, null, false);

  @Test
  void withoutATemplateTheMessageGoesAsTyped() {
    assertEquals("What is F=ma?", PLAIN.prompt("What is F=ma?"));
  }

  @Test
  void theTemplateTakesTheMessageAndDropsTheContext() {
    AssistantSettings s =
        new AssistantSettings(
            "Tutor", null, null, null, null, "Context: {context}\nQuestion: {user_input}!", false);
    assertEquals("Context: \nQuestion: What is F=ma?!", s.prompt("What is F=ma?"));
  }

  @Test
  void placeholdersTheStudentTypesAreSentAsTyped() {
    assertEquals(
        "Q: {context} and {user_input}",
        PromptTemplate.apply("Q: {user_input}", "{context} and {user_input}"));
  }

  @Test
  void aTemplateNeedsThePlaceForTheMessage() {
    assertTrue(PromptTemplate.accepts("Answer: {user_input}"));
    assertFalse(PromptTemplate.accepts("Answer: {context}"));
    assertFalse(PromptTemplate.accepts("{user input}"));
    assertFalse(PromptTemplate.accepts(null));
  }

  @Test
  void changesAreNamedAsTheApiNamesThem() {
    AssistantSettings next =
        new AssistantSettings("Tutor", "New", "Be kind.", "gpt-y", 0.5, "{user_input}", true);
    assertEquals(
        List.of("description", "model", "temperature", "prompt_template", "show_system_prompt"),
        next.changedFrom(PLAIN));
    assertEquals(List.of(), PLAIN.changedFrom(PLAIN));
  }
}
