package org.ltibridge.lti13.tool.control;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.ltibridge.lti13.tool.entity.PlatformEndpoints;
import org.ltibridge.lti13.tool.entity.Registration;
import org.ltibridge.lti13.tool.entity.RegistrationSource;
import org.ltibridge.lti13.tool.entity.RegistrationStatus;
import org.ltibridge.org.entity.Organization;
import org.ltibridge.org.entity.OrganizationSwitched;
import org.ltibridge.system.control.Problem;
import org.ltibridge.system.control.UniqueViolation;

/**
 * LTI 1.3 platform registrations: creating and changing them (console, Dynamic Registration) and
 * finding them for a login or launch. Lookups by issuer are cached for {@link #CACHE_MILLIS} on
 * each instance (a launch must not query registrations), so a change made on another instance is
 * seen within that time; changes made here are seen at once.
 */
@ApplicationScoped
public class Registrations {

  static final long CACHE_MILLIS = 5_000;
  static final Problem.Text ERROR_ISSUER = Problem.text("lti13.tool.Registrations.issuer");
  static final Problem.Text ERROR_URL = Problem.text("lti13.tool.Registrations.url");
  static final Problem.Text ERROR_CLIENT = Problem.text("lti13.tool.Registrations.client");
  static final Problem.Text ERROR_DEPLOYMENT = Problem.text("lti13.tool.Registrations.deployment");
  static final Problem.Text ERROR_DUPLICATE = Problem.text("lti13.tool.Registrations.duplicate");
  static final Problem.Text ERROR_ORG = Problem.text("lti13.tool.Registrations.org");
  static final Problem.Text ERROR_GONE = Problem.text("lti13.tool.Registrations.gone");

  @PersistenceContext EntityManager em;
  @Inject Clock clock;

  /**
   * Issuers' registrations as last read, for {@link #CACHE_MILLIS}; at most {@link #ISSUERS_KEPT}
   * issuers (others than the registered ones come only from logins nobody registered).
   */
  private final Cache<String, List<RegisteredPlatform>> byIssuer =
      Caffeine.newBuilder()
          .maximumSize(ISSUERS_KEPT)
          .expireAfterWrite(Duration.ofMillis(CACHE_MILLIS))
          .build();

  static final int ISSUERS_KEPT = 10_000;

  /**
   * An organisation was disabled or enabled here: every snapshot says whether its organisation is
   * enabled, so all are read afresh (other instances see it within {@link #CACHE_MILLIS}).
   */
  void organizationSwitched(
      @Observes(during = TransactionPhase.AFTER_SUCCESS) OrganizationSwitched switched) {
    byIssuer.invalidateAll();
  }

  /** The registrations of an issuer (cached; an empty answer is always checked afresh). */
  public List<RegisteredPlatform> forIssuer(String issuer) {
    List<RegisteredPlatform> cached = byIssuer.getIfPresent(issuer);
    return cached != null ? cached : load(issuer);
  }

  private List<RegisteredPlatform> load(String issuer) {
    List<RegisteredPlatform> fresh =
        em.createNamedQuery(Registration.BY_ISSUER, Registration.class)
            .setParameter("issuer", issuer)
            .getResultStream()
            .map(RegisteredPlatform::of)
            .toList();
    if (!fresh.isEmpty()) {
      byIssuer.put(issuer, fresh);
    }
    return fresh;
  }

  /**
   * The registration of an issuer and client id (cached). A client id the cache does not know is
   * looked up in the database, so a registration made on another instance works at once.
   */
  public Optional<RegisteredPlatform> find(String issuer, String clientId) {
    Optional<RegisteredPlatform> cached =
        forIssuer(issuer).stream().filter(p -> p.clientId().equals(clientId)).findFirst();
    if (cached.isPresent()) {
      return cached;
    }
    return load(issuer).stream().filter(p -> p.clientId().equals(clientId)).findFirst();
  }

  /** A registration by id, from the database. */
  public Optional<RegisteredPlatform> byId(long id) {
    return Optional.ofNullable(em.find(Registration.class, id)).map(RegisteredPlatform::of);
  }

  public List<Registration> all() {
    return em.createNamedQuery(Registration.ALL, Registration.class).getResultList();
  }

  public List<Registration> inOrganization(long organizationId) {
    return em.createNamedQuery(Registration.IN_ORGANIZATION, Registration.class)
        .setParameter("org", organizationId)
        .getResultList();
  }

  public Optional<Registration> entity(long id) {
    return Optional.ofNullable(em.find(Registration.class, id));
  }

