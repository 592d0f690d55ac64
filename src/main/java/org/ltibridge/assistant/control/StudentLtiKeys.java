package org.ltibridge.assistant.control;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.ltibridge.assistant.entity.Assistant;
import org.ltibridge.org.entity.Organization;
import org.ltibridge.system.control.AtCommit;
import org.ltibridge.system.control.SecretBox;

/**
 * The consumer keys of legacy single-assistant links (LAMB's Student LTI, LAMB lti_landscape.md §4,
 * §7.2): the key names one assistant, from its first publication on. Its secret is, in this order
 * ({@link #sourceOf}): the assistant's own, the organisation's Student LTI secret, the
 * instance-wide {@code LTI_SECRET} a LAMB deployment was configured with (LAMB §7.1), so an LMS
 * configured for LAMB keeps working unchanged.
 *
 * <p>Read on every legacy launch, hence a short in-memory cache of what a key names; instances see
 * a changed secret within {@link #KEPT}.
 */
@ApplicationScoped
public class StudentLtiKeys {

  static final Duration KEPT = Duration.ofSeconds(5);
  static final int KEYS_KEPT = 10_000;

  /** Where the secret of a legacy link comes from. */
  public enum Source {
    ASSISTANT,
    ORGANIZATION,
    INSTANCE,
    /** Nobody configured one: the link cannot be used (every signature is refused). */
    NONE
  }

  /**
   * What a consumer key names now.
   *
   * @param published whether the assistant is published (an unpublished one's link shows a page
   *     saying so, after its signature checked out)
   * @param secret the secret in clear, empty when {@code source} is {@link Source#NONE}
   */
  public record Keyed(
      long assistantId,
      String assistantName,
      long organizationId,
      boolean published,
      boolean organizationEnabled,
      Source source,
      String secret) {}

  @PersistenceContext EntityManager em;
  @Inject SecretBox box;

  @Resource(lookup = "java:comp/TransactionSynchronizationRegistry")
  TransactionSynchronizationRegistry transactions;

  @Inject
  @ConfigProperty(name = "LTI_SECRET")
  Optional<String> instanceSecret;

  private final Cache<String, Optional<Keyed>> byKey =
      Caffeine.newBuilder().maximumSize(KEYS_KEPT).expireAfterWrite(KEPT).build();

  /** The one rule of which secret applies. */
  public static Source sourceOf(
      boolean assistantHasOne, boolean organizationHasOne, boolean instanceHasOne) {
    if (assistantHasOne) {
      return Source.ASSISTANT;
    }
    if (organizationHasOne) {
      return Source.ORGANIZATION;
    }
    return instanceHasOne ? Source.INSTANCE : Source.NONE;
  }

  /** Which secret applies to {@code assistant} now. */
  public Source sourceFor(Assistant assistant) {
    return sourceOf(
        assistant.ltiSecretEncrypted().isPresent(),
        assistant.organization().studentLtiSecretEncrypted().isPresent(),
        instance().isPresent());
  }

  /** The assistant {@code consumerKey} names (published or not), with its secret. */
  public Optional<Keyed> find(String consumerKey) {
    return byKey.get(consumerKey, this::load);
  }

  /** The secret to check a launch signed with {@code consumerKey} against, if there is one. */
  public Optional<String> secretFor(String consumerKey) {
    return find(consumerKey).filter(k -> k.source() != Source.NONE).map(Keyed::secret);
  }

  /** A secret or a publication changed here: read afresh (other instances within {@link #KEPT}). */
  public void forget(String consumerKey) {
    byKey.invalidate(consumerKey);
  }

  /** Every key of an organisation may have changed (its secret, its being enabled). */
  public void forgetAll() {
    byKey.invalidateAll();
  }

  /**
   * Forgets now and again when the current transaction has ended (a launch read between the two
   * would otherwise keep the old secret for {@link #KEPT}); {@code consumerKey} null forgets all.
   */
  public void forgetAtCommit(String consumerKey) {
    AtCommit.forgetNowAndAtEnd(
        transactions, consumerKey == null ? this::forgetAll : () -> forget(consumerKey));
  }

  /** Whether the instance-wide {@code LTI_SECRET} is configured (never its value). */
  public boolean instanceHasOne() {
    return instance().isPresent();
  }

  /** Which secret applies to an assistant of {@code organization} that has none of its own. */
  public Source fallbackFor(Organization organization) {
    return sourceOf(false, organization.studentLtiSecretEncrypted().isPresent(), instanceHasOne());
  }

  private Optional<Keyed> load(String consumerKey) {
    return em.createNamedQuery(Assistant.BY_CONSUMER_KEY, Assistant.class)
        .setParameter("key", consumerKey)
        .getResultStream()
        .findFirst()
        .map(this::keyed);
  }

  private Keyed keyed(Assistant a) {
    Source source = sourceFor(a);
    String secret =
        switch (source) {
          case ASSISTANT -> box.decrypt(a.ltiSecretEncrypted().get());
          case ORGANIZATION -> box.decrypt(a.organization().studentLtiSecretEncrypted().get());
          case INSTANCE -> instance().get();
          case NONE -> "";
        };
    return new Keyed(
        a.id(),
        a.name(),
        a.organization().id(),
        a.isPublished(),
        a.organization().enabled(),
        source,
        secret);
  }

  private Optional<String> instance() {
    return instanceSecret.filter(s -> !s.isBlank());
  }
}
