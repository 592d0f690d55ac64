package org.ltibridge.system.control;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps flow state bounded: every minute (on each instance; the work is idempotent) it runs each
 * capability's {@link Housework}, such as deleting nonces whose timestamps left the window, expired
 * page tokens, logins and sessions, and rotating the signing keys on schedule. One failing share
 * does not stop the others; it is tried again a minute later.
 */
@Singleton
@TransactionManagement(TransactionManagementType.BEAN)
public class Housekeeping {

  private static final Logger LOG = Logger.getLogger(Housekeeping.class.getName());

  @Inject @Any Instance<Housework> housework;
  @Inject Clock clock;

  @Schedule(hour = "*", minute = "*", second = "17", persistent = false)
  void purge() {
    Map<String, Integer> purged = run(housework, LocalDateTime.now(clock));
    if (!purged.isEmpty()) {
      LOG.fine(() -> "Purged " + purged);
    }
  }

  /** Runs every share; answers how many rows each that deleted any deleted. */
  static Map<String, Integer> run(Iterable<? extends Housework> all, LocalDateTime now) {
    Map<String, Integer> purged = new LinkedHashMap<>();
    for (Housework share : all) {
      try {
        int n = share.everyMinute(now);
        if (n > 0) {
          purged.put(share.what(), n);
        }
      } catch (RuntimeException e) {
        LOG.log(
            Level.WARNING,
            "Housekeeping of " + share.what() + " failed; will retry in a minute",
            e);
      }
    }
    return purged;
  }
}
