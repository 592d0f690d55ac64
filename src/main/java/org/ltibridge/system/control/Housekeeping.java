package org.ltibridge.system.control;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ltibridge.activity.control.PageTokens;
import org.ltibridge.identity.control.CreatorSessions;
import org.ltibridge.keys.control.SigningKeys;
import org.ltibridge.lti11.control.NonceStore;
import org.ltibridge.lti13.platform.control.AccessTokens;
import org.ltibridge.lti13.platform.control.PlatformLaunches;
import org.ltibridge.lti13.tool.control.OidcStates;

/**
 * Keeps flow state bounded: nonces whose timestamps left the window, long-expired page tokens, and
 * the tool role's OIDC logins, the platform role's expired launch sessions, launch nonces and
 * client-assertion jtis, and ended creator sessions are deleted every minute (on each instance; the
 * deletes are idempotent), and the signing keys rotate on schedule.
 */
@Singleton
@TransactionManagement(TransactionManagementType.BEAN)
public class Housekeeping {

  private static final Logger LOG = Logger.getLogger(Housekeeping.class.getName());

  @Inject NonceStore nonces;
  @Inject PageTokens tokens;
  @Inject PlatformLaunches platformLaunches;
  @Inject AccessTokens accessTokens;
  @Inject SigningKeys signingKeys;
  @Inject OidcStates oidcStates;
  @Inject CreatorSessions creatorSessions;
  @Inject Clock clock;

  @Schedule(hour = "*", minute = "*", second = "17", persistent = false)
  void purge() {
    try {
      int n = nonces.purgeExpired(LocalDateTime.now(clock));
      int t = tokens.purgeExpired();
      int s = oidcStates.purgeExpired();
      LocalDateTime now = LocalDateTime.now(clock);
      int p = platformLaunches.purgeExpired(now) + accessTokens.purgeExpired(now);
      int c = creatorSessions.purgeExpired(now);
      if (n + t + s + p + c > 0) {
        LOG.fine(
            () ->
                "Purged "
                    + n
                    + " nonces, "
                    + t
                    + " page tokens, "
                    + s
                    + " LTI 1.3 logins and "
                    + p
                    + " launch sessions, launch nonces and assertion jtis, "
                    + c
                    + " creator sessions");
      }
      signingKeys.maintain();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Housekeeping failed; will retry in a minute", e);
    }
  }
}
