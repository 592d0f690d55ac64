package org.ltibridge.org.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;
import org.ltibridge.org.entity.CreatorLtiKey;
import org.ltibridge.system.control.SecretBox;

/**
 * Where a Creator LTI launch finds its organisation and secret (as LAMB's {@code
 * lti_creator_keys}): the organisation whose enabled Creator LTI key is the launch's {@code
 * oauth_consumer_key}. Each organisation signs with its own secret; a disabled key is no key.
 */
@ApplicationScoped
public class CreatorLtiKeys {

  @PersistenceContext EntityManager em;
  @Inject SecretBox secrets;

  /** An organisation's enabled key with its secret in clear, as the OAuth verifier asks for it. */
  public record Enabled(long organizationId, String consumerKey, String secret) {

    public Optional<String> secretFor(String key) {
      return consumerKey.equals(key) ? Optional.of(secret) : Optional.empty();
    }

    @Override
    public String toString() {
      return "Enabled[organizationId=" + organizationId + ", consumerKey=" + consumerKey + "]";
    }
  }

  /** The enabled key named {@code consumerKey}; empty if none is (or it is disabled). */
  public Optional<Enabled> enabled(String consumerKey) {
    if (consumerKey == null || consumerKey.isBlank()) {
      return Optional.empty();
    }
    return em.createNamedQuery(CreatorLtiKey.BY_KEY, CreatorLtiKey.class)
        .setParameter("key", consumerKey)
        .getResultStream()
        .filter(CreatorLtiKey::enabled)
        .findFirst()
        .map(
            k ->
                new Enabled(
                    k.organizationId(),
                    k.consumerKey(),
                    secrets.decrypt(k.consumerSecretEncrypted())));
  }
}
