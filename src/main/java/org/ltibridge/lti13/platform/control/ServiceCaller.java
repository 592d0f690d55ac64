package org.ltibridge.lti13.platform.control;

import java.time.Instant;
import java.util.Set;

/** Who calls AGS or NRPS: the tool an access token was issued to, and what it was granted. */
public record ServiceCaller(long toolId, String clientId, Set<String> scopes, Instant expiresAt) {

  public boolean mayAny(String... wanted) {
    for (String w : wanted) {
      if (scopes.contains(w)) {
        return true;
      }
    }
    return false;
  }
}
