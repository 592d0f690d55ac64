package org.ltibridge.system.control;

/**
 * A request we refuse, with the HTTP status to answer and a message a person can act on. Thrown by
 * any capability; {@code system.boundary.ProblemMapper} turns it into a readable page (for
 * browsers) or a JSON body (for API clients). Messages must never contain secrets or tokens.
 */
public class Problem extends RuntimeException {

  private final int status;
  private final String title;
  private String reason;

  public Problem(int status, String title, String detail) {
    super(detail, null, false, false);
    this.status = status;
    this.title = title;
    this.reason = byStatus(status);
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

  public static Problem badRequest(String detail) {
    return new Problem(400, "This request cannot be handled", detail);
  }

  public static Problem unauthorized(String detail) {
    return new Problem(401, "This launch could not be verified", detail);
  }

  public static Problem forbidden(String detail) {
    return new Problem(403, "Not allowed", detail);
  }

  public static Problem notFound(String detail) {
    return new Problem(404, "Not found", detail);
  }

  public static Problem gone(String detail) {
    return new Problem(410, "This link has expired", detail);
  }

  public static Problem tooLarge(String detail) {
    return new Problem(413, "This request is too large", detail);
  }

  public static Problem conflict(String detail) {
    return new Problem(409, "Already done", detail);
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  public String detail() {
    return getMessage();
  }
}
