package org.ltibridge.assistant.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import org.ltibridge.access.control.Actor;
import org.ltibridge.access.control.Permissions;
import org.ltibridge.access.control.Permissions.Action;
import org.ltibridge.access.control.Views;
import org.ltibridge.assistant.entity.Assistant;
import org.ltibridge.assistant.entity.AssistantPublication;
import org.ltibridge.identity.entity.CreatorUser;
import org.ltibridge.org.entity.Organization;
import org.ltibridge.system.control.AuditLog;
import org.ltibridge.system.control.Problem;
import org.ltibridge.system.control.UniqueViolation;

/**
 * Creators make, change, publish and unpublish assistants (seed 003 §12, §16). Who may do what is
 * {@link Permissions#requireAuthorOf}: a creator their own, an org admin any of the organisation's.
 * Published assistants are what Unified setup pages offer; publishing gives an assistant its
 * Student LTI consumer key, derived from its creator and name as LAMB does ({@code {creator
 * id}_{name}}, letters, digits, '_' and '-', at most 50 characters), unique on the instance.
 */
@ApplicationScoped
public class AssistantAuthoring {

  static final String ERROR_NAME = "Give the assistant a name of 1 to 200 characters.";
  static final String ERROR_DESCRIPTION = "Keep the description under 1,000 characters.";
  static final String ERROR_PROMPT = "Keep the system prompt under 20,000 characters.";
  static final String ERROR_MODEL = "Keep the model name under 200 characters.";
  static final String ERROR_NAME_TAKEN =
      "The organisation already has an assistant called \"%s\"; choose another name.";
  static final String ERROR_KEY_TAKEN =
      "Another published assistant already has the consumer key %s; rename this one and publish"
          + " again.";
  static final String ERROR_NO_ASSISTANT = "There is no such assistant.";
  static final String ERROR_IN_USE =
      "Activities use this assistant: it can only be unpublished, so that their transcripts stay.";
  static final String ERROR_NOT_CREATOR =
      "Only a creator of an organisation makes assistants; this account belongs to none.";
  static final String ERROR_ORGANIZATION = "Name the organisation (its slug) to list or create in.";

  @PersistenceContext EntityManager em;
  @Inject AuditLog audit;
  @Inject Clock clock;

  /** An assistant as its authors see it; {@code consumerKey} only while published. */
  public record AssistantView(
      Long id,
      String organization,
      String name,
      String description,
      String systemPrompt,
      String model,
      String ownerEmail,
      boolean published,
      String consumerKey,
      boolean editable,
      String createdAt,
      String updatedAt) {}

  /**
   * What the actor may see in an organisation: a creator their own assistants and the published
   * ones of colleagues; an admin all of them. {@code slug} names the organisation for a system
   * admin; others see their own.
   */
  @Transactional
  public List<AssistantView> list(Actor actor, String slug) {
    Organization org = organization(actor, slug);
    Permissions.require(actor, Action.AUTHOR_ASSISTANT, org == null ? null : org.id());
    return em
        .createQuery(
            "SELECT a FROM Assistant a LEFT JOIN FETCH a.publication WHERE a.organization.id = :o"
                + " ORDER BY a.name",
            Assistant.class)
        .setParameter("o", org.id())
        .getResultList()
        .stream()
        .filter(a -> a.isPublished() || Permissions.allowsAuthorOf(actor, org.id(), ownerId(a)))
        .map(a -> view(actor, a))
        .toList();
  }

  @Transactional
  public AssistantView get(Actor actor, Long id) {
    Assistant a = find(id);
    Permissions.require(actor, Action.AUTHOR_ASSISTANT, a.organization().id());
    if (!a.isPublished() && !Permissions.allowsAuthorOf(actor, a.organization().id(), ownerId(a))) {
      throw Problem.notFound(ERROR_NO_ASSISTANT);
    }
    return view(actor, a);
  }

  /** A creator's new assistant, unpublished. An admin creates it as the creator they are. */
  @Transactional
  public AssistantView create(
      Actor actor, String name, String description, String systemPrompt, String model) {
    CreatorUser author =
        actor.creatorId() == null ? null : em.find(CreatorUser.class, actor.creatorId());
    if (author == null) {
      Permissions.require(actor, Action.AUTHOR_ASSISTANT, actor.organizationId());
      throw Problem.forbidden(ERROR_NOT_CREATOR);
    }
    Permissions.require(actor, Action.AUTHOR_ASSISTANT, author.organization().id());
    Fields f = Fields.of(name, description, systemPrompt, model);
    requireFreeName(author.organization().id(), f.name(), null);
    Assistant a =
        Assistant.by(
            author,
            f.name(),
            f.description(),
            f.systemPrompt(),
            f.model(),
            LocalDateTime.now(clock));
    flush(() -> em.persist(a), String.format(ERROR_NAME_TAKEN, f.name()));
    audit.record(actor.name(), author.organization().id(), "assistant.create", f.name(), null);
    return view(actor, a);
  }

  /** Changes what it is and says; a null leaves that field as it is. */
  @Transactional
  public AssistantView edit(
      Actor actor, Long id, String name, String description, String systemPrompt, String model) {
    Assistant a = find(id);
    Permissions.requireAuthorOf(actor, a.organization().id(), ownerId(a));
    Fields f =
        Fields.of(
            name == null ? a.name() : name,
            description == null ? a.description() : description,
            systemPrompt == null ? a.systemPrompt().orElse(null) : systemPrompt,
            model == null ? a.model().orElse(null) : model);
    requireFreeName(a.organization().id(), f.name(), a.id());
    a.edit(f.name(), f.description(), f.systemPrompt(), f.model(), LocalDateTime.now(clock));
    flush(() -> {}, String.format(ERROR_NAME_TAKEN, f.name()));
    audit.record(actor.name(), a.organization().id(), "assistant.edit", a.name(), null);
    return view(actor, a);
  }

