package org.ltibridge.lti11.control;

import java.util.Optional;

/**
 * Where the secret for an {@code oauth_consumer_key} comes from. Each LTI 1.1 entry point has its
 * own source (LAMB lti_landscape.md §7.2: the same parameter means the global key, an assistant or
 * an organisation), the verifier is the same.
 */
@FunctionalInterface
public interface ConsumerSecrets {
  Optional<String> secretFor(String consumerKey);
}
