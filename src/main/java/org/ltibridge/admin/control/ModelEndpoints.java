package org.ltibridge.admin.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.ltibridge.identity.control.ConsoleCaller;
import org.ltibridge.identity.control.ConsoleCaller.Scope;
import org.ltibridge.model.ModelGate;
import org.ltibridge.org.entity.Organization;
import org.ltibridge.system.control.Problem;
import org.ltibridge.system.control.SecretBox;

/**
 * The OpenAI-compatible endpoint each organisation's assistants answer from: its base URL and API
 * key, the key encrypted at rest ({@link SecretBox}) and write-only in the console, and how many
 * requests may be open at once (providers rate-limit; those beyond wait in a queue). A system admin
 * manages every organisation, an organisation admin their own.
 */
@ApplicationScoped
public class ModelEndpoints {

  private static final Logger LOG = Logger.getLogger(ModelEndpoints.class.getName());
  static final int MAX_URL = 500;
  static final int MAX_KEY = 1000;
  static final Problem.Text ERROR_URL = Problem.text("admin.ModelEndpoints.url");
  static final Problem.Text ERROR_KEY = Problem.text("admin.ModelEndpoints.key");

  /** The smallest and largest cap an organisation may set ({@link ModelGate} enforces it). */
  public static final int MIN_CONCURRENT = ModelGate.MIN_LIMIT;

  public static final int MAX_CONCURRENT = ModelGate.MAX_LIMIT;

  public static final Problem.Text ERROR_MAX_CONCURRENT =
      Problem.text("admin.ModelEndpoints.maxConcurrent");

  /**
   * The deployment's cap for organisations that set none (environment {@code
   * LTI_BRIDGE_MODEL_MAX_CONCURRENT}); the queue that enforces the caps reads the same key.
   */
  public static final String DEFAULT_MAX_CONCURRENT_KEY = ModelGate.DEFAULT_LIMIT_KEY;

  public static final String DEFAULT_MAX_CONCURRENT = ModelGate.DEFAULT_LIMIT;

  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,9}");

  private static final String IN_SCOPE =
      "SELECT o FROM Organization o WHERE o.id = :org ORDER BY o.name";

  @PersistenceContext EntityManager em;
  @Inject SecretBox secrets;
  @Inject ConsoleCaller caller;

  @Inject
  @ConfigProperty(name = DEFAULT_MAX_CONCURRENT_KEY, defaultValue = DEFAULT_MAX_CONCURRENT)
  int defaultMaxConcurrent;

  /**
   * One organisation's endpoint as the console shows it: whether a key is set, never the key; its
   * cap on concurrent requests, {@code null} for the deployment's default.
   */
  public record Endpoint(
      Long organizationId,
      String slug,
      String organization,
      String baseUrl,
      boolean keySet,
      Integer maxConcurrent) {

    public static Endpoint of(Organization o) {
      return new Endpoint(
          o.id(),
          o.slug(),
          o.name(),
          o.modelBaseUrl().orElse(""),
          o.modelApiKeyEncrypted().isPresent(),
          o.modelMaxConcurrent().isPresent() ? o.modelMaxConcurrent().getAsInt() : null);
    }
  }

  /** The cap of organisations that set none, as configured for this deployment. */
  public int defaultMaxConcurrent() {
    return defaultMaxConcurrent;
  }

  public List<Endpoint> visible() {
    Scope scope = caller.scope();
    if (scope.nothing()) {
      return List.of();
    }
    List<Organization> organizations =
        scope.everything()
            ? em.createNamedQuery(Organization.ALL, Organization.class).getResultList()
            : em.createQuery(IN_SCOPE, Organization.class)
                .setParameter("org", scope.organizationId())
                .getResultList();
    return organizations.stream().map(Endpoint::of).toList();
  }

  /**
   * Points an organisation at a model endpoint. A blank URL removes the endpoint and its key (the
   * assistants then answer "unavailable"); a blank key keeps the stored one unless {@code
   * removeKey}; {@code maxConcurrent} caps its requests open at once ({@code null}: the
   * deployment's default). Who may do it is decided by the caller ({@code
   * admin.control.OrganizationAdmin}), for the console and the admin API alike; this checks only
   * the values, all of them before anything is written.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public Endpoint apply(
      Organization org,
      String baseUrl,
      String apiKey,
      boolean removeKey,
      Integer maxConcurrent,
      String changedBy) {
    String url = validBaseUrl(baseUrl);
    String key = apiKey == null ? "" : apiKey.strip();
    if (key.length() > MAX_KEY || !key.chars().allMatch(ch -> ch > 32 && ch < 127)) {
      throw Problem.badRequest(ERROR_KEY);
    }
    Integer cap = validMaxConcurrent(maxConcurrent);
    String sealed;
    if (url == null || removeKey) {
      sealed = null;
    } else if (key.isEmpty()) {
      sealed = org.modelApiKeyEncrypted().orElse(null);
    } else {
      sealed = secrets.encrypt(key);
    }
    org.useModelEndpoint(url, sealed);
    org.limitModelRequests(cap);
    LOG.info("Model endpoint of organisation '" + org.slug() + "' changed by '" + changedBy + "'");
    return Endpoint.of(org);
  }

  /**
   * A cap as a person types it in the console: blank for the default ({@code null}), else a whole
   * number from {@value #MIN_CONCURRENT} to {@value #MAX_CONCURRENT}; anything else is a Problem
   * that says so.
   */
  public static Integer maxConcurrent(String typed) {
    if (typed == null || typed.isBlank()) {
      return null;
    }
    String digits = typed.strip();
    if (!DIGITS.matcher(digits).matches()) {
      throw Problem.badRequest(ERROR_MAX_CONCURRENT);
    }
    return validMaxConcurrent(Integer.valueOf(digits));
  }

  /** {@code null} (the default) or a cap within range; a Problem otherwise. */
  static Integer validMaxConcurrent(Integer cap) {
    if (cap != null && (cap < MIN_CONCURRENT || cap > MAX_CONCURRENT)) {
      throw Problem.badRequest(ERROR_MAX_CONCURRENT);
    }
    return cap;
  }

  /** The stripped URL, {@code null} for blank; a Problem unless absolute http(s) with a host. */
  static String validBaseUrl(String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    String url = raw.strip();
    if (url.length() > MAX_URL) {
      throw Problem.badRequest(ERROR_URL);
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw Problem.badRequest(ERROR_URL);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    // Credentials in the URL would be shown on the page and written to logs; the key has a field.
    if (!(scheme.equals("http") || scheme.equals("https"))
        || uri.isOpaque()
        || uri.getHost() == null
        || uri.getRawUserInfo() != null
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null) {
      throw Problem.badRequest(ERROR_URL);
    }
    return url;
  }
}
