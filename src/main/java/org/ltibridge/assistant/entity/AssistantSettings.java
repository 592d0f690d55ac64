package org.ltibridge.assistant.entity;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an assistant is and how it answers, as one save leaves it: what a version records and what a
 * conversation answers with. Text fields are null when not set; {@code temperature} null means the
 * model endpoint's default.
 */
public record AssistantSettings(
    String name,
    String description,
    String systemPrompt,
    String model,
    Double temperature,
    String promptTemplate,
    boolean showSystemPrompt) {

  /** The names of the fields, as the creator API spells them, in the order they are listed. */
  public static final String NAME = "name";

  public static final String DESCRIPTION = "description";
  public static final String SYSTEM_PROMPT = "system_prompt";
  public static final String MODEL = "model";
  public static final String TEMPERATURE = "temperature";
  public static final String PROMPT_TEMPLATE = "prompt_template";
  public static final String SHOW_SYSTEM_PROMPT = "show_system_prompt";

  /** The names of the fields that differ from {@code before}, in a fixed order. */
  public List<String> changedFrom(AssistantSettings before) {
    List<String> changed = new ArrayList<>();
    if (!Objects.equals(name, before.name)) {
      changed.add(NAME);
    }
    if (!Objects.equals(description, before.description)) {
      changed.add(DESCRIPTION);
    }
    if (!Objects.equals(systemPrompt, before.systemPrompt)) {
      changed.add(SYSTEM_PROMPT);
    }
    if (!Objects.equals(model, before.model)) {
      changed.add(MODEL);
    }
    if (!Objects.equals(temperature, before.temperature)) {
      changed.add(TEMPERATURE);
    }
    if (!Objects.equals(promptTemplate, before.promptTemplate)) {
      changed.add(PROMPT_TEMPLATE);
    }
    if (showSystemPrompt != before.showSystemPrompt) {
      changed.add(SHOW_SYSTEM_PROMPT);
    }
    return changed;
  }

  public Optional<String> systemPromptIfAny() {
    return Optional.ofNullable(systemPrompt).filter(s -> !s.isBlank());
  }

  public Optional<String> modelIfAny() {
    return Optional.ofNullable(model).filter(s -> !s.isBlank());
  }

  /**
   * What the model is sent for a person's message: the message put into the prompt template, if
   * there is one ({@link PromptTemplate#apply}), else the message as it is.
   */
  public String prompt(String message) {
    return promptTemplate == null || promptTemplate.isBlank()
        ? message
        : PromptTemplate.apply(promptTemplate, message);
  }
}
