package org.ltibridge.access.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ltibridge.access.control.Actor.Role;
import org.ltibridge.access.control.Permissions.Action;
import org.ltibridge.access.control.Permissions.Scope;
import org.ltibridge.system.control.Problem;

/**
 * The one authorisation rule as a table: every role × every action × the actor's own organisation,
 * another organisation, and none (an instance-wide action) → allowed, or the status of the refusal.
 */
class PermissionsTest {

  static final Long OWN = 1L;
  static final Long OTHER = 2L;
  static final int ALLOWED = 200;

  static final Actor SYSTEM_ADMIN = new Actor(10L, "root", Role.SYSTEM_ADMIN, null);
  static final Actor ORG_ADMIN = new Actor(11L, "oa", Role.ORG_ADMIN, OWN);
  static final Actor ORG_ADMIN_WITHOUT_ORG = new Actor(12L, "lost", Role.ORG_ADMIN, null);
  static final Actor CREATOR = new Actor(13L, "ada@example.edu", Role.CREATOR, OWN, 31L);
  static final Actor LEARNER = new Actor(null, "grace@example.edu", Role.OTHER, null);

  /** A creator who came through Creator LTI: no console account. */
  static final Actor LTI_CREATOR =
      new Actor(null, "lti_creator_physics_u1@lamb-lti.local", Role.CREATOR, OWN, 33L);

  /** What each actor meets for an action of the given scope, in {own, other, none}. */
  static int[] expected(Actor actor, Scope scope) {
    return switch (actor.role()) {
      case SYSTEM_ADMIN -> new int[] {ALLOWED, ALLOWED, ALLOWED};
      case ORG_ADMIN ->
          scope == Scope.INSTANCE
              ? new int[] {403, 403, 403}
              : actor.organizationId() == null
                  ? new int[] {404, 404, 404}
                  : new int[] {ALLOWED, 404, 404};
      case CREATOR ->
          scope == Scope.AUTHORING ? new int[] {ALLOWED, 404, 404} : new int[] {403, 403, 403};
      case OTHER -> new int[] {403, 403, 403};
      case ANONYMOUS -> new int[] {401, 401, 401};
    };
  }

  @Test
  void table() {
    List<String> mismatches = new ArrayList<>();
    int cases = 0;
    for (Actor actor :
        List.of(
            SYSTEM_ADMIN,
            ORG_ADMIN,
            ORG_ADMIN_WITHOUT_ORG,
            CREATOR,
            LTI_CREATOR,
            LEARNER,
            Actor.ANONYMOUS)) {
      for (Action action : Action.values()) {
        int[] want = expected(actor, action.scope());
        Long[] orgs = {OWN, OTHER, null};
        for (int i = 0; i < orgs.length; i++) {
          int got = outcome(actor, action, orgs[i]);
          cases++;
          if (got != want[i]) {
            mismatches.add(
                actor.role()
                    + (actor == ORG_ADMIN_WITHOUT_ORG ? " (no organisation)" : "")
                    + (actor == LTI_CREATOR ? " (Creator LTI)" : "")
                    + " × "
                    + action
                    + " × "
                    + (orgs[i] == null ? "none" : orgs[i].equals(OWN) ? "own" : "other")
                    + ": expected "
                    + want[i]
                    + ", got "
                    + got);
          }
        }
      }
    }
    assertEquals(7 * Action.values().length * 3, cases);
    assertEquals(List.of(), mismatches);
  }

