package org.ltibridge.system.control;

import java.text.MessageFormat;
import java.util.Arrays;
import java.util.Objects;

/**
 * A request we refuse, with the HTTP status to answer and a message a person can act on. Thrown by
 * any capability; {@code system.boundary.ProblemMapper} turns it into a readable page (for
 * browsers) or a JSON body (for API clients). Messages must never contain secrets or tokens.
 *
 * <p>What a person reads comes from the bundle {@value #BUNDLE} ({@code problems.properties},
 * {@code problems_es.properties}): a refusal is made of a {@link Text}, a key there and its {@link
 * MessageFormat} arguments, and the mapper renders it in the request's language. The log, {@link
 * #getMessage()}, {@link #title()} and {@link #detail()} are always English (the base bundle), so
 * operators read one language. The {@link #Problem(int, String, String) String constructor} is kept
 * for texts that are for software rather than people and stay English whatever the request's
 * language: the LTI 1.3 platform role's machine endpoints (token endpoint, AGS, NRPS, JWKS), whose
 * errors follow their specifications' codes and are read by tools, not by people.
 */
public class Problem extends RuntimeException {

  /** The bundle of the texts of refusals (English the base). */
  public static final String BUNDLE = "org.ltibridge.i18n.problems";

  private final int status;
  private final Text title;
  private final Text detail;
  private final String englishTitle;
  private String reason;

  /** A refusal in English only, whatever the reader's language: for software, not people. */
  public Problem(int status, String title, String detail) {
    super(detail, null, false, false);
    this.status = status;
    this.title = null;
    this.detail = null;
    this.englishTitle = title;
    this.reason = byStatus(status);
  }

  /** A refusal a person reads, in their language. */
  public Problem(int status, Text title, Text detail) {
    super(detail.english(), null, false, false);
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.englishTitle = title.english();
    this.reason = byStatus(status);
  }

  /**
   * A text from {@value #BUNDLE}: its key and the {@link MessageFormat} arguments of its pattern,
   * written as {@link BundleText} writes every text of a bundle.
   */
  public record Text(String key, Object... args) {

    public Text {
      Objects.requireNonNull(key);
      args = args == null ? new Object[0] : args.clone();
    }

    /** This text with these arguments ({@code {0}}, {@code {1}}... in its pattern). */
    public Text with(Object... arguments) {
      return new Text(key, arguments);
    }

    /** The text in a supported language ({@link Languages}), else in English. */
    public String in(String language) {
      return BundleText.format(BUNDLE, key, language, args);
    }

    public String english() {
      return in(Languages.DEFAULT);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Text t && key.equals(t.key) && Arrays.equals(args, t.args);
    }

    @Override
    public int hashCode() {
      return 31 * key.hashCode() + Arrays.hashCode(args);
    }

    @Override
    public String toString() {
      return key + Arrays.toString(args);
    }
  }

  /** A text of {@value #BUNDLE} by its key. */
  public static Text text(String key, Object... args) {
    return new Text(key, args);
  }

  /**
   * Names why a request is refused more precisely than its status, for the refusal counter (a short
   * code from a fixed set, e.g. {@code signature}, {@code replay}: never data from the request).
   */
  public Problem because(String reason) {
    this.reason = reason;
    return this;
  }

  /** The refusal's reason: set by {@link #because}, else a name of the status. */
  public String reason() {
    return reason;
  }

  private static String byStatus(int status) {
    return switch (status) {
      case 400 -> "bad_request";
      case 401 -> "unauthorized";
      case 403 -> "forbidden";
      case 404 -> "not_found";
      case 409 -> "conflict";
      case 410 -> "gone";
      case 413 -> "too_large";
      case 422 -> "unprocessable";
      case 429 -> "too_many_requests";
      default -> "status_" + status;
    };
  }

  private static final Text BAD_REQUEST = text("title.badRequest");
  private static final Text UNAUTHORIZED = text("title.unauthorized");
  private static final Text FORBIDDEN = text("title.forbidden");
  private static final Text NOT_FOUND = text("title.notFound");
  private static final Text GONE = text("title.gone");
  private static final Text TOO_LARGE = text("title.tooLarge");
  private static final Text CONFLICT = text("title.conflict");

  public static Problem badRequest(Text detail) {
    return new Problem(400, BAD_REQUEST, detail);
  }

  public static Problem unauthorized(Text detail) {
    return new Problem(401, UNAUTHORIZED, detail);
  }

  public static Problem forbidden(Text detail) {
    return new Problem(403, FORBIDDEN, detail);
  }

  public static Problem notFound(Text detail) {
    return new Problem(404, NOT_FOUND, detail);
  }

  public static Problem gone(Text detail) {
    return new Problem(410, GONE, detail);
  }

  public static Problem tooLarge(Text detail) {
    return new Problem(413, TOO_LARGE, detail);
  }

  public static Problem conflict(Text detail) {
    return new Problem(409, CONFLICT, detail);
  }

  /** English only: for software (see the class comment). */
  public static Problem badRequest(String detail) {
    return new Problem(400, BAD_REQUEST.english(), detail);
  }

  /** English only: for software (see the class comment). */
  public static Problem unauthorized(String detail) {
    return new Problem(401, UNAUTHORIZED.english(), detail);
  }

  /** English only: for software (see the class comment). */
  public static Problem forbidden(String detail) {
    return new Problem(403, FORBIDDEN.english(), detail);
  }

  /** English only: for software (see the class comment). */
  public static Problem notFound(String detail) {
    return new Problem(404, NOT_FOUND.english(), detail);
  }

  /** English only: for software (see the class comment). */
  public static Problem gone(String detail) {
    return new Problem(410, GONE.english(), detail);
  }

  /** English only: for software (see the class comment). */
  public static Problem tooLarge(String detail) {
    return new Problem(413, TOO_LARGE.english(), detail);
  }

  /** English only: for software (see the class comment). */
  public static Problem conflict(String detail) {
    return new Problem(409, CONFLICT.english(), detail);
  }

  public int status() {
    return status;
  }

  /** The title in English. */
  public String title() {
    return englishTitle;
  }

  /** The detail in English. */
  public String detail() {
    return getMessage();
  }

  /** The title in a supported language (English for an English-only refusal). */
  public String title(String language) {
    return title == null ? englishTitle : title.in(language);
  }

  /** The detail in a supported language (English for an English-only refusal). */
  public String detail(String language) {
    return detail == null ? getMessage() : detail.in(language);
  }

  /** The detail's text, if this refusal was made of one (not an English-only one). */
  public java.util.Optional<Text> text() {
    return java.util.Optional.ofNullable(detail);
  }
}
