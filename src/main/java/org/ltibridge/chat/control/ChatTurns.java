package org.ltibridge.chat.control;

import java.util.ArrayList;
import java.util.List;
import org.ltibridge.assistant.entity.AssistantSettings;
import org.ltibridge.model.Turn;

/**
 * What the model is sent for a person's next message, for a student's chat and a creator's preview
 * alike: the assistant's system prompt (if any), the conversation so far as it was written, and the
 * new message put into the prompt template ({@link AssistantSettings#prompt}). As LAMB's {@code
 * simple_augment} prompt processor, only the newest message goes through the template.
 */
final class ChatTurns {

  private ChatTurns() {}

  static List<Turn> of(AssistantSettings settings, List<Turn> history, String message) {
    List<Turn> turns = new ArrayList<>(history.size() + 2);
    settings.systemPromptIfAny().map(Turn::system).ifPresent(turns::add);
    turns.addAll(history);
    turns.add(Turn.user(settings.prompt(message)));
    return turns;
  }
}
