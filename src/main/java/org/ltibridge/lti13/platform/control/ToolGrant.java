package org.ltibridge.lti13.platform.control;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The one rule that decides what an access token still grants (LTI Security Framework §4.1, RFC
 * 6750 §3.1): what it says it was issued for, judged against the tool's row as it is now. A token
 * of a deactivated tool, or issued before the tool's key changed, is refused; scopes taken away
 * from the tool since are no longer granted. Pure, so that the cached signature check never decides
 * alone.
 */
public final class ToolGrant {

  static final String ERROR_EXPIRED = "The access token has expired.";
  static final String ERROR_NO_TOOL = "The tool of this access token is no longer registered.";
  static final String ERROR_INACTIVE = "The tool of this access token is deactivated.";
  static final String ERROR_REVOKED =
      "This access token was revoked when the tool's key changed: request a new one.";

  private ToolGrant() {}

  /** What a verified access token says: whose it is, its scopes, expiry and tool revision. */
  public record TokenClaims(
      long toolId, String clientId, Set<String> scopes, Instant expiresAt, long revision) {}

  /** The columns of the tool's row that judge its tokens (one primary-key read). */
  public record ToolState(boolean active, Set<String> scopes, long revision, long tokenRevision) {}

  /**
   * The caller the token stands for now.
   *
   * @param state the tool's row now; null when the tool was removed
   * @throws OAuthError invalid_token (401), naming the tool when it still exists
   */
  public static ServiceCaller decide(TokenClaims token, ToolState state, Instant now) {
    if (!token.expiresAt().isAfter(now)) {
      throw withTool(OAuthError.invalidToken(ERROR_EXPIRED), token, state);
    }
    if (state == null) {
      throw OAuthError.invalidToken(ERROR_NO_TOOL);
    }
    if (!state.active()) {
      throw OAuthError.invalidToken(ERROR_INACTIVE).forTool(token.toolId());
    }
    if (token.revision() < state.tokenRevision()) {
      throw OAuthError.invalidToken(ERROR_REVOKED).forTool(token.toolId());
    }
    Set<String> granted = new LinkedHashSet<>(token.scopes());
    granted.retainAll(state.scopes());
    return new ServiceCaller(
        token.toolId(), token.clientId(), Set.copyOf(granted), token.expiresAt());
  }

  private static OAuthError withTool(OAuthError e, TokenClaims token, ToolState state) {
    return state == null ? e : e.forTool(token.toolId());
  }
}
