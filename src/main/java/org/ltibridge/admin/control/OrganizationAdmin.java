package org.ltibridge.admin.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.ltibridge.access.control.Actor;
import org.ltibridge.access.control.Permissions;
import org.ltibridge.access.control.Permissions.Action;
import org.ltibridge.access.control.Views;
import org.ltibridge.activity.entity.ActivityRole;
import org.ltibridge.chat.control.TranscriptRetention;
import org.ltibridge.dashboard.control.TranscriptViews;
import org.ltibridge.org.entity.EmailDomain;
import org.ltibridge.org.entity.Organization;
import org.ltibridge.org.entity.OrganizationSwitched;
import org.ltibridge.system.control.AuditLog;
import org.ltibridge.system.control.Problem;
import org.ltibridge.system.control.UniqueViolation;

/**
 * Organisations as system admins run them (LAMB lti_landscape.md §5): create, rename, disable and
 * enable, with their counts; and the instructor self-service an organisation offers. Every change
 * is checked by {@link Permissions} first and recorded in the {@link AuditLog} in the same
 * transaction.
 */
@ApplicationScoped
public class OrganizationAdmin {

  static final Problem.Text ERROR_SLUG_TAKEN = Problem.text("admin.OrganizationAdmin.slugTaken");
  static final Problem.Text ERROR_DOMAIN_TAKEN =
      Problem.text("admin.OrganizationAdmin.domainTaken");
  static final Problem.Text ERROR_TOO_MANY_DOMAINS =
      Problem.text("admin.OrganizationAdmin.tooManyDomains");
  static final Problem.Text ERROR_RETENTION =
      Problem.text("admin.OrganizationAdmin.retention", TranscriptRetention.MAX_DAYS);

  @PersistenceContext EntityManager em;
  @Inject AuditLog audit;
  @Inject ModelEndpoints endpoints;
  @Inject Clock clock;
  @Inject TranscriptViews transcriptViews;
  @Inject Event<OrganizationSwitched> switched;

  /** An organisation with what it holds. */
  public record OrganizationView(
      Long id,
      String slug,
      String name,
      boolean enabled,
      boolean selfService,
      String createdAt,
      long creators,
      long assistants,
      long activities,
      long students) {}

  /** Instructor self-service: on or off, and the email domains it applies to. */
  public record SelfService(boolean enabled, List<String> domains) {}

  /** Every organisation the actor may see: all for a system admin, their own for an org admin. */
  @Transactional
  public List<OrganizationView> list(Actor actor) {
    List<Organization> all;
    if (actor.isSystemAdmin()) {
      all = em.createNamedQuery(Organization.ALL, Organization.class).getResultList();
    } else {
      Permissions.require(actor, Action.READ_ORGANIZATION, actor.organizationId());
      all = List.of(em.find(Organization.class, actor.organizationId()));
    }
    Counts counts = new Counts(em);
    return all.stream().map(counts::view).toList();
  }

  @Transactional
  public OrganizationView get(Actor actor, String slug) {
    Organization org = visible(actor, Action.READ_ORGANIZATION, slug);
    return new Counts(em).view(org);
  }

  @Transactional
  public OrganizationView create(Actor actor, String slug, String name) {
    Permissions.require(actor, Action.CREATE_ORGANIZATION, null);
    String s = Validation.slug(slug == null ? null : slug.strip());
    String n = Validation.name(name);
    if (find(s) != null) {
      throw Problem.conflict(ERROR_SLUG_TAKEN.with(s));
    }
    Organization org = new Organization(s, n, LocalDateTime.now(clock));
    try {
      em.persist(org);
      em.flush();
    } catch (PersistenceException e) {
      if (UniqueViolation.isCauseOf(e)) {
        // Another request created the same slug between the check and the insert.
        throw Problem.conflict(ERROR_SLUG_TAKEN.with(s));
      }
      throw e;
    }
    audit.record(actor.name(), org.id(), "organization.create", s, n);
    return new Counts(em).view(org);
  }

  /** Renames, disables or enables (a null leaves that part as it is). */
  @Transactional
  public OrganizationView update(Actor actor, String slug, String name, Boolean enabled) {
    Organization org = visible(actor, Action.UPDATE_ORGANIZATION, slug);
    String n = name == null ? null : Validation.name(name);
    if (n != null && !n.equals(org.name())) {
      audit.record(
          actor.name(), org.id(), "organization.rename", org.slug(), org.name() + " → " + n);
      org.rename(n);
    }
    if (enabled != null && enabled != org.enabled()) {
      org.enable(enabled);
      switched.fire(new OrganizationSwitched(org.id(), enabled));
      audit.record(
          actor.name(),
          org.id(),
          enabled ? "organization.enable" : "organization.disable",
          slug,
          null);
    }
    return new Counts(em).view(org);
  }

  @Transactional
  public SelfService selfService(Actor actor, String slug) {
    Organization org = visible(actor, Action.MANAGE_SELF_SERVICE, slug);
    return new SelfService(org.selfServiceEnabled(), domains(org));
  }

