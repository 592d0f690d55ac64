package org.ltibridge.lti11.control;

import java.util.Optional;
import java.util.function.Function;

/**
 * Where the secret for an {@code oauth_consumer_key} comes from. Each LTI 1.1 entry point has its
 * own source (LAMB lti_landscape.md §7.2: the same parameter means the global key, an assistant or
 * an organisation), the verifier is the same.
 */
@FunctionalInterface
public interface ConsumerSecrets {

  Optional<String> secretFor(String consumerKey);

  /**
   * Whether a launch with an unknown key may be told so. Where keys name something (a legacy link's
   * key is an assistant's), an unknown key gets the same answer as a wrong signature, after the
   * same work, so keys cannot be probed.
   */
  default boolean tellsUnknownKeys() {
    return true;
  }

  /** {@code secrets}, answering an unknown key as a wrong signature ({@link #tellsUnknownKeys}). */
  static ConsumerSecrets hidingUnknownKeys(Function<String, Optional<String>> secrets) {
    return new ConsumerSecrets() {
      @Override
      public Optional<String> secretFor(String consumerKey) {
        return secrets.apply(consumerKey);
      }

      @Override
      public boolean tellsUnknownKeys() {
        return false;
      }
    };
  }
}
