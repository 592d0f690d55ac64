package org.ltibridge.chat.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.ltibridge.assistant.control.ModelCatalog;
import org.ltibridge.assistant.control.ModelChoice;
import org.ltibridge.assistant.entity.AssistantSettings;
import org.ltibridge.model.ModelClient;
import org.ltibridge.model.ModelEndpoint;
import org.ltibridge.org.entity.Organization;
import org.ltibridge.system.control.SecretBox;

/**
 * An organisation's model endpoint as the chat and the editor use it: the endpoint an assistant's
 * settings answer from (base URL, decrypted key, model, temperature), and the models it offers. The
 * HTTP itself is {@link ModelClient}'s.
 */
@ApplicationScoped
public class OrganizationModels implements ModelCatalog {

  private static final Logger LOG = Logger.getLogger(OrganizationModels.class.getName());

  /** An editor waits at most this long for the list; then any model name may be typed. */
  static final Duration LIST_TIMEOUT = Duration.ofSeconds(3);

  /** A list (or its absence) is asked for again after this long, or when the endpoint changed. */
  static final Duration LIST_KEPT = Duration.ofSeconds(60);

  @Inject SecretBox secrets;
  @Inject ModelClient client;
  @Inject Clock clock;

  private final Map<Long, Listed> lists = new ConcurrentHashMap<>();

  /** One organisation's answer, for the endpoint (URL and sealed key) it came from. */
  private record Listed(String endpoint, ModelChoice choice, Instant at) {}

  /**
   * Whether an assistant can answer: its organisation has a model endpoint and it names a model.
   * {@code ChatService#ANSWERING} says the same in SQL (a test holds the two together).
   */
  public static boolean answers(Optional<String> modelBaseUrl, Optional<String> model) {
    return modelBaseUrl.isPresent() && model.isPresent();
  }

  /**
   * How many requests at once the organisation allows its endpoint ({@link
   * org.ltibridge.model.ModelGate}); empty for the deployment's default.
   */
  public static OptionalInt limit(Organization org) {
    return org.modelMaxConcurrent();
  }

  /** Where {@code settings} answer from in {@code org}; empty when it cannot answer. */
  public Optional<ModelEndpoint> endpoint(Organization org, AssistantSettings settings) {
    if (!answers(org.modelBaseUrl(), settings.modelIfAny())) {
      return Optional.empty();
    }
    return Optional.of(
        new ModelEndpoint(
            URI.create(org.modelBaseUrl().get()),
            apiKey(org),
            settings.modelIfAny().get(),
            settings.temperature()));
  }

  /**
   * The models {@code organization}'s endpoint lists ({@code GET {base}/models}), asked at most
   * once a minute per organisation; not listed when it has no endpoint, or it does not answer a
   * non-empty list in OpenAI's format within {@link #LIST_TIMEOUT}.
   */
  @Override
  public ModelChoice models(Organization organization) {
    if (organization == null || organization.modelBaseUrl().isEmpty()) {
      return ModelChoice.NOT_LISTED;
    }
    String endpoint =
        organization.modelBaseUrl().get() + " " + organization.modelApiKeyEncrypted().orElse("");
    Instant now = clock.instant();
    Listed kept = lists.get(organization.id());
    if (kept != null
        && kept.endpoint().equals(endpoint)
        && now.isBefore(kept.at().plus(LIST_KEPT))) {
      return kept.choice();
    }
    ModelChoice choice;
    try {
      choice =
          client
              .models(
                  URI.create(organization.modelBaseUrl().get()), apiKey(organization), LIST_TIMEOUT)
              .filter(ids -> !ids.isEmpty())
              .map(ModelChoice::listed)
              .orElse(ModelChoice.NOT_LISTED);
    } catch (RuntimeException e) {
      // A base URL that is no URI, a key that no longer decrypts: the editor still works.
      LOG.warning(
          () -> "No model list for organisation '" + organization.slug() + "': " + e.getMessage());
      choice = ModelChoice.NOT_LISTED;
    }
    lists.put(organization.id(), new Listed(endpoint, choice, now));
    return choice;
  }

  private String apiKey(Organization org) {
    return org.modelApiKeyEncrypted().map(secrets::decrypt).orElse("");
  }
}
