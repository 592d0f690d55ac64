package org.ltibridge.system.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.time.LocalDateTime;

/** The one clock of the application: UTC, so that stored LocalDateTime values are UTC. */
@ApplicationScoped
public class ClockProducer {

  @Produces
  @ApplicationScoped
  Clock clock() {
    return Clock.systemUTC();
  }

  /** Now, in UTC, as stored in the database. */
  public static LocalDateTime now(Clock clock) {
    return LocalDateTime.now(clock);
  }
}
