package org.ltibridge.lti13.platform.control;

/**
 * A refused token or service request in the words of RFC 6749 §5.2 / RFC 6750 §3.1: the HTTP
 * status, the error code and a description a developer can act on (never a secret).
 */
public class OAuthError extends RuntimeException {

  private final int status;
  private final String error;
  private Long toolId;

  public OAuthError(int status, String error, String description) {
    super(description, null, false, false);
    this.status = status;
    this.error = error;
  }

  public static OAuthError invalidRequest(String description) {
    return new OAuthError(400, "invalid_request", description);
  }

  public static OAuthError unsupportedGrantType(String description) {
    return new OAuthError(400, "unsupported_grant_type", description);
  }

  public static OAuthError invalidClient(String description) {
    return new OAuthError(401, "invalid_client", description);
  }

  public static OAuthError invalidToken(String description) {
    return new OAuthError(401, "invalid_token", description);
  }

  /** Names the registered tool the error is answered to, so that it is kept for its admin. */
  public OAuthError forTool(long id) {
    this.toolId = id;
    return this;
  }

  /** The registered tool the error is answered to; null when the caller is no known tool. */
  public Long toolId() {
    return toolId;
  }

  public int status() {
    return status;
  }

  public String error() {
    return error;
  }

  public String description() {
    return getMessage();
  }
}
