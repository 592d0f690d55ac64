package org.ltibridge.assistant.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.ltibridge.access.control.Actor;
import org.ltibridge.access.control.Permissions;
import org.ltibridge.access.control.Permissions.Action;
import org.ltibridge.access.control.Views;
import org.ltibridge.assistant.entity.Assistant;
import org.ltibridge.assistant.entity.AssistantPublication;
import org.ltibridge.assistant.entity.AssistantSettings;
import org.ltibridge.assistant.entity.AssistantVersion;
import org.ltibridge.assistant.entity.PromptTemplate;
import org.ltibridge.identity.entity.CreatorUser;
import org.ltibridge.org.entity.Organization;
import org.ltibridge.system.control.AuditLog;
import org.ltibridge.system.control.Problem;
import org.ltibridge.system.control.Randomness;
import org.ltibridge.system.control.SecretBox;
import org.ltibridge.system.control.UniqueViolation;

/**
 * Creators make, change, publish and unpublish assistants (LAMB lti_landscape.md §12, §16). Who may
 * do what is {@link Permissions#requireAuthorOf}: a creator their own, an org admin any of the
 * organisation's. Published assistants are what Unified setup pages offer; publishing gives an
 * assistant its Student LTI consumer key, derived from its creator and name as LAMB does ({@code
 * {creator id}_{name}}, letters, digits, '_' and '-', at most 50 characters), unique on the
 * instance.
 *
 * <p>Creating an assistant makes its version 1; every save that changes something makes the next
 * version, recording who, when and which fields; a save that changes nothing writes nothing.
 */
@ApplicationScoped
public class AssistantAuthoring {

  static final Problem.Text ERROR_NAME = Problem.text("assistant.AssistantAuthoring.name");
  static final Problem.Text ERROR_DESCRIPTION =
      Problem.text("assistant.AssistantAuthoring.description");
  static final Problem.Text ERROR_PROMPT = Problem.text("assistant.AssistantAuthoring.prompt");
  static final Problem.Text ERROR_MODEL = Problem.text("assistant.AssistantAuthoring.model");
  static final Problem.Text ERROR_TEMPLATE =
      Problem.text(
          "assistant.AssistantAuthoring.template",
          PromptTemplate.USER_INPUT,
          PromptTemplate.CONTEXT);
  static final Problem.Text ERROR_TEMPLATE_LENGTH =
      Problem.text("assistant.AssistantAuthoring.templateLength");
  static final Problem.Text ERROR_TEMPERATURE =
      Problem.text("assistant.AssistantAuthoring.temperature");
  static final Problem.Text ERROR_UNKNOWN_MODEL =
      Problem.text("assistant.AssistantAuthoring.unknownModel");
  static final Problem.Text ERROR_NAME_TAKEN =
      Problem.text("assistant.AssistantAuthoring.nameTaken");
  static final Problem.Text ERROR_KEY_TAKEN = Problem.text("assistant.AssistantAuthoring.keyTaken");
  static final Problem.Text ERROR_NO_ASSISTANT =
      Problem.text("assistant.AssistantAuthoring.noAssistant");
  static final Problem.Text ERROR_IN_USE = Problem.text("assistant.AssistantAuthoring.inUse");
  static final Problem.Text ERROR_NOT_CREATOR =
      Problem.text("assistant.AssistantAuthoring.notCreator");
  static final Problem.Text ERROR_ORGANIZATION =
      Problem.text("assistant.AssistantAuthoring.organization");
  static final Problem.Text ERROR_NO_KEY = Problem.text("assistant.AssistantAuthoring.noKey");
  static final Problem.Text ERROR_NO_OWN_SECRET =
      Problem.text("assistant.AssistantAuthoring.noOwnSecret");

  /** Listed in {@link #ERROR_UNKNOWN_MODEL} at most; an endpoint may offer hundreds. */
  static final int MODELS_NAMED = 20;

  static final int MAX_NAME = 200;
  static final int MAX_DESCRIPTION = 1000;
  static final int MAX_PROMPT = 20_000;
  static final int MAX_MODEL = 200;

  /** OpenAI's range for {@code temperature} (API reference, "Create chat completion"). */
  static final double MAX_TEMPERATURE = 2.0;

  @PersistenceContext EntityManager em;
  @Inject AuditLog audit;
  @Inject Clock clock;
  @Inject ModelCatalog catalog;
  @Inject StudentLtiKeys keys;
  @Inject SecretBox secrets;

