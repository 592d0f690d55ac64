package org.ltibridge.model;

import java.util.Objects;

/** One message of the conversation, as the chat-completions API takes it. */
public record Turn(String role, String content) {

  /** Role of the assistant's instructions. */
  public static final String SYSTEM = "system";

  /** Role of what the person wrote. */
  public static final String USER = "user";

  /** Role of what the model answered earlier. */
  public static final String ASSISTANT = "assistant";

  /** Checks that both parts are there. */
  public Turn {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(content, "content");
  }

  /** A system prompt. */
  public static Turn system(String content) {
    return new Turn(SYSTEM, content);
  }

  /** A person's message. */
  public static Turn user(String content) {
    return new Turn(USER, content);
  }

  /** An earlier reply of the model. */
  public static Turn assistant(String content) {
    return new Turn(ASSISTANT, content);
  }

  /** Leaves the content out, so that logging a turn never leaks what a student wrote. */
  @Override
  public String toString() {
    return "Turn[role=" + role + ", " + content.length() + " chars]";
  }
}
