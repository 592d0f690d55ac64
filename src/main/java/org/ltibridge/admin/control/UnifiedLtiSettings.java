package org.ltibridge.admin.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.Serializable;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.logging.Logger;
import org.ltibridge.identity.control.ConsoleCaller;
import org.ltibridge.org.control.GlobalLtiCredentials;
import org.ltibridge.org.control.GlobalLtiCredentials.Credentials;
import org.ltibridge.org.control.GlobalLtiCredentials.Source;
import org.ltibridge.org.entity.GlobalLtiConfig;

/**
 * The console's view of the Unified LTI key and secret (LAMB lti_landscape.md §7.1, §14.3): anyone
 * signed in sees the key and where it comes from; only a system admin reads or changes the secret.
 * Reading and changing are logged with the admin's name, never with the secret.
 */
@ApplicationScoped
public class UnifiedLtiSettings {

  private static final Logger LOG = Logger.getLogger(UnifiedLtiSettings.class.getName());

  @Inject GlobalLtiCredentials credentials;
  @Inject ConsoleCaller caller;

  /** What the console shows about the credentials in force; never the secret itself. */
  public record Summary(
      String consumerKey,
      Source source,
      boolean secretSet,
      String changedBy,
      LocalDateTime changedAt)
      implements Serializable {

    public boolean fromDatabase() {
      return source == Source.DATABASE;
    }
  }

  public Summary summary() {
    caller.username();
    Credentials current = credentials.current();
    Optional<GlobalLtiConfig> row =
        current.source() == Source.DATABASE ? credentials.stored() : Optional.empty();
    return new Summary(
        current.consumerKey(),
        current.source(),
        !current.secret().isEmpty(),
        row.map(GlobalLtiConfig::updatedBy).orElse(null),
        row.map(GlobalLtiConfig::updatedAt).orElse(null));
  }

  public String revealSecret() {
    caller.requireSystemAdmin();
    LOG.info("Unified LTI secret shown to console user '" + caller.username() + "'");
    return credentials.current().secret();
  }

  /** Sets key and secret in the database; a Problem (and no change) on invalid input. */
  public Summary change(String consumerKey, String secret) {
    caller.requireSystemAdmin();
    String username = caller.username();
    credentials.change(consumerKey, secret, username);
    LOG.info("Unified LTI key and secret changed by console user '" + username + "'");
    return summary();
  }
}