  /** Switches self-service and replaces the list of domains. */
  @Transactional
  public SelfService changeSelfService(
      Actor actor, String slug, boolean enabled, List<String> domains) {
    Organization org = visible(actor, Action.MANAGE_SELF_SERVICE, slug);
    Set<String> wanted = new LinkedHashSet<>();
    for (String d : domains == null ? List.<String>of() : domains) {
      if (d != null && !d.isBlank()) {
        wanted.add(Validation.domain(d));
      }
    }
    if (wanted.size() > 50) {
      throw Problem.badRequest(ERROR_TOO_MANY_DOMAINS);
    }
    for (String d : wanted) {
      EmailDomain listed = em.find(EmailDomain.class, d);
      if (listed != null && !listed.organization().id().equals(org.id())) {
        throw Problem.conflict(ERROR_DOMAIN_TAKEN.with(d));
      }
    }
    List<EmailDomain> current =
        em.createNamedQuery(EmailDomain.OF_ORGANIZATION, EmailDomain.class)
            .setParameter("org", org.id())
            .getResultList();
    LocalDateTime now = LocalDateTime.now(clock);
    try {
      for (EmailDomain d : current) {
        if (!wanted.contains(d.domain())) {
          em.remove(d);
        }
      }
      Set<String> kept = new LinkedHashSet<>();
      current.forEach(d -> kept.add(d.domain()));
      for (String d : wanted) {
        if (!kept.contains(d)) {
          em.persist(new EmailDomain(d, org, now));
        }
      }
      org.offerSelfService(enabled);
      em.flush();
    } catch (PersistenceException e) {
      if (UniqueViolation.isCauseOf(e)) {
        throw Problem.conflict(ERROR_DOMAIN_TAKEN.with(String.join(", ", wanted)));
      }
      throw e;
    }
    audit.record(
        actor.name(),
        org.id(),
        "organization.self-service",
        org.slug(),
        (enabled ? "on" : "off") + "; domains: " + String.join(", ", wanted));
    return new SelfService(enabled, List.copyOf(wanted));
  }

  /** The organisation's model endpoint: its base URL and whether an API key is stored. */
  @Transactional
  public ModelEndpoints.Endpoint modelEndpoint(Actor actor, String slug) {
    return ModelEndpoints.Endpoint.of(visible(actor, Action.MANAGE_MODEL_ENDPOINT, slug));
  }

  /**
   * Changes the model endpoint and keeps its cap on concurrent requests as it is (an admin API
   * caller that does not name the cap); see {@link ModelEndpoints#apply}.
   */
  @Transactional
  public ModelEndpoints.Endpoint changeModelEndpoint(
      Actor actor, String slug, String baseUrl, String apiKey, boolean removeKey) {
    Organization org = visible(actor, Action.MANAGE_MODEL_ENDPOINT, slug);
    OptionalInt kept = org.modelMaxConcurrent();
    return changeModelEndpoint(
        actor, org, baseUrl, apiKey, removeKey, kept.isPresent() ? kept.getAsInt() : null);
  }

  /**
   * Changes the model endpoint (see {@link ModelEndpoints#apply}): the API key is write-only;
   * {@code maxConcurrent} {@code null} means the deployment's default.
   */
  @Transactional
  public ModelEndpoints.Endpoint changeModelEndpoint(
      Actor actor,
      String slug,
      String baseUrl,
      String apiKey,
      boolean removeKey,
      Integer maxConcurrent) {
    Organization org = visible(actor, Action.MANAGE_MODEL_ENDPOINT, slug);
    return changeModelEndpoint(actor, org, baseUrl, apiKey, removeKey, maxConcurrent);
  }

  private ModelEndpoints.Endpoint changeModelEndpoint(
      Actor actor,
      Organization org,
      String baseUrl,
      String apiKey,
      boolean removeKey,
      Integer maxConcurrent) {
    ModelEndpoints.Endpoint changed =
        endpoints.apply(org, baseUrl, apiKey, removeKey, maxConcurrent, actor.name());
    audit.record(
        actor.name(),
        org.id(),
        "organization.model-endpoint",
        org.slug(),
        changed.baseUrl()
            + (changed.keySet() ? " (API key set)" : " (no API key)")
            + (changed.maxConcurrent() == null
                ? "; default concurrency"
                : "; at most " + changed.maxConcurrent() + " concurrent requests"));
    return changed;
  }

  /** How many days transcripts are kept after their last message; null: until erased. */
  @Transactional
  public Integer retention(Actor actor, String slug) {
    OptionalInt days = visible(actor, Action.MANAGE_RETENTION, slug).transcriptRetentionDays();
    return days.isPresent() ? days.getAsInt() : null;
  }

