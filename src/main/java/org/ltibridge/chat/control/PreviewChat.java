package org.ltibridge.chat.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Logger;
import org.ltibridge.access.control.Actor;
import org.ltibridge.assistant.control.AssistantAuthoring;
import org.ltibridge.assistant.entity.Assistant;
import org.ltibridge.assistant.entity.AssistantSettings;
import org.ltibridge.chat.control.ChatCompletionsClient.Turn;
import org.ltibridge.system.control.Problem;

/**
 * A creator tries an assistant before students do: the editor's browser holds the preview
 * conversation and sends all of it each time; the reply is streamed as a student's is, from the
 * assistant's current version, with the turns built as a student's ({@link ChatTurns}). Nothing is
 * stored, so nothing counts in any dashboard or statistics.
 *
 * <p>Whoever may read the assistant may preview it ({@link AssistantAuthoring#readable}): its
 * author and the organisation's admins, and while it is published the organisation's other
 * creators, who may want to try a colleague's assistant before choosing it for a course.
 */
@ApplicationScoped
public class PreviewChat {

  private static final Logger LOG = Logger.getLogger(PreviewChat.class.getName());

  static final int MAX_TURNS = 50;
  static final String ERROR_NONE =
      "Send the preview conversation as {\"messages\": [{\"role\": \"user\", \"content\":"
          + " \"Hello\"}]}.";
  static final String ERROR_TOO_MANY =
      "A preview conversation is limited to " + MAX_TURNS + " messages; start a new one.";
  static final String ERROR_ROLE = "Each message's role must be \"user\" or \"assistant\".";
  static final String ERROR_LAST = "The last message must be the user's.";
  static final String ERROR_EMPTY = "Each message needs some content.";

  /** A model's earlier reply may be longer than what a person may write. */
  static final int MAX_REPLY = 4 * ChatService.MAX_MESSAGE;

  static final String ERROR_TOO_LONG =
      "Your messages are limited to "
          + ChatService.MAX_MESSAGE
          + " characters, the assistant's to "
          + MAX_REPLY
          + ".";

  static final String NO_MODEL =
      "This assistant cannot answer yet: give it a model, and make sure its organisation has a"
          + " model endpoint (an organisation admin sets it).";

  @Inject AssistantAuthoring authoring;
  @Inject OrganizationModels models;
  @Inject ChatCompletionsClient client;

  /** A checked preview, ready to be answered. */
  public record Prepared(
      Optional<ChatCompletionsClient.ModelEndpoint> endpoint, List<Turn> turns) {}

  /**
   * Checks who asks and what they sent (4xx Problems, before anything is streamed) and builds the
   * turns from the assistant's current version.
   */
  @Transactional
  public Prepared prepare(Actor actor, Long assistantId, List<Turn> conversation) {
    Assistant a = authoring.readable(actor, assistantId);
    List<Turn> checked = checked(conversation);
    AssistantSettings settings = a.settings();
    List<Turn> turns =
        ChatTurns.of(
            settings,
            checked.subList(0, checked.size() - 1),
            checked.get(checked.size() - 1).content());
    return new Prepared(models.endpoint(a.organization(), settings), turns);
  }

  /** Asks the model, streaming to {@code onDelta}; the outcome as the student chat's. */
  public ChatService.Reply answer(Prepared prepared, Consumer<String> onDelta) {
    if (prepared.endpoint().isEmpty()) {
      return new ChatService.Reply(false, NO_MODEL);
    }
    try {
      return new ChatService.Reply(
          true, client.complete(prepared.endpoint().get(), prepared.turns(), onDelta));
    } catch (ModelUnavailableException e) {
      LOG.fine(() -> "Preview: model call failed: " + e.getMessage());
      return new ChatService.Reply(false, e.getMessage());
    }
  }

  /** The conversation as the editor sent it, checked: a 400 saying what is wrong. */
  static List<Turn> checked(List<Turn> conversation) {
    if (conversation == null || conversation.isEmpty()) {
      throw Problem.badRequest(ERROR_NONE);
    }
    if (conversation.size() > MAX_TURNS) {
      throw Problem.badRequest(ERROR_TOO_MANY);
    }
    for (Turn t : conversation) {
      if (!Turn.USER.equals(t.role()) && !Turn.ASSISTANT.equals(t.role())) {
        throw Problem.badRequest(ERROR_ROLE);
      }
      if (t.content().isBlank()) {
        throw Problem.badRequest(ERROR_EMPTY);
      }
      if (t.content().length()
          > (Turn.USER.equals(t.role()) ? ChatService.MAX_MESSAGE : MAX_REPLY)) {
        throw Problem.badRequest(ERROR_TOO_LONG);
      }
    }
    if (!Turn.USER.equals(conversation.get(conversation.size() - 1).role())) {
      throw Problem.badRequest(ERROR_LAST);
    }
    return conversation;
  }
}