  /**
   * Publishes (with its consumer key) or unpublishes; publishing a published one changes nothing.
   */
  @Transactional
  public AssistantView publish(Actor actor, Long id, boolean published) {
    Assistant a = find(id);
    Permissions.requireAuthorOf(actor, a.organization().id(), ownerId(a));
    if (published && !a.isPublished()) {
      AssistantPublication p = a.publish(LocalDateTime.now(clock));
      String key = p.consumerName();
      flush(() -> em.persist(p), String.format(ERROR_KEY_TAKEN, key));
      audit.record(actor.name(), a.organization().id(), "assistant.publish", a.name(), key);
    } else if (!published && a.isPublished()) {
      a.unpublish().ifPresent(em::remove);
      em.flush();
      audit.record(actor.name(), a.organization().id(), "assistant.unpublish", a.name(), null);
    }
    return view(actor, a);
  }

  /** Deletes an assistant no activity uses; one in use can only be unpublished. */
  @Transactional
  public void delete(Actor actor, Long id) {
    Assistant a = find(id);
    Permissions.requireAuthorOf(actor, a.organization().id(), ownerId(a));
    long uses =
        em.createQuery(
                "SELECT COUNT(x) FROM Activity x JOIN x.assistants s WHERE s.id = :a", Long.class)
            .setParameter("a", a.id())
            .getSingleResult();
    long conversations =
        em.createQuery("SELECT COUNT(c) FROM Conversation c WHERE c.assistant.id = :a", Long.class)
            .setParameter("a", a.id())
            .getSingleResult();
    if (uses > 0 || conversations > 0) {
      throw Problem.conflict(ERROR_IN_USE);
    }
    a.unpublish().ifPresent(em::remove);
    em.remove(a);
    audit.record(actor.name(), a.organization().id(), "assistant.delete", a.name(), null);
  }

  private Organization organization(Actor actor, String slug) {
    if (slug == null || slug.isBlank()) {
      if (actor.organizationId() == null) {
        Permissions.require(actor, Action.AUTHOR_ASSISTANT, null);
        throw Problem.badRequest(ERROR_ORGANIZATION);
      }
      return em.find(Organization.class, actor.organizationId());
    }
    return em.createNamedQuery(Organization.BY_SLUG, Organization.class)
        .setParameter("slug", slug.strip())
        .getResultStream()
        .findFirst()
        .orElseGet(
            () -> {
              Permissions.require(actor, Action.AUTHOR_ASSISTANT, null);
              throw Problem.notFound("There is no such organisation.");
            });
  }

  private Assistant find(Long id) {
    Assistant a = id == null ? null : em.find(Assistant.class, id);
    if (a == null) {
      throw Problem.notFound(ERROR_NO_ASSISTANT);
    }
    return a;
  }

  private void requireFreeName(Long organizationId, String name, Long except) {
    boolean taken =
        em.createQuery(
                "SELECT a.id FROM Assistant a WHERE a.organization.id = :o AND a.name = :n",
                Long.class)
            .setParameter("o", organizationId)
            .setParameter("n", name)
            .getResultStream()
            .anyMatch(other -> !Objects.equals(other, except));
    if (taken) {
      throw Problem.conflict(String.format(ERROR_NAME_TAKEN, name));
    }
  }

  private void flush(Runnable change, String onUniqueViolation) {
    try {
      change.run();
      em.flush();
    } catch (PersistenceException e) {
      if (UniqueViolation.isCauseOf(e)) {
        // Another request took the name or key between the check and the write.
        throw Problem.conflict(onUniqueViolation);
      }
      throw e;
    }
  }

  private static Long ownerId(Assistant a) {
    return a.owner() == null ? null : a.owner().id();
  }

  private static AssistantView view(Actor actor, Assistant a) {
    return new AssistantView(
        a.id(),
        a.organization().slug(),
        a.name(),
        a.description(),
        a.systemPrompt().orElse(""),
        a.model().orElse(""),
        a.ownerEmail(),
        a.isPublished(),
        a.publication().map(AssistantPublication::consumerName).orElse(null),
        Permissions.allowsAuthorOf(actor, a.organization().id(), ownerId(a)),
        Views.time(a.createdAt()),
        Views.time(a.updatedAt()));
  }

  /** The editable fields, checked. */
  record Fields(String name, String description, String systemPrompt, String model) {
    static Fields of(String name, String description, String systemPrompt, String model) {
      String n = name == null ? "" : name.strip();
      if (n.isEmpty() || n.length() > 200) {
        throw Problem.badRequest(ERROR_NAME);
      }
      if (description != null && description.length() > 1000) {
        throw Problem.badRequest(ERROR_DESCRIPTION);
      }
      if (systemPrompt != null && systemPrompt.length() > 20_000) {
        throw Problem.badRequest(ERROR_PROMPT);
      }
      if (model != null && model.strip().length() > 200) {
        throw Problem.badRequest(ERROR_MODEL);
      }
      return new Fields(
          n,
          blankToNull(description),
          blankToNull(systemPrompt),
          model == null ? null : blankToNull(model.strip()));
    }

    private static String blankToNull(String s) {
      return s == null || s.isBlank() ? null : s;
    }
  }
}