  /**
   * Keeps the organisation's transcripts {@code days} days after their last message ({@code null}:
   * until erased); older ones are deleted by the minutely housekeeping ({@link
   * TranscriptRetention}). 400 outside 1 to {@link TranscriptRetention#MAX_DAYS}.
   */
  @Transactional
  public Integer changeRetention(Actor actor, String slug, Integer days) {
    Organization org = visible(actor, Action.MANAGE_RETENTION, slug);
    if (days != null && (days < 1 || days > TranscriptRetention.MAX_DAYS)) {
      throw Problem.badRequest(ERROR_RETENTION);
    }
    org.keepTranscripts(days);
    audit.record(
        actor.name(),
        org.id(),
        "organization.retention",
        org.slug(),
        days == null ? "transcripts kept until erased" : "transcripts kept " + days + " days");
    return days;
  }

  /**
   * Whether the organisation's activity owners may show instructors students' names (issue #19,
   * identity policy).
   */
  @Transactional
  public boolean namedIdentitiesAllowed(Actor actor, String slug) {
    return visible(actor, Action.MANAGE_IDENTITY_POLICY, slug).namedIdentitiesAllowed();
  }

  /**
   * Allows or forbids names. Forbidding them shows pseudonyms at once in every activity that chose
   * names (their choice is kept, and counts again if names are allowed again); students are told
   * again at their next launch, as on any change of what instructors see.
   */
  @Transactional
  public boolean allowNamedIdentities(Actor actor, String slug, boolean allowed) {
    Organization org = visible(actor, Action.MANAGE_IDENTITY_POLICY, slug);
    org.allowNamedIdentities(allowed);
    audit.record(
        actor.name(),
        org.id(),
        "organization.identity-policy",
        org.slug(),
        allowed ? "activities may show students' names" : "pseudonyms only");
    return allowed;
  }

  /** Who read which transcript with the student's name, newest first ({@link TranscriptViews}). */
  @Transactional
  public List<TranscriptViews.Entry> transcriptViews(Actor actor, String slug, int limit) {
    Organization org = visible(actor, Action.READ_TRANSCRIPT_VIEWS, slug);
    return transcriptViews.of(org.id(), limit);
  }

  @Transactional
  public List<AuditLog.Entry> audit(Actor actor, String slug, int limit) {
    Organization org = visible(actor, Action.READ_AUDIT, slug);
    return audit.of(org.id(), Math.max(1, Math.min(limit, 500)));
  }

  /**
   * The organisation named by {@code slug} once the actor may do {@code action} in it. An unknown
   * slug and another organisation's answer the same 404 to an org admin.
   */
  Organization visible(Actor actor, Action action, String slug) {
    Organization org = slug == null ? null : find(slug);
    Permissions.require(actor, action, org == null ? null : org.id());
    if (org == null) {
      throw Problem.notFound(Permissions.ERROR_NO_ORGANIZATION);
    }
    return org;
  }

  private Organization find(String slug) {
    return em.createNamedQuery(Organization.BY_SLUG, Organization.class)
        .setParameter("slug", slug)
        .getResultStream()
        .findFirst()
        .orElse(null);
  }

  private List<String> domains(Organization org) {
    return em.createNamedQuery(EmailDomain.OF_ORGANIZATION, EmailDomain.class)
        .setParameter("org", org.id())
        .getResultStream()
        .map(EmailDomain::domain)
        .toList();
  }

  /**
   * What each organisation holds, counted per organisation in four grouped queries (portable JPQL:
   * no subquery in SELECT).
   */
  private static final class Counts {
    private final Map<Long, Long> creators;
    private final Map<Long, Long> assistants;
    private final Map<Long, Long> activities;
    private final Map<Long, Long> students;

    Counts(EntityManager em) {
      creators =
          grouped(
              em,
              "SELECT c.organization.id, COUNT(c) FROM CreatorUser c GROUP BY c.organization.id",
              null);
      assistants =
          grouped(
              em,
              "SELECT a.organization.id, COUNT(a) FROM Assistant a GROUP BY a.organization.id",
              null);
      activities =
          grouped(
              em,
              "SELECT a.organization.id, COUNT(a) FROM Activity a GROUP BY a.organization.id",
              null);
      students =
          grouped(
              em,
              "SELECT u.activity.organization.id, COUNT(u) FROM ActivityUser u"
                  + " WHERE u.role = :role GROUP BY u.activity.organization.id",
              ActivityRole.STUDENT);
    }

    OrganizationView view(Organization o) {
      return new OrganizationView(
          o.id(),
          o.slug(),
          o.name(),
          o.enabled(),
          o.selfServiceEnabled(),
          Views.time(o.createdAt()),
          creators.getOrDefault(o.id(), 0L),
          assistants.getOrDefault(o.id(), 0L),
          activities.getOrDefault(o.id(), 0L),
          students.getOrDefault(o.id(), 0L));
    }

    private static Map<Long, Long> grouped(EntityManager em, String jpql, ActivityRole role) {
      var q = em.createQuery(jpql, Object[].class);
      if (role != null) {
        q.setParameter("role", role);
      }
      Map<Long, Long> m = new HashMap<>();
      for (Object[] r : q.getResultList()) {
        m.put(((Number) r[0]).longValue(), ((Number) r[1]).longValue());
      }
      return m;
    }
  }
}