  @Test
  void scopesAreAsTheIssueSays() {
    for (Action a :
        List.of(
            Action.CREATE_ORGANIZATION,
            Action.UPDATE_ORGANIZATION,
            Action.MANAGE_SYSTEM_ADMINS,
            Action.CREATE_ORG_ADMIN,
            Action.CHANGE_ROLE,
            Action.MANAGE_PLATFORM_TOOLS)) {
      assertEquals(Scope.INSTANCE, a.scope(), a.name());
    }
    for (Action a :
        List.of(
            Action.READ_ORGANIZATION,
            Action.LIST_CREATORS,
            Action.CREATE_CREATOR,
            Action.ENABLE_CREATOR,
            Action.MANAGE_CREATOR_LTI,
            Action.MANAGE_STUDENT_LTI,
            Action.MANAGE_SELF_SERVICE,
            Action.LIST_ACTIVITIES,
            Action.UPDATE_ACTIVITY,
            Action.TRANSFER_ACTIVITY,
            Action.READ_AUDIT,
            Action.MANAGE_MODEL_ENDPOINT,
            Action.ERASE_STUDENT_DATA,
            Action.MANAGE_RETENTION)) {
      assertEquals(Scope.ORGANIZATION, a.scope(), a.name());
    }
    assertEquals(Scope.AUTHORING, Action.AUTHOR_ASSISTANT.scope());
  }

  /**
   * LAMB lti_landscape.md §16: a creator changes their own assistants; an org admin any of the
   * organisation's.
   */
  @Test
  void aCreatorAuthorsOnlyTheirOwnAssistants() {
    assertTrue(Permissions.allowsAuthorOf(CREATOR, OWN, 31L));
    Problem colleague =
        assertThrows(Problem.class, () -> Permissions.requireAuthorOf(CREATOR, OWN, 32L));
    assertEquals(403, colleague.status());
    assertEquals(
        403,
        assertThrows(Problem.class, () -> Permissions.requireAuthorOf(CREATOR, OWN, null))
            .status());
    assertEquals(
        404,
        assertThrows(Problem.class, () -> Permissions.requireAuthorOf(CREATOR, OTHER, 31L))
            .status());
    // A Creator LTI creator (no console account) is judged as any creator.
    assertTrue(Permissions.allowsAuthorOf(LTI_CREATOR, OWN, 33L));
    assertFalse(Permissions.allowsAuthorOf(LTI_CREATOR, OWN, 31L));
    assertFalse(Permissions.allowsAuthorOf(LTI_CREATOR, OTHER, 33L));
    assertTrue(Permissions.allowsAuthorOf(ORG_ADMIN, OWN, 32L));
    assertFalse(Permissions.allowsAuthorOf(ORG_ADMIN, OTHER, 32L));
    assertTrue(Permissions.allowsAuthorOf(SYSTEM_ADMIN, OTHER, null));
    assertEquals(
        401,
        assertThrows(Problem.class, () -> Permissions.requireAuthorOf(Actor.ANONYMOUS, OWN, 31L))
            .status());
    assertEquals(
        403,
        assertThrows(Problem.class, () -> Permissions.requireAuthorOf(LEARNER, OWN, 31L)).status());
  }

  @Test
  void refusalsCarryAMessageAndAllowsAgrees() {
    Problem p =
        assertThrows(
            Problem.class, () -> Permissions.require(Actor.ANONYMOUS, Action.READ_AUDIT, OWN));
    assertEquals(Permissions.ERROR_SIGN_IN.english(), p.detail());
    p = assertThrows(Problem.class, () -> Permissions.require(ORG_ADMIN, Action.READ_AUDIT, OTHER));
    assertEquals(Permissions.ERROR_NO_ORGANIZATION.english(), p.detail());
    p = assertThrows(Problem.class, () -> Permissions.require(ORG_ADMIN, Action.CHANGE_ROLE, OWN));
    assertEquals(Permissions.ERROR_SYSTEM_ADMIN.english(), p.detail());
    assertTrue(Permissions.allows(ORG_ADMIN, Action.TRANSFER_ACTIVITY, OWN));
    assertFalse(Permissions.allows(CREATOR, Action.LIST_ACTIVITIES, OWN));
  }

  private static int outcome(Actor actor, Action action, Long org) {
    try {
      Permissions.require(actor, action, org);
      return ALLOWED;
    } catch (Problem refused) {
      return refused.status();
    }
  }
}
