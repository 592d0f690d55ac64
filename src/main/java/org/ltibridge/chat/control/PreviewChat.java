package org.ltibridge.chat.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.ltibridge.access.control.Actor;
import org.ltibridge.assistant.control.AssistantAuthoring;
import org.ltibridge.assistant.entity.Assistant;
import org.ltibridge.assistant.entity.AssistantSettings;
import org.ltibridge.model.ModelEndpoint;
import org.ltibridge.model.Turn;
import org.ltibridge.org.entity.Organization;
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

  static final int MAX_TURNS = 50;
  static final Problem.Text ERROR_NONE = Problem.text("chat.PreviewChat.none");
  static final Problem.Text ERROR_TOO_MANY = Problem.text("chat.PreviewChat.tooMany", MAX_TURNS);
  static final Problem.Text ERROR_ROLE = Problem.text("chat.PreviewChat.role");
  static final Problem.Text ERROR_LAST = Problem.text("chat.PreviewChat.last");
  static final Problem.Text ERROR_EMPTY = Problem.text("chat.PreviewChat.empty");

  /** A model's earlier reply may be longer than what a person may write. */
  static final int MAX_REPLY = 4 * ChatService.MAX_MESSAGE;

  static final Problem.Text ERROR_TOO_LONG =
      Problem.text("chat.PreviewChat.tooLong", ChatService.MAX_MESSAGE, MAX_REPLY);

  static final Problem.Text NO_MODEL = Problem.text("chat.PreviewChat.noModel");

  @Inject AssistantAuthoring authoring;
  @Inject OrganizationModels models;
  @Inject Answers answers;

  /** A checked preview, ready to be answered. */
  public record Prepared(
      long organizationId, OptionalInt limit, Optional<ModelEndpoint> endpoint, List<Turn> turns) {}

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
    Organization org = a.organization();
    return new Prepared(
        org.id(), OrganizationModels.limit(org), models.endpoint(org, settings), turns);
  }

  /**
   * Asks the model in the organisation's line, as a student's message is ({@link Answers}); the
   * reply streams to {@code events}, and nothing is stored.
   */
  public void answer(Prepared prepared, AnswerEvents events) {
    if (prepared.endpoint().isEmpty()) {
      events.finished(AnswerEvents.Reply.notice(NO_MODEL));
      return;
    }
    answers.start(
        prepared.organizationId(),
        prepared.limit(),
        prepared.endpoint().get(),
        prepared.turns(),
        events,
        Answers.Ended::told);
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