  /**
   * An assistant as its authors see it; {@code consumerKey} only while published ({@code
   * ltiConsumerKey} from its first publication on, published or not; {@code ltiSecretSource} which
   * secret its legacy link is checked against, {@code ltiSecretSetAt} when its own was set), {@code
   * temperature} null for the endpoint's default, {@code version} the number of its current version
   * (null for an assistant loaded as data that was never saved).
   */
  public record AssistantView(
      Long id,
      String organization,
      String name,
      String description,
      String systemPrompt,
      String model,
      Double temperature,
      String promptTemplate,
      boolean showSystemPrompt,
      Integer version,
      String ownerEmail,
      String ownerName,
      boolean published,
      String consumerKey,
      boolean editable,
      String createdAt,
      String updatedAt,
      String ltiConsumerKey,
      StudentLtiKeys.Source ltiSecretSource,
      String ltiSecretSetAt) {}

  /** The answer to {@link #rotateLtiSecret}: the assistant, and its new secret in clear, once. */
  public record NewSecret(AssistantView assistant, String secret) {}

  /** One version of an assistant: what it was, who saved it when, and what that save changed. */
  public record VersionView(
      int number,
      String name,
      String description,
      String systemPrompt,
      String model,
      Double temperature,
      String promptTemplate,
      boolean showSystemPrompt,
      List<String> changed,
      String createdBy,
      String createdAt) {}

  /**
   * What a creator writes in the editor. On {@link #edit}, a null field stays as it is; a blank
   * text field (description, system prompt, model, prompt template) clears it; {@code temperature}
   * null stays, empty means the endpoint's default. On {@link #create}, null is empty.
   */
  public record Draft(
      String name,
      String description,
      String systemPrompt,
      String model,
      Optional<Double> temperature,
      String promptTemplate,
      Boolean showSystemPrompt) {

    /** Only a name, description, system prompt and model; the rest as the endpoint's default. */
    public static Draft of(String name, String description, String systemPrompt, String model) {
      return new Draft(name, description, systemPrompt, model, null, null, null);
    }

    /**
     * The settings this draft leaves when saved over {@code current}, checked; a 400 Problem naming
     * the first field that is wrong.
     */
    public AssistantSettings over(AssistantSettings current) {
      String n = (name == null ? current.name() : name);
      n = n == null ? "" : n.strip();
      if (n.isEmpty() || n.length() > MAX_NAME) {
        throw Problem.badRequest(ERROR_NAME);
      }
      String d = description == null ? current.description() : blankToNull(description);
      if (d != null && d.length() > MAX_DESCRIPTION) {
        throw Problem.badRequest(ERROR_DESCRIPTION);
      }
      String p = systemPrompt == null ? current.systemPrompt() : blankToNull(systemPrompt);
      if (p != null && p.length() > MAX_PROMPT) {
        throw Problem.badRequest(ERROR_PROMPT);
      }
      String m = model == null ? current.model() : blankToNull(model.strip());
      if (m != null && m.length() > MAX_MODEL) {
        throw Problem.badRequest(ERROR_MODEL);
      }
      Double t = temperature == null ? current.temperature() : temperature.orElse(null);
      if (t != null && (t.isNaN() || t < 0 || t > MAX_TEMPERATURE)) {
        throw Problem.badRequest(ERROR_TEMPERATURE);
      }
      String template =
          promptTemplate == null ? current.promptTemplate() : blankToNull(promptTemplate);
      if (template != null && template.length() > MAX_PROMPT) {
        throw Problem.badRequest(ERROR_TEMPLATE_LENGTH);
      }
      if (template != null && !PromptTemplate.accepts(template)) {
        throw Problem.badRequest(ERROR_TEMPLATE);
      }
      boolean show = showSystemPrompt == null ? current.showSystemPrompt() : showSystemPrompt;
      // Kept with two decimals, as the column does, so that saving it again changes nothing.
      Double rounded = t == null ? null : Math.round(t * 100) / 100.0;
      return new AssistantSettings(n, d, p, m, rounded, template, show);
    }

    private static String blankToNull(String s) {
      return s == null || s.isBlank() ? null : s;
    }
  }

