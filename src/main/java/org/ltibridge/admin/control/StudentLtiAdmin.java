package org.ltibridge.admin.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDateTime;
import org.ltibridge.access.control.Actor;
import org.ltibridge.access.control.Permissions.Action;
import org.ltibridge.access.control.Views;
import org.ltibridge.assistant.control.StudentLtiKeys;
import org.ltibridge.assistant.control.StudentLtiKeys.Source;
import org.ltibridge.org.entity.Organization;
import org.ltibridge.system.control.AuditLog;
import org.ltibridge.system.control.Problem;
import org.ltibridge.system.control.Randomness;
import org.ltibridge.system.control.SecretBox;

/**
 * An organisation's Student LTI secret (LAMB lti_landscape.md §7.1, §18.3): the secret of its
 * assistants' legacy single-assistant links ({@code POST /lamb/v1/lti_users/lti}) that have none of
 * their own. Generated, rotated or removed by its org admin or a system admin; the secret is
 * answered once, when generated or rotated, and stored encrypted; nothing ever shows it again.
 * Without it, the instance-wide {@code LTI_SECRET} applies, if configured ({@link StudentLtiKeys}).
 */
@ApplicationScoped
public class StudentLtiAdmin {

  /** Where an LMS posts legacy Student LTI launches (LAMB lti_landscape.md §11.1). */
  public static final String LAUNCH_PATH = "/lamb/v1/lti_users/lti";

  static final Problem.Text ERROR_NO_SECRET = Problem.text("admin.StudentLtiAdmin.noSecret");

  @Inject OrganizationAdmin organizations;
  @Inject SecretBox secrets;
  @Inject StudentLtiKeys keys;
  @Inject AuditLog audit;
  @Inject Clock clock;

  /**
   * What the console and the API show: whether the organisation has a secret and since when,
   * whether the instance-wide {@code LTI_SECRET} is configured (never its value), which secret
   * applies to the organisation's assistants without their own, and {@code secret} only right after
   * it was generated.
   */
  public record SecretView(
      boolean hasSecret,
      String setAt,
      boolean instanceSecretConfigured,
      Source appliesWithoutOwn,
      String secret) {}

  @Transactional
  public SecretView get(Actor actor, String slug) {
    Organization org = organizations.visible(actor, Action.MANAGE_STUDENT_LTI, slug);
    return view(org, null);
  }

  /** Generates the secret, or replaces it; answers it this once. */
  @Transactional
  public SecretView rotate(Actor actor, String slug) {
    Organization org = organizations.visible(actor, Action.MANAGE_STUDENT_LTI, slug);
    boolean had = org.studentLtiSecretEncrypted().isPresent();
    String secret = Randomness.token(24);
    org.useStudentLtiSecret(secrets.encrypt(secret), LocalDateTime.now(clock));
    audit.record(
        actor.name(),
        org.id(),
        had ? "student-lti.rotate" : "student-lti.generate",
        org.slug(),
        null);
    keys.forgetAtCommit(null);
    return view(org, secret);
  }

  /** Removes the secret: the instance-wide one applies from now on, if any. */
  @Transactional
  public SecretView remove(Actor actor, String slug) {
    Organization org = organizations.visible(actor, Action.MANAGE_STUDENT_LTI, slug);
    if (org.studentLtiSecretEncrypted().isEmpty()) {
      throw Problem.notFound(ERROR_NO_SECRET);
    }
    org.useStudentLtiSecret(null, null);
    audit.record(actor.name(), org.id(), "student-lti.delete", org.slug(), null);
    keys.forgetAtCommit(null);
    return view(org, null);
  }

  private SecretView view(Organization org, String secret) {
    return new SecretView(
        org.studentLtiSecretEncrypted().isPresent(),
        org.studentLtiSecretSetAt().map(Views::time).orElse(null),
        keys.instanceHasOne(),
        keys.fallbackFor(org),
        secret);
  }
}
