package org.ltibridge.lti13.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.ltibridge.lti13.platform.control.ToolGrant.TokenClaims;
import org.ltibridge.lti13.platform.control.ToolGrant.ToolState;

/** What an access token still grants, judged against the tool's row as it is now. */
class ToolGrantTest {

  static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
  static final TokenClaims TOKEN =
      new TokenClaims(
          7, "client-7", Set.of(Scopes.SCORE, Scopes.LINEITEM), NOW.plusSeconds(600), 3);

  @Test
  void aLiveTokenOfAnActiveToolGrantsItsScopes() {
    ServiceCaller c =
        ToolGrant.decide(TOKEN, new ToolState(true, Set.copyOf(Scopes.ALL), 3, 1), NOW);
    assertEquals(Set.of(Scopes.SCORE, Scopes.LINEITEM), c.scopes());
    assertEquals(7, c.toolId());
  }

  @Test
  void scopesTakenFromTheToolAreNoLongerGranted() {
    ServiceCaller c =
        ToolGrant.decide(TOKEN, new ToolState(true, Set.of(Scopes.LINEITEM), 4, 1), NOW);
    assertEquals(Set.of(Scopes.LINEITEM), c.scopes());
    assertEquals(false, c.mayAny(Scopes.SCORE));
  }

  @Test
  void aDeactivatedToolsTokenIsRefusedAndNamesTheToolAndWorksAgainOnReactivation() {
    OAuthError e =
        assertThrows(
            OAuthError.class,
            () -> ToolGrant.decide(TOKEN, new ToolState(false, Set.copyOf(Scopes.ALL), 4, 4), NOW));
    assertEquals("invalid_token", e.error());
    assertEquals(401, e.status());
    assertEquals(ToolGrant.ERROR_INACTIVE, e.description());
    assertEquals(7L, e.toolId());
    assertEquals(
        7,
        ToolGrant.decide(TOKEN, new ToolState(true, Set.copyOf(Scopes.ALL), 5, 1), NOW).toolId());
  }

  @Test
  void aTokenIssuedBeforeAKeyChangeIsRevokedAndOneIssuedAfterIsNot() {
    OAuthError e =
        assertThrows(
            OAuthError.class,
            () -> ToolGrant.decide(TOKEN, new ToolState(true, Set.copyOf(Scopes.ALL), 5, 4), NOW));
    assertEquals(ToolGrant.ERROR_REVOKED, e.description());
    // A token issued after the key change (revision 5) is honoured.
    TokenClaims fresh =
        new TokenClaims(7, "client-7", Set.of(Scopes.SCORE), NOW.plusSeconds(600), 5);
    assertEquals(
        Set.of(Scopes.SCORE),
        ToolGrant.decide(fresh, new ToolState(true, Set.copyOf(Scopes.ALL), 5, 4), NOW).scopes());
  }

  @Test
  void aTokenWithoutRevisionFromBeforeSchema012IsHonouredUntilTheFirstRevocation() {
    TokenClaims old = new TokenClaims(7, "client-7", Set.of(Scopes.SCORE), NOW.plusSeconds(60), 0);
    assertEquals(
        Set.of(Scopes.SCORE),
        ToolGrant.decide(old, new ToolState(true, Set.copyOf(Scopes.ALL), 1, 0), NOW).scopes());
    assertThrows(
        OAuthError.class,
        () -> ToolGrant.decide(old, new ToolState(true, Set.copyOf(Scopes.ALL), 3, 2), NOW));
  }

  @Test
  void expiredOrOfARemovedTool() {
    TokenClaims expired = new TokenClaims(7, "client-7", Set.of(Scopes.SCORE), NOW, 3);
    OAuthError e =
        assertThrows(
            OAuthError.class,
            () ->
                ToolGrant.decide(expired, new ToolState(true, Set.copyOf(Scopes.ALL), 3, 0), NOW));
    assertEquals(ToolGrant.ERROR_EXPIRED, e.description());
    OAuthError removed = assertThrows(OAuthError.class, () -> ToolGrant.decide(TOKEN, null, NOW));
    assertEquals(ToolGrant.ERROR_NO_TOOL, removed.description());
    assertNull(removed.toolId(), "a removed tool has nobody to keep the error for");
  }
}