  /** What a new assistant starts from: nothing. */
  static final AssistantSettings NOTHING =
      new AssistantSettings(null, null, null, null, null, null, false);

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
    return view(actor, readable(actor, id));
  }

  /** Its versions, newest first; for whoever may {@link #get} it. */
  @Transactional
  public List<VersionView> versions(Actor actor, Long id) {
    Assistant a = readable(actor, id);
    return em
        .createNamedQuery(AssistantVersion.OF_ASSISTANT, AssistantVersion.class)
        .setParameter("assistantId", a.id())
        .getResultList()
        .stream()
        .map(AssistantAuthoring::view)
        .toList();
  }

  /**
   * The assistant, if the actor may read it: its author and the organisation's admins always, the
   * organisation's other creators while it is published; 404 otherwise, as if it did not exist. For
   * other capabilities' reads (a preview chat) inside their own transaction.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public Assistant readable(Actor actor, Long id) {
    Assistant a = find(id);
    Permissions.require(actor, Action.AUTHOR_ASSISTANT, a.organization().id());
    if (!a.isPublished() && !Permissions.allowsAuthorOf(actor, a.organization().id(), ownerId(a))) {
      throw Problem.notFound(ERROR_NO_ASSISTANT);
    }
    return a;
  }

  /**
   * The models the endpoint of the organisation offers, for the editor's choice: the assistant's
   * organisation when {@code assistantId} is given (for whoever may read it), else the actor's.
   */
  @Transactional
  public ModelChoice models(Actor actor, Long assistantId, String slug) {
    Organization org =
        assistantId == null
            ? organization(actor, slug)
            : readable(actor, assistantId).organization();
    Permissions.require(actor, Action.AUTHOR_ASSISTANT, org == null ? null : org.id());
    return catalog.models(org);
  }

  /**
   * A creator's new assistant, unpublished, at version 1. An admin creates it as the creator they
   * are.
   */
  @Transactional
  public AssistantView create(Actor actor, Draft draft) {
    CreatorUser author =
        actor.creatorId() == null ? null : em.find(CreatorUser.class, actor.creatorId());
    if (author == null) {
      Permissions.require(actor, Action.AUTHOR_ASSISTANT, actor.organizationId());
      throw Problem.forbidden(ERROR_NOT_CREATOR);
    }
    Permissions.require(actor, Action.AUTHOR_ASSISTANT, author.organization().id());
    AssistantSettings s = draft.over(NOTHING);
    requireOffered(author.organization(), s.model());
    requireFreeName(author.organization().id(), s.name(), null);
    Assistant a = Assistant.by(author, s, LocalDateTime.now(clock));
    flush(
        () -> {
          em.persist(a);
          em.persist(a.firstVersion(actor.name()));
        },
        ERROR_NAME_TAKEN.with(s.name()));
    audit.record(actor.name(), author.organization().id(), "assistant.create", s.name(), null);
    return view(actor, a);
  }

  /**
   * A colleague's published assistant (or any the actor may read) copied into a new, unpublished
   * one of the actor's, at version 1, named "{name} (copy)" or the first free "(copy n)".
   */
  @Transactional
  public AssistantView copy(Actor actor, Long id) {
    Assistant source = readable(actor, id);
    AssistantSettings s = source.settings();
    return create(
        actor,
        new Draft(
            copyName(source.organization().id(), s.name()),
            s.description(),
            s.systemPrompt(),
            s.model(),
            Optional.ofNullable(s.temperature()),
            s.promptTemplate(),
            s.showSystemPrompt()));
  }

  private String copyName(Long organizationId, String name) {
    Set<String> taken =
        Set.copyOf(
            em.createQuery(
                    "SELECT a.name FROM Assistant a WHERE a.organization.id = :o", String.class)
                .setParameter("o", organizationId)
                .getResultList());
    for (int n = 1; ; n++) {
      String suffix = n == 1 ? " (copy)" : " (copy " + n + ")";
      String base =
          name.length() + suffix.length() > MAX_NAME
              ? name.substring(0, MAX_NAME - suffix.length())
              : name;
      if (!taken.contains(base + suffix)) {
        return base + suffix;
      }
    }
  }

  /**
   * Saves the draft over the assistant; when that changes anything, as its next version. A save
   * that changes nothing writes nothing.
   */
  @Transactional
  public AssistantView edit(Actor actor, Long id, Draft draft) {
    Assistant a = find(id);
    Permissions.requireAuthorOf(actor, a.organization().id(), ownerId(a));
    // Two saves at once would both make the same next version: the second waits for the first
    // and then saves over what it left.
    em.refresh(a, LockModeType.PESSIMISTIC_WRITE);
    AssistantSettings before = a.settings();
    AssistantSettings next = draft.over(before);
    if (!Objects.equals(next.model(), before.model())) {
      requireOffered(a.organization(), next.model());
    }
    requireFreeName(a.organization().id(), next.name(), a.id());
    Optional<AssistantVersion> version = a.revise(next, actor.name(), LocalDateTime.now(clock));
    if (version.isEmpty()) {
      return view(actor, a);
    }
    flush(() -> em.persist(version.get()), ERROR_NAME_TAKEN.with(next.name()));
    audit.record(
        actor.name(),
        a.organization().id(),
        "assistant.edit",
        a.name(),
        "version " + version.get().number() + ": " + String.join(", ", version.get().changed()));
    return view(actor, a);
  }

  /** A 400 unless the organisation's endpoint offers the model, or lists none. */
  private void requireOffered(Organization org, String model) {
    if (model == null) {
      return;
    }
    ModelChoice choice = catalog.models(org);
    if (!choice.allows(model)) {
      List<String> named = choice.models().stream().limit(MODELS_NAMED).toList();
      throw Problem.badRequest(
          ERROR_UNKNOWN_MODEL.with(
              model,
              String.join(", ", named) + (choice.models().size() > named.size() ? ", …" : "")));
    }
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
      flush(() -> em.persist(p), ERROR_KEY_TAKEN.with(key));
      audit.record(actor.name(), a.organization().id(), "assistant.publish", a.name(), key);
    } else if (!published && a.isPublished()) {
      a.unpublish().ifPresent(em::remove);
      em.flush();
      audit.record(actor.name(), a.organization().id(), "assistant.unpublish", a.name(), null);
    }
    return view(actor, a);
  }

  /**
   * Gives the assistant a new secret of its own for its legacy link (LAMB lti_landscape.md §7.1,
   * §18.3), replacing the one it had; answers it this once, stores it encrypted. The assistant must
   * have its consumer key (from its first publication), or 409.
   */
  @Transactional
  public NewSecret rotateLtiSecret(Actor actor, Long id) {
    Assistant a = find(id);
    Permissions.requireAuthorOf(actor, a.organization().id(), ownerId(a));
    String key = a.ltiConsumerKey().orElseThrow(() -> Problem.conflict(ERROR_NO_KEY));
    boolean had = a.ltiSecretEncrypted().isPresent();
    String secret = Randomness.token(24);
    a.useLtiSecret(secrets.encrypt(secret), LocalDateTime.now(clock));
    audit.record(
        actor.name(),
        a.organization().id(),
        had ? "assistant.lti-secret.rotate" : "assistant.lti-secret.generate",
        a.name(),
        key);
    keys.forgetAtCommit(key);
    return new NewSecret(view(actor, a), secret);
  }

  /**
   * Removes the assistant's own secret: the organisation's Student LTI secret applies from now on,
   * else the instance-wide one; 404 when it has none.
   */
  @Transactional
  public AssistantView removeLtiSecret(Actor actor, Long id) {
    Assistant a = find(id);
    Permissions.requireAuthorOf(actor, a.organization().id(), ownerId(a));
    if (a.ltiSecretEncrypted().isEmpty()) {
      throw Problem.notFound(ERROR_NO_OWN_SECRET);
    }
    a.useLtiSecret(null, null);
    String key = a.ltiConsumerKey().orElse(null);
    audit.record(actor.name(), a.organization().id(), "assistant.lti-secret.delete", a.name(), key);
    if (key != null) {
      keys.forgetAtCommit(key);
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
              throw Problem.notFound(Problem.text("assistant.AssistantAuthoring.noOrganization"));
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
      throw Problem.conflict(ERROR_NAME_TAKEN.with(name));
    }
  }

  private void flush(Runnable change, Problem.Text onUniqueViolation) {
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

  private AssistantView view(Actor actor, Assistant a) {
    AssistantSettings s = a.settings();
    return new AssistantView(
        a.id(),
        a.organization().slug(),
        a.name(),
        a.description(),
        a.systemPrompt().orElse(""),
        a.model().orElse(""),
        s.temperature(),
        s.promptTemplate() == null ? "" : s.promptTemplate(),
        s.showSystemPrompt(),
        a.currentVersion(),
        a.ownerEmail(),
        a.owner() == null ? null : a.owner().displayName(),
        a.isPublished(),
        a.publication().map(AssistantPublication::consumerName).orElse(null),
        Permissions.allowsAuthorOf(actor, a.organization().id(), ownerId(a)),
        Views.time(a.createdAt()),
        Views.time(a.updatedAt()),
        a.ltiConsumerKey().orElse(null),
        keys.sourceFor(a),
        a.ltiSecretSetAt().map(Views::time).orElse(null));
  }

  private static VersionView view(AssistantVersion v) {
    AssistantSettings s = v.settings();
    return new VersionView(
        v.number(),
        s.name(),
        s.description() == null ? "" : s.description(),
        s.systemPrompt() == null ? "" : s.systemPrompt(),
        s.model() == null ? "" : s.model(),
        s.temperature(),
        s.promptTemplate() == null ? "" : s.promptTemplate(),
        s.showSystemPrompt(),
        v.changed(),
        v.createdBy(),
        Views.time(v.createdAt()));
  }
}
