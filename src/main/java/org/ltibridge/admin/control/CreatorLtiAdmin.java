package org.ltibridge.admin.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.regex.Pattern;
import org.ltibridge.access.control.Actor;
import org.ltibridge.access.control.Permissions.Action;
import org.ltibridge.access.control.Views;
import org.ltibridge.identity.control.CreatorLtiFlow;
import org.ltibridge.org.entity.CreatorLtiKey;
import org.ltibridge.org.entity.Organization;
import org.ltibridge.system.control.AuditLog;
import org.ltibridge.system.control.Problem;
import org.ltibridge.system.control.Randomness;
import org.ltibridge.system.control.SecretBox;
import org.ltibridge.system.control.UniqueViolation;

/**
 * An organisation's Creator LTI key and secret (LAMB lti_landscape.md §13.8): generated, rotated,
 * disabled or removed by its org admin. The secret is answered once, when generated or rotated, and
 * stored encrypted; nothing ever shows it again.
 */
@ApplicationScoped
public class CreatorLtiAdmin {

  /**
   * Where an LMS posts Creator LTI launches, and where it reads about them (LAMB lti_landscape.md
   * §13.8).
   */
  public static final String LAUNCH_PATH = CreatorLtiFlow.PATH;

  public static final String INFO_PATH = "/lamb/v1/lti_creator/info";

  static final Problem.Text ERROR_KEY = Problem.text("admin.CreatorLtiAdmin.key");
  static final Problem.Text ERROR_KEY_TAKEN = Problem.text("admin.CreatorLtiAdmin.keyTaken");
  static final Problem.Text ERROR_NO_KEY = Problem.text("admin.CreatorLtiAdmin.noKey");

  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._-]{3,200}");

  @PersistenceContext EntityManager em;
  @Inject OrganizationAdmin organizations;
  @Inject SecretBox secrets;
  @Inject AuditLog audit;
  @Inject Clock clock;

  /** What the console and the API show; {@code secret} only right after it was generated. */
  public record KeyView(
      boolean hasKey,
      String consumerKey,
      boolean enabled,
      String createdAt,
      String rotatedAt,
      String secret) {}

  @Transactional
  public KeyView get(Actor actor, String slug) {
    Organization org = organizations.visible(actor, Action.MANAGE_CREATOR_LTI, slug);
    return view(em.find(CreatorLtiKey.class, org.id()), null);
  }

  /**
   * Enabled: generates the key and a secret, or gives the existing key a new secret (and enables
   * it); answers the secret this once. Disabled: keeps key and secret but refuses launches. {@code
   * consumerKey} optionally names the key when it is first generated (LAMB's form lets the org
   * admin choose it); by default it is {@code creator-<slug>}.
   */
  @Transactional
  public KeyView put(Actor actor, String slug, boolean enabled, String consumerKey) {
    Organization org = organizations.visible(actor, Action.MANAGE_CREATOR_LTI, slug);
    CreatorLtiKey key = em.find(CreatorLtiKey.class, org.id());
    LocalDateTime now = LocalDateTime.now(clock);
    if (!enabled) {
      if (key == null) {
        throw Problem.notFound(ERROR_NO_KEY);
      }
      if (key.enabled()) {
        key.disable();
        audit.record(actor.name(), org.id(), "creator-lti.disable", key.consumerKey(), null);
      }
      return view(key, null);
    }
    String secret = Randomness.token(24);
    if (key == null) {
      String k =
          consumerKey == null || consumerKey.isBlank()
              ? "creator-" + org.slug()
              : consumerKey.strip();
      if (!KEY.matcher(k).matches()) {
        throw Problem.badRequest(ERROR_KEY);
      }
      if (!em.createNamedQuery(CreatorLtiKey.BY_KEY, CreatorLtiKey.class)
          .setParameter("key", k)
          .getResultList()
          .isEmpty()) {
        throw Problem.conflict(ERROR_KEY_TAKEN.with(k));
      }
      key = new CreatorLtiKey(org.id(), k, secrets.encrypt(secret), now);
      try {
        em.persist(key);
        em.flush();
      } catch (PersistenceException e) {
        if (UniqueViolation.isCauseOf(e)) {
          throw Problem.conflict(ERROR_KEY_TAKEN.with(k));
        }
        throw e;
      }
      audit.record(actor.name(), org.id(), "creator-lti.generate", k, null);
    } else {
      key.rotate(secrets.encrypt(secret), now);
      audit.record(actor.name(), org.id(), "creator-lti.rotate", key.consumerKey(), null);
    }
    return view(key, secret);
  }

  @Transactional
  public void delete(Actor actor, String slug) {
    Organization org = organizations.visible(actor, Action.MANAGE_CREATOR_LTI, slug);
    CreatorLtiKey key = em.find(CreatorLtiKey.class, org.id());
    if (key == null) {
      throw Problem.notFound(ERROR_NO_KEY);
    }
    em.remove(key);
    audit.record(actor.name(), org.id(), "creator-lti.delete", key.consumerKey(), null);
  }

  private static KeyView view(CreatorLtiKey key, String secret) {
    if (key == null) {
      return new KeyView(false, null, false, null, null, null);
    }
    return new KeyView(
        true,
        key.consumerKey(),
        key.enabled(),
        Views.time(key.createdAt()),
        Views.time(key.rotatedAt()),
        secret);
  }
}