  /**
   * Registers a platform, in its own transaction so that a duplicate (issuer, client id) is told
   * apart cleanly.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public long register(
      long organizationId,
      PlatformEndpoints platform,
      List<String> deploymentIds,
      RegistrationStatus status,
      RegistrationSource source,
      String platformName) {
    PlatformEndpoints checked = check(platform);
    List<String> deployments = checkDeployments(deploymentIds);
    Organization org = em.find(Organization.class, organizationId);
    if (org == null) {
      throw Problem.badRequest(ERROR_ORG);
    }
    LocalDateTime now = LocalDateTime.now(clock);
    Registration r = new Registration(org, checked, status, source, platformName, now);
    deployments.forEach(d -> r.deploy(d, now));
    try {
      em.persist(r);
      em.flush();
    } catch (PersistenceException e) {
      if (UniqueViolation.isCauseOf(e)) {
        throw Problem.conflict(ERROR_DUPLICATE.with(checked.issuer(), checked.clientId()));
      }
      throw e;
    }
    byIssuer.invalidate(checked.issuer());
    return r.id();
  }

  @Transactional
  public void changeStatus(long id, RegistrationStatus status) {
    Registration r = entity(id).orElseThrow(() -> Problem.notFound(ERROR_GONE));
    r.changeStatus(status, LocalDateTime.now(clock));
    byIssuer.invalidate(r.issuer());
  }

  @Transactional
  public void changeEndpoints(long id, PlatformEndpoints platform) {
    Registration r = entity(id).orElseThrow(() -> Problem.notFound(ERROR_GONE));
    PlatformEndpoints checked =
        check(
            new PlatformEndpoints(
                r.issuer(),
                r.clientId(),
                platform.authLoginUrl(),
                platform.tokenUrl(),
                platform.tokenAudience(),
                platform.jwksUrl()));
    r.changeEndpoints(checked, LocalDateTime.now(clock));
    byIssuer.invalidate(r.issuer());
  }

  @Transactional
  public void deploy(long id, String deploymentId) {
    Registration r = entity(id).orElseThrow(() -> Problem.notFound(ERROR_GONE));
    r.deploy(checkDeployments(List.of(deploymentId)).get(0), LocalDateTime.now(clock));
    byIssuer.invalidate(r.issuer());
  }

  @Transactional
  public void undeploy(long id, String deploymentId) {
    Registration r = entity(id).orElseThrow(() -> Problem.notFound(ERROR_GONE));
    r.undeploy(deploymentId, LocalDateTime.now(clock));
    byIssuer.invalidate(r.issuer());
  }

  @Transactional
  public void delete(long id) {
    entity(id)
        .ifPresent(
            r -> {
              byIssuer.invalidate(r.issuer());
              em.remove(r);
            });
  }

  static PlatformEndpoints check(PlatformEndpoints p) {
    String issuer = required(p.issuer());
    if (issuer == null || issuer.length() > 255 || !isWebUrl(issuer)) {
      throw Problem.badRequest(ERROR_ISSUER);
    }
    String client = required(p.clientId());
    if (client == null || client.length() > 255) {
      throw Problem.badRequest(ERROR_CLIENT);
    }
    String auth = url(p.authLoginUrl(), "OIDC authentication URL", true);
    String jwks = url(p.jwksUrl(), "JWKS URL", true);
    String token = url(p.tokenUrl(), "token URL", false);
    String audience = required(p.tokenAudience());
    return new PlatformEndpoints(issuer, client, auth, token, audience, jwks);
  }

  static List<String> checkDeployments(List<String> ids) {
    List<String> out = new ArrayList<>();
    for (String raw : ids == null ? List.<String>of() : ids) {
      for (String part : raw.split("[,\\n]")) {
        String d = part.strip();
        if (d.isEmpty()) {
          continue;
        }
        if (d.length() > 255) {
          throw Problem.badRequest(ERROR_DEPLOYMENT);
        }
        if (!out.contains(d)) {
          out.add(d);
        }
      }
    }
    return out;
  }

  private static String url(String value, String what, boolean needed) {
    String v = required(value);
    if (v == null && !needed) {
      return null;
    }
    if (v == null || v.length() > 1000 || !isWebUrl(v)) {
      throw Problem.badRequest(ERROR_URL.with(what));
    }
    return v;
  }

  private static String required(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  /** https, or http to a loopback host (development and tests). */
  static boolean isWebUrl(String value) {
    try {
      URI uri = URI.create(value);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      String host = uri.getHost();
      if (host == null) {
        return false;
      }
      return scheme.equals("https")
          || (scheme.equals("http")
              && (host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]")));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
