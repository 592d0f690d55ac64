package org.ltibridge.access.control;

import java.util.Objects;
import org.ltibridge.system.control.Problem;

/**
 * Who may do what in administration: the one rule that the console's pages and the admin API both
 * call before any change, so that a hidden button or a crafted request meets the same answer.
 *
 * <ul>
 *   <li>A system admin may do everything, in every organisation.
 *   <li>An organisation admin may do the {@link Scope#ORGANIZATION} actions in their own
 *       organisation only; another organisation answers 404, as if it did not exist, so that its
 *       name is not revealed.
 *   <li>A creator may author assistants ({@link Scope#AUTHORING}) in their own organisation, and
 *       change only their own ({@link #requireAuthorOf}).
 *   <li>Anybody else signed in (a learner, a creator asking for more) gets 403; nobody signed in
 *       gets 401.
 * </ul>
 */
public final class Permissions {

  public static final Problem.Text ERROR_SIGN_IN = Problem.text("access.Permissions.signIn");
  public static final Problem.Text ERROR_ADMINS_ONLY =
      Problem.text("access.Permissions.adminsOnly");
  public static final Problem.Text ERROR_SYSTEM_ADMIN =
      Problem.text("access.Permissions.systemAdmin");
  public static final Problem.Text ERROR_NO_ORGANIZATION =
      Problem.text("access.Permissions.noOrganization");
  public static final Problem.Text ERROR_NOT_AUTHOR = Problem.text("access.Permissions.notAuthor");

  private Permissions() {}

  /** Whom an action is for. */
  public enum Scope {
    /** The whole instance: system admins only. */
    INSTANCE,
    /** One organisation: its org admins and system admins. */
    ORGANIZATION,
    /** One organisation's authoring: its creators too. */
    AUTHORING
  }

  /** Every administrative action, console and API alike. */
  public enum Action {
    CREATE_ORGANIZATION(Scope.INSTANCE),
    UPDATE_ORGANIZATION(Scope.INSTANCE),
    MANAGE_SYSTEM_ADMINS(Scope.INSTANCE),
    CREATE_ORG_ADMIN(Scope.INSTANCE),
    CHANGE_ROLE(Scope.INSTANCE),
    /** The LTI 1.3 platform role's registered tools: edit, (de)activate, remove, diagnose. */
    MANAGE_PLATFORM_TOOLS(Scope.INSTANCE),
    READ_ORGANIZATION(Scope.ORGANIZATION),
    LIST_CREATORS(Scope.ORGANIZATION),
    CREATE_CREATOR(Scope.ORGANIZATION),
    ENABLE_CREATOR(Scope.ORGANIZATION),
    MANAGE_CREATOR_LTI(Scope.ORGANIZATION),
    /** The organisation's Student LTI secret of legacy single-assistant links. */
    MANAGE_STUDENT_LTI(Scope.ORGANIZATION),
    MANAGE_SELF_SERVICE(Scope.ORGANIZATION),
    LIST_ACTIVITIES(Scope.ORGANIZATION),
    UPDATE_ACTIVITY(Scope.ORGANIZATION),
    TRANSFER_ACTIVITY(Scope.ORGANIZATION),
    READ_AUDIT(Scope.ORGANIZATION),
    MANAGE_MODEL_ENDPOINT(Scope.ORGANIZATION),
    /** A student's data erased on their request (GDPR Art. 17), in one activity or all. */
    ERASE_STUDENT_DATA(Scope.ORGANIZATION),
    /** How long the organisation keeps transcripts (GDPR Art. 5(1)(e)). */
    MANAGE_RETENTION(Scope.ORGANIZATION),
    /** Whether activities may show instructors students' names. */
    MANAGE_IDENTITY_POLICY(Scope.ORGANIZATION),
    /** The record of transcripts read with students' names (GDPR Art. 5(2)). */
    READ_TRANSCRIPT_VIEWS(Scope.ORGANIZATION),
    /**
     * The platform role's courses, learners, enrolments and placements of courses in tools: they
     * belong to no organisation.
     */
    MANAGE_PLATFORM_COURSES(Scope.INSTANCE),
    AUTHOR_ASSISTANT(Scope.AUTHORING);

    private final Scope scope;

    Action(Scope scope) {
      this.scope = scope;
    }

    public Scope scope() {
      return scope;
    }
  }

  /**
   * Refuses with the status the caller should see, or returns when {@code actor} may do {@code
   * action} in organisation {@code organizationId} (null for an instance-wide action).
   */
  public static void require(Actor actor, Action action, Long organizationId) {
    switch (actor.role()) {
      case SYSTEM_ADMIN:
        return;
      case ORG_ADMIN:
        if (action.scope() == Scope.INSTANCE) {
          throw Problem.forbidden(ERROR_SYSTEM_ADMIN);
        }
        if (actor.organizationId() == null
            || !Objects.equals(actor.organizationId(), organizationId)) {
          throw Problem.notFound(ERROR_NO_ORGANIZATION);
        }
        return;
      case CREATOR:
        if (action.scope() != Scope.AUTHORING) {
          throw Problem.forbidden(ERROR_ADMINS_ONLY);
        }
        if (actor.organizationId() == null
            || !Objects.equals(actor.organizationId(), organizationId)) {
          throw Problem.notFound(ERROR_NO_ORGANIZATION);
        }
        return;
      case ANONYMOUS:
        throw new Problem(401, Problem.text("title.notSignedIn"), ERROR_SIGN_IN);
      default:
        throw Problem.forbidden(ERROR_ADMINS_ONLY);
    }
  }

  /**
   * LAMB lti_landscape.md §16: a creator changes only the assistants they made; the organisation's
   * admins and system admins change any of the organisation's. Refuses as {@link #require} does.
   */
  public static void requireAuthorOf(Actor actor, Long organizationId, Long ownerCreatorId) {
    require(actor, Action.AUTHOR_ASSISTANT, organizationId);
    if (actor.role() == Actor.Role.CREATOR
        && (ownerCreatorId == null || !ownerCreatorId.equals(actor.creatorId()))) {
      throw Problem.forbidden(ERROR_NOT_AUTHOR);
    }
  }

  /** Whether {@link #requireAuthorOf} would let the actor change the assistant. */
  public static boolean allowsAuthorOf(Actor actor, Long organizationId, Long ownerCreatorId) {
    try {
      requireAuthorOf(actor, organizationId, ownerCreatorId);
      return true;
    } catch (Problem refused) {
      return false;
    }
  }

  /** Whether {@link #require} would let the action through (for what a page offers). */
  public static boolean allows(Actor actor, Action action, Long organizationId) {
    try {
      require(actor, action, organizationId);
      return true;
    } catch (Problem refused) {
      return false;
    }
  }
}
