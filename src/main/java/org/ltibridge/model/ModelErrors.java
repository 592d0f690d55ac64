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
import org.ltibridge.system.control.Problem;

/**
 * Every way a model request fails, as a message for the person who asked (and the teacher or
 * administrator they show it to): what went wrong and, where it helps, which setting to check;
 * never the key, a header or chat content. Each failure is counted and logged once, by {@link
 * #count}.
 */
final class ModelErrors {

  private static final Logger LOG = Logger.getLogger(ModelErrors.class.getName());

  // The texts are in the problems bundle, in the reader's language: an argument is the detail or
  // the host, never a secret.
  static final Problem.Text MSG_NO_ANSWER = Problem.text("model.ModelErrors.noAnswer");
  static final Problem.Text MSG_NO_ANSWER_SAID = Problem.text("model.ModelErrors.noAnswerSaid");
  static final Problem.Text MSG_BAD_BASE_URL = Problem.text("model.ModelErrors.badBaseUrl");
  static final Problem.Text MSG_BAD_API_KEY = Problem.text("model.ModelErrors.badApiKey");
  static final Problem.Text DETAIL_REFUSED = Problem.text("model.ModelErrors.refused");
  static final Problem.Text DETAIL_CONNECT_TIMEOUT =
      Problem.text("model.ModelErrors.connectTimeout");
  static final Problem.Text DETAIL_TLS = Problem.text("model.ModelErrors.tls");
  static final Problem.Text DETAIL_BROKEN = Problem.text("model.ModelErrors.broken");
  static final Problem.Text DETAIL_FIRST_WORD = Problem.text("model.ModelErrors.firstWord");
  static final Problem.Text DETAIL_STALLED = Problem.text("model.ModelErrors.stalled");
  static final Problem.Text DETAIL_TIMEOUT = Problem.text("model.ModelErrors.timeout");
  static final Problem.Text DETAIL_CANCELLED = Problem.text("model.ModelErrors.cancelled");
  static final Problem.Text DETAIL_MALFORMED = Problem.text("model.ModelErrors.malformed");
  static final Problem.Text DETAIL_TOO_LONG = Problem.text("model.ModelErrors.tooLong");
  static final Problem.Text DETAIL_CUT_OFF = Problem.text("model.ModelErrors.cutOff");
  static final Problem.Text DETAIL_STREAM_ERROR = Problem.text("model.ModelErrors.streamError");
  static final Problem.Text DETAIL_HTTP = Problem.text("model.ModelErrors.http");
  static final Problem.Text HINT_400 = Problem.text("model.ModelErrors.hint400");
  static final Problem.Text HINT_401 = Problem.text("model.ModelErrors.hint401");
  static final Problem.Text HINT_403 = Problem.text("model.ModelErrors.hint403");
  static final Problem.Text HINT_404 = Problem.text("model.ModelErrors.hint404");
  static final Problem.Text HINT_413 = Problem.text("model.ModelErrors.hint413");
  static final Problem.Text HINT_429 = Problem.text("model.ModelErrors.hint429");
  static final Problem.Text HINT_5XX = Problem.text("model.ModelErrors.hint5xx");
  static final Problem.Text HINT_3XX = Problem.text("model.ModelErrors.hint3xx");
  static final Problem.Text HINT_OTHER = Problem.text("model.ModelErrors.hintOther");

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

    private final Problem.Text detail;

    Limit(Problem.Text detail) {
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
    return noAnswer(Reason.TIMEOUT, limit.detail.with(seconds));
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
        Reason.MALFORMED_REPLY, 0, noAnswer(DETAIL_STREAM_ERROR, said, redaction), null);
  }

  /** A status other than 2xx, explained, with what the server said about it if it is JSON. */
  static ModelUnavailableException status(int status, String body, Redaction redaction) {
    Problem.Text hint;
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
    Problem.Text message =
        noAnswer(DETAIL_HTTP.with(status, hint), OpenAiChat.errorMessage(body), redaction);
    return new ModelUnavailableException(Reason.HTTP_ERROR, status, message, null);
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
    Problem.Text detail;
    if (t instanceof HttpConnectTimeoutException) {
      detail = DETAIL_CONNECT_TIMEOUT;
    } else if (t instanceof ConnectException) {
      detail = DETAIL_REFUSED;
    } else if (t instanceof SSLException) {
      detail = DETAIL_TLS;
    } else {
      detail = DETAIL_BROKEN;
    }
    return new ModelUnavailableException(
        Reason.UNREACHABLE, 0, MSG_NO_ANSWER.with(detail.with(host)), t);
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

  private static ModelUnavailableException noAnswer(Reason reason, Problem.Text detail) {
    return new ModelUnavailableException(reason, 0, MSG_NO_ANSWER.with(detail), null);
  }

  /** "did not answer (detail)", and what the server said about it, if anything. */
  private static Problem.Text noAnswer(
      Problem.Text detail, Optional<String> said, Redaction redaction) {
    return said.map(redaction::sanitize)
        .filter(s -> !s.isEmpty())
        .map(s -> MSG_NO_ANSWER_SAID.with(detail, s))
        .orElse(MSG_NO_ANSWER.with(detail));
  }
}
