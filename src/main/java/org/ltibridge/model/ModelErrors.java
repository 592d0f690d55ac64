package org.ltibridge.model;

import io.micrometer.core.instrument.Counter;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLException;
import org.ltibridge.model.ModelUnavailableException.Reason;
import org.ltibridge.system.control.Metrics;

/**
 * Every way a model request fails, as a message for the person who asked (and the teacher or
 * administrator they show it to): what went wrong and, where it helps, which setting to check;
 * never the key, a header or chat content. Each failure is counted and logged once, by {@link
 * #count}.
 */
final class ModelErrors {

  private static final Logger LOG = Logger.getLogger(ModelErrors.class.getName());

  // %s is filled with the detail or the host, never with secrets.
  static final String MSG_NO_ANSWER = "The assistant's language model did not answer (%s).";
  static final String MSG_BAD_BASE_URL =
      "The assistant's language model is not set up correctly (the base URL must be an absolute"
          + " http:// or https:// address: check the organisation settings).";
  static final String MSG_BAD_API_KEY =
      "The assistant's language model is not set up correctly (the API key contains characters"
          + " that are not allowed: check the organisation settings).";
  static final String MSG_SERVER_SAID = " The server said: \"%s\"";
  static final String DETAIL_REFUSED =
      "could not connect to %s: check the base URL in the organisation settings, or try again"
          + " later";
  static final String DETAIL_CONNECT_TIMEOUT = "no connection to %s in time: try again later";
  static final String DETAIL_TLS =
      "the secure connection to %s failed: check the base URL in the organisation settings";
  static final String DETAIL_BROKEN = "the connection to %s broke off: try again later";
  static final String DETAIL_FIRST_WORD = "no first word within %d seconds: try again later";
  static final String DETAIL_STALLED = "the reply stalled for %d seconds: try again later";
  static final String DETAIL_TIMEOUT = "no complete reply within %d seconds: try again later";
  static final String DETAIL_CANCELLED = "the reply was stopped";
  static final String DETAIL_MALFORMED =
      "its reply was not in the chat-completions format: check the base URL in the organisation"
          + " settings";
  static final String DETAIL_TOO_LONG = "its reply was too long";
  static final String DETAIL_CUT_OFF = "the reply stopped before it was complete: try again later";
  static final String DETAIL_STREAM_ERROR = "it reported an error while replying";
  static final String DETAIL_HTTP = "HTTP %d: %s";
  static final String HINT_400 =
      "the request was refused, check the model name in the assistant settings";
  static final String HINT_401 = "check the API key in the organisation settings";
  static final String HINT_403 =
      "the API key may not use this model, check the organisation settings";
  static final String HINT_404 =
      "check the base URL in the organisation settings and the model name in the assistant"
          + " settings";
  static final String HINT_413 = "the conversation is too long, start a new one";
  static final String HINT_429 = "too many requests or the quota is used up, try again later";
  static final String HINT_5XX = "the model server has a problem, try again later";
  static final String HINT_3XX =
      "the server sent the request elsewhere, check the base URL in the organisation settings";
  static final String HINT_OTHER = "unexpected answer from the model server";

  /** Replies that could not be had, by reason. */
  private static final Map<Reason, Counter> FAILURES = new EnumMap<>(Reason.class);

  static {
    for (Reason r : Reason.values()) {
      FAILURES.put(
          r,
          Metrics.counter(
              "ltibridge.model.failures",
              "Model requests that gave no complete reply",
              "reason",
              r.name().toLowerCase(Locale.ROOT)));
    }
  }

  /** Which of the reply's time limits ran out. */
  enum Limit {
    FIRST_WORD(DETAIL_FIRST_WORD),
    STALLED(DETAIL_STALLED),
    WHOLE_REPLY(DETAIL_TIMEOUT);

    private final String detail;

    Limit(String detail) {
      this.detail = detail;
    }
  }

  private ModelErrors() {}

  static ModelUnavailableException badBaseUrl() {
    return new ModelUnavailableException(Reason.INVALID_SETTINGS, 0, MSG_BAD_BASE_URL, null);
  }

  static ModelUnavailableException badApiKey() {
    return new ModelUnavailableException(Reason.INVALID_SETTINGS, 0, MSG_BAD_API_KEY, null);
  }

