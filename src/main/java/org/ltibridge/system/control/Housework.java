package org.ltibridge.system.control;

import java.time.LocalDateTime;

/**
 * A capability's share of the minutely housekeeping: deleting the rows it keeps only for a while
 * (nonces, page tokens, logins, sessions), or rotating keys on schedule. Each capability's bean
 * implements it, and {@link Housekeeping} runs every implementation it finds, knowing none of them.
 */
public interface Housework {

  /** Does this minute's share; answers how many rows it deleted. Idempotent across instances. */
  int everyMinute(LocalDateTime now);

  /** What it keeps bounded, for the log, e.g. "page tokens". */
  String what();
}
