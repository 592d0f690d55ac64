package org.ltibridge.chat.control;

import org.ltibridge.system.control.Problem;

/**
 * What the person's page hears while a reply is answered ({@link Answers}): its place in the line,
 * the reply's pieces, keep-alives, and the outcome, once. A page that has gone away says so through
 * {@link #whenGone}'s action (or by throwing), and the reply is stopped.
 */
public interface AnswerEvents {

  /** The action that stops the reply, to run when the page turns out to be gone. */
  void whenGone(Runnable stop);

  /** Waiting for the model: {@code place} in the line (1 = next). */
  void waiting(int place);

  /** A new piece of the reply. */
  void delta(String text);

  /** Nothing new for a while: a chance to notice a page that has gone. */
  void alive();

  /** The outcome, once it is stored: the last event. */
  void finished(Reply reply);

  /**
   * The outcome of asking the model.
   *
   * @param complete whether the reply is whole; else {@code notice} says why not
   * @param text the whole reply, or the notice in English (as stored)
   * @param partial what had arrived of an incomplete reply (kept and marked), else empty
   * @param notice why there is no whole reply, to show the person in their language; null when
   *     complete
   */
  record Reply(boolean complete, String text, String partial, Problem.Text notice) {

    public static Reply complete(String text) {
      return new Reply(true, text, "", null);
    }

    public static Reply notice(Problem.Text notice) {
      return new Reply(false, notice.english(), "", notice);
    }

    /** What the page shows: the reply, or the notice in {@code language}. */
    public String text(String language) {
      return notice == null ? text : notice.in(language);
    }
  }
}