  static ModelUnavailableException timeout(Limit limit, Duration allowed) {
    // Rounded up, so that a sub-second test limit does not read "within 0 seconds".
    long seconds = (allowed.toMillis() + 999) / 1000;
    return noAnswer(Reason.TIMEOUT, String.format(limit.detail, seconds));
  }

  static ModelUnavailableException cancelled() {
    return noAnswer(Reason.CANCELLED, DETAIL_CANCELLED);
  }

  static ModelUnavailableException malformed() {
    return noAnswer(Reason.MALFORMED_REPLY, DETAIL_MALFORMED);
  }

  static ModelUnavailableException tooLong() {
    return noAnswer(Reason.MALFORMED_REPLY, DETAIL_TOO_LONG);
  }

  static ModelUnavailableException cutOff() {
    return noAnswer(Reason.MALFORMED_REPLY, DETAIL_CUT_OFF);
  }

  /** An error the server reported in a 200 reply or in the middle of a stream. */
  static ModelUnavailableException reported(Optional<String> said, Redaction redaction) {
    return new ModelUnavailableException(
        Reason.MALFORMED_REPLY,
        0,
        String.format(MSG_NO_ANSWER, DETAIL_STREAM_ERROR) + said(said, redaction),
        null);
  }

  /** A status other than 2xx, explained, with what the server said about it if it is JSON. */
  static ModelUnavailableException status(int status, String body, Redaction redaction) {
    String hint;
    if (status == 401) {
      hint = HINT_401;
    } else if (status == 403) {
      hint = HINT_403;
    } else if (status == 404) {
      hint = HINT_404;
    } else if (status == 413) {
      hint = HINT_413;
    } else if (status == 429) {
      hint = HINT_429;
    } else if (status >= 500) {
      hint = HINT_5XX;
    } else if (status >= 400) {
      hint = HINT_400;
    } else if (status >= 300) {
      hint = HINT_3XX;
    } else {
      hint = HINT_OTHER;
    }
    String message = String.format(MSG_NO_ANSWER, String.format(DETAIL_HTTP, status, hint));
    return new ModelUnavailableException(
        Reason.HTTP_ERROR, status, message + said(OpenAiChat.errorMessage(body), redaction), null);
  }

  /** A failure of the connection itself: refused, timed out, TLS, or broken off. */
  static ModelUnavailableException transport(Throwable failure, String host) {
    Throwable t = failure;
    while ((t instanceof CompletionException
            || t instanceof java.util.concurrent.ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    if (t instanceof ModelUnavailableException known) {
      return known;
    }
    if (t instanceof CancellationException) {
      return cancelled();
    }
    String detail;
    if (t instanceof HttpConnectTimeoutException) {
      detail = DETAIL_CONNECT_TIMEOUT;
    } else if (t instanceof ConnectException) {
      detail = DETAIL_REFUSED;
    } else if (t instanceof SSLException) {
      detail = DETAIL_TLS;
    } else {
      detail = DETAIL_BROKEN;
    }
    String message = String.format(MSG_NO_ANSWER, String.format(detail, host));
    return new ModelUnavailableException(Reason.UNREACHABLE, 0, message, t);
  }

  /**
   * Counts and logs a failure (its message is free of secrets and chat content). A reply the person
   * stopped is counted, not logged as a warning.
   */
  static ModelUnavailableException count(ModelUnavailableException e) {
    FAILURES.get(e.reason()).increment();
    LOG.log(
        e.reason() == Reason.CANCELLED ? Level.FINE : Level.WARNING,
        "Chat completion failed ({0}, HTTP status {1}): {2}",
        new Object[] {e.reason(), e.httpStatus(), e.getMessage()});
    return e;
  }

  private static ModelUnavailableException noAnswer(Reason reason, String detail) {
    return new ModelUnavailableException(reason, 0, String.format(MSG_NO_ANSWER, detail), null);
  }

  private static String said(Optional<String> said, Redaction redaction) {
    return said.map(redaction::sanitize)
        .filter(s -> !s.isEmpty())
        .map(s -> String.format(MSG_SERVER_SAID, s))
        .orElse("");
  }
}
