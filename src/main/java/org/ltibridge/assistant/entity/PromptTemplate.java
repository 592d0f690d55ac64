package org.ltibridge.assistant.entity;

/**
 * LAMB's prompt template: the text the person's message is put into before the model sees it, with
 * the placeholders {@value #USER_INPUT} (the message) and {@value #CONTEXT} (what retrieval found;
 * LTI Bridge has no retrieval, so it is replaced by nothing). See LAMB's assistant documentation
 * (github.com/Lamb-Project/lamb, "prompt_template").
 */
public final class PromptTemplate {

  public static final String USER_INPUT = "{user_input}";
  public static final String CONTEXT = "{context}";

  private PromptTemplate() {}

  /** Whether a template has the place where the person's message goes. */
  public static boolean accepts(String template) {
    return template != null && template.contains(USER_INPUT);
  }

  /**
   * The template with {@value #CONTEXT} removed, then {@value #USER_INPUT} replaced by the message.
   * In that order, and each in one pass over the template, so that placeholders a person types are
   * sent as typed.
   */
  public static String apply(String template, String message) {
    return template.replace(CONTEXT, "").replace(USER_INPUT, message);
  }
}
