package org.ltibridge.model;

import org.ltibridge.system.control.Problem;

/**
 * The assistant's language model could not give a reply. The message is written for the student
 * (and the teacher or administrator they show it to): it says what went wrong and, where it helps,
 * which setting to check. It never contains the API key, the Authorization header or any chat
 * message content, so it is safe to show in the browser and to log.
 */
public class ModelUnavailableException extends Exception {

  private static final long serialVersionUID = 1L;

  /** What kind of failure this was, for callers that react differently (e.g. retry or not). */
  public enum Reason {
    /** The base URL or API key in the settings cannot be used to build a request at all. */
    INVALID_SETTINGS,
    /** No connection could be made (refused, unknown host, TLS failure, connect timeout). */
    UNREACHABLE,
    /** No first word, a stalled stream, or no end within the time allowed. */
    TIMEOUT,
    /** The server answered with an HTTP error status; see {@link #httpStatus()}. */
    HTTP_ERROR,
    /** The server answered, but not in the chat-completions format, or stopped half-way. */
    MALFORMED_REPLY,
    /** The person stopped the reply, left the page, or the application is shutting down. */
    CANCELLED
  }

  private final Reason reason;
  private final int httpStatus;
  private final transient Problem.Text text;

  /**
   * Creates the exception.
   *
   * @param reason what kind of failure this was
   * @param httpStatus the HTTP status the server answered with, or 0 if there was none
   * @param message the student-readable message; must already be free of secrets
   * @param cause the low-level cause, or null; its message must be free of secrets too
   */
  public ModelUnavailableException(Reason reason, int httpStatus, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
    this.httpStatus = httpStatus;
    this.text = null;
  }

  /**
   * Creates the exception with a message the person reads in their language (its English is {@link
   * #getMessage()}, for the log and the stored reply).
   */
  public ModelUnavailableException(
      Reason reason, int httpStatus, Problem.Text text, Throwable cause) {
    super(text.english(), cause);
    this.reason = reason;
    this.httpStatus = httpStatus;
    this.text = text;
  }

  /** The message in a supported language (English when it was made of an English string). */
  public String message(String language) {
    return text == null ? getMessage() : text.in(language);
  }

  /** The message as a text of the problems bundle, if it was made of one. */
  public java.util.Optional<Problem.Text> text() {
    return java.util.Optional.ofNullable(text);
  }

  /** What kind of failure this was. */
  public Reason reason() {
    return reason;
  }

  /** The HTTP status the model server answered with, or 0 if it gave none. */
  public int httpStatus() {
    return httpStatus;
  }
}
