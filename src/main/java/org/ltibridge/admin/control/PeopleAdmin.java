package org.ltibridge.admin.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.ltibridge.access.control.Actor;
import org.ltibridge.access.control.Permissions;
import org.ltibridge.access.control.Permissions.Action;
import org.ltibridge.access.control.Views;
import org.ltibridge.identity.control.AdminAccounts;
import org.ltibridge.identity.control.AdminAccounts.OneTimePassword;
import org.ltibridge.identity.entity.AdminUser;
import org.ltibridge.identity.entity.CreatedVia;
import org.ltibridge.identity.entity.CreatorUser;
import org.ltibridge.org.entity.Organization;
import org.ltibridge.system.control.AuditLog;
import org.ltibridge.system.control.Problem;
import org.ltibridge.system.control.UniqueViolation;

/**
 * The people of administration (LAMB lti_landscape.md §5, §7.3, §13.9): system admins, and the
 * creators of an organisation, some of whom are its org admins. A person created here gets a
 * console account with a one-time password, answered once to the admin who created them, to be
 * changed at first sign-in. Creators who came through Creator LTI or self-service have no password;
 * promoting one to org admin gives them a console account the same way.
 */
@ApplicationScoped
public class PeopleAdmin {

  static final Problem.Text ERROR_CREATOR_EXISTS = Problem.text("admin.PeopleAdmin.creatorExists");
  static final Problem.Text ERROR_USERNAME_TAKEN = Problem.text("admin.PeopleAdmin.usernameTaken");
  static final Problem.Text ERROR_NO_CREATOR = Problem.text("admin.PeopleAdmin.noCreator");
  static final Problem.Text ERROR_NO_ADMIN = Problem.text("admin.PeopleAdmin.noAdmin");
  static final Problem.Text ERROR_ROLE = Problem.text("admin.PeopleAdmin.role");
  static final Problem.Text ERROR_SELF = Problem.text("admin.PeopleAdmin.self");
  static final Problem.Text ERROR_LAST_ADMIN = Problem.text("admin.PeopleAdmin.lastAdmin");

  @PersistenceContext EntityManager em;
  @Inject OrganizationAdmin organizations;
  @Inject AdminAccounts accounts;
  @Inject ApiTokens tokens;
  @Inject AuditLog audit;
  @Inject Clock clock;

  /** A creator of an organisation as admins see them. */
  public record PersonView(
      Long id,
      String email,
      String name,
      String role,
      boolean enabled,
      String createdVia,
      String createdBy,
      String createdAt,
      boolean hasPassword,
      String lastSignInAt) {}

  /** A system admin as other system admins see them. */
  public record AdminView(
      Long id,
      String username,
      String name,
      boolean enabled,
      String createdAt,
      String lastSignInAt) {}

  /** A person just created or given an account: the one-time password is shown once, or null. */
  public record Created<T>(T person, String oneTimePassword) {}

  @Transactional
  public List<PersonView> creators(Actor actor, String slug) {
    Organization org = organizations.visible(actor, Action.LIST_CREATORS, slug);
    Map<Long, AdminUser> accountOf = new HashMap<>();
    em.createQuery(
            "SELECT a FROM AdminUser a JOIN FETCH a.creator"
                + " WHERE a.creator.organization.id = :org",
            AdminUser.class)
        .setParameter("org", org.id())
        .getResultList()
        .forEach(a -> accountOf.put(a.creator().id(), a));
    return em
        .createQuery(
            "SELECT c FROM CreatorUser c WHERE c.organization.id = :org ORDER BY c.email",
            CreatorUser.class)
        .setParameter("org", org.id())
        .getResultList()
        .stream()
        .map(c -> view(c, accountOf.get(c.id())))
        .toList();
  }

  /** An org admin (or system admin) creates a creator account. */
  @Transactional
  public Created<PersonView> createCreator(Actor actor, String slug, String email, String name) {
    Organization org = organizations.visible(actor, Action.CREATE_CREATOR, slug);
    return create(actor, org, email, name, AdminUser.CREATOR);
  }

  /** A system admin creates an org admin: a creator of the organisation with the admin role. */
  @Transactional
  public Created<PersonView> createOrgAdmin(Actor actor, String slug, String email, String name) {
    Organization org = organizations.visible(actor, Action.CREATE_ORG_ADMIN, slug);
    return create(actor, org, email, name, AdminUser.ORG_ADMIN);
  }

  /**
   * Enables or disables a creator (org admins and system admins), and promotes them to org admin or
   * back (system admins only, LAMB lti_landscape.md §7.3); a null leaves that part as it is.
   */
  @Transactional
  public Created<PersonView> updateCreator(
      Actor actor, String slug, Long id, Boolean enabled, String role) {
    Organization org =
        organizations.visible(
            actor, role == null ? Action.ENABLE_CREATOR : Action.CHANGE_ROLE, slug);
    if (role != null && enabled != null) {
      Permissions.require(actor, Action.ENABLE_CREATOR, org.id());
    }
    if (role != null && !AdminUser.CREATOR.equals(role) && !AdminUser.ORG_ADMIN.equals(role)) {
      throw Problem.badRequest(ERROR_ROLE);
    }
    CreatorUser creator = id == null ? null : em.find(CreatorUser.class, id);
    if (creator == null || !creator.organization().id().equals(org.id())) {
      throw Problem.notFound(ERROR_NO_CREATOR);
    }
    AdminUser account = accountOf(creator);
    String oneTime = null;
    if (enabled != null && enabled != creator.enabled()) {
      if (!enabled && account != null && Objects.equals(account.id(), actor.accountId())) {
        throw Problem.badRequest(ERROR_SELF);
      }
      creator.enable(enabled);
      if (!enabled && account != null) {
        tokens.revokeAll(account.id());
      }
      audit.record(
          actor.name(),
          org.id(),
          enabled ? "creator.enable" : "creator.disable",
          creator.email(),
          null);
    }
    if (role != null
        && (account == null ? !AdminUser.CREATOR.equals(role) : !role.equals(account.role()))) {
      if (account == null) {
        OneTimePassword password = accounts.oneTimePassword();
        account =
            newAccount(creator.email(), creator.givenName(), password, role, org, creator, actor);
        oneTime = password.value();
      } else {
        account.changeRole(role);
      }
      audit.record(actor.name(), org.id(), "creator.role", creator.email(), role);
    }
    return new Created<>(view(creator, account), oneTime);
  }

  @Transactional
  public List<AdminView> systemAdmins(Actor actor) {
    Permissions.require(actor, Action.MANAGE_SYSTEM_ADMINS, null);
    return em
        .createQuery(
            "SELECT a FROM AdminUser a WHERE a.role = :r ORDER BY a.username", AdminUser.class)
        .setParameter("r", AdminUser.SYSTEM_ADMIN)
        .getResultList()
        .stream()
        .map(PeopleAdmin::view)
        .toList();
  }

  @Transactional
  public Created<AdminView> createSystemAdmin(Actor actor, String username, String name) {
    Permissions.require(actor, Action.MANAGE_SYSTEM_ADMINS, null);
    String u = Validation.username(username);
    String n = Validation.optionalName(name);
    OneTimePassword password = accounts.oneTimePassword();
    AdminUser account = newAccount(u, n, password, AdminUser.SYSTEM_ADMIN, null, null, actor);
    audit.record(actor.name(), null, "system-admin.create", u, null);
    return new Created<>(view(account), password.value());
  }

  /** Enables or disables a system admin; the last enabled one stays. */
  @Transactional
  public AdminView updateSystemAdmin(Actor actor, Long id, boolean enabled) {
    Permissions.require(actor, Action.MANAGE_SYSTEM_ADMINS, null);
    // Every enabled system admin's row is locked first, so two admins disabling each other at once
    // cannot both pass the "last one" check.
    List<AdminUser> enabledAdmins =
        em.createQuery(
                "SELECT a FROM AdminUser a WHERE a.role = :r AND a.enabled = TRUE ORDER BY a.id",
                AdminUser.class)
            .setParameter("r", AdminUser.SYSTEM_ADMIN)
            .setLockMode(LockModeType.PESSIMISTIC_WRITE)
            .getResultList();
    if (enabledAdmins.stream().noneMatch(a -> Objects.equals(a.id(), actor.accountId()))) {
      // Disabled by another system admin while this request was on its way.
      throw new Problem(401, Problem.text("title.notSignedIn"), Permissions.ERROR_SIGN_IN);
    }
    AdminUser account = id == null ? null : em.find(AdminUser.class, id);
    if (account == null || !AdminUser.SYSTEM_ADMIN.equals(account.role())) {
      throw Problem.notFound(ERROR_NO_ADMIN);
    }
    if (enabled == account.enabled()) {
      return view(account);
    }
    if (!enabled) {
      if (Objects.equals(account.id(), actor.accountId())) {
        throw Problem.badRequest(ERROR_SELF);
      }
      if (enabledAdmins.size() <= 1) {
        throw Problem.conflict(ERROR_LAST_ADMIN);
      }
      tokens.revokeAll(account.id());
    }
    account.enable(enabled);
    audit.record(
        actor.name(),
        null,
        enabled ? "system-admin.enable" : "system-admin.disable",
        account.username(),
        null);
    return view(account);
  }

  private Created<PersonView> create(
      Actor actor, Organization org, String email, String name, String role) {
    String e = Validation.email(email);
    String n = Validation.optionalName(name);
    boolean exists =
        !em.createQuery(
                "SELECT c.id FROM CreatorUser c WHERE c.organization.id = :org AND c.email = :e",
                Long.class)
            .setParameter("org", org.id())
            .setParameter("e", e)
            .getResultList()
            .isEmpty();
    if (exists) {
      throw Problem.conflict(ERROR_CREATOR_EXISTS.with(e));
    }
    CreatorUser creator =
        new CreatorUser(org, e, n, CreatedVia.CONSOLE, actor.name(), LocalDateTime.now(clock));
    try {
      em.persist(creator);
      em.flush();
    } catch (PersistenceException failure) {
      if (UniqueViolation.isCauseOf(failure)) {
        throw Problem.conflict(ERROR_CREATOR_EXISTS.with(e));
      }
      throw failure;
    }
    OneTimePassword password = accounts.oneTimePassword();
    AdminUser account = newAccount(e, n, password, role, org, creator, actor);
    audit.record(
        actor.name(),
        org.id(),
        AdminUser.ORG_ADMIN.equals(role) ? "org-admin.create" : "creator.create",
        e,
        n);
    return new Created<>(view(creator, account), password.value());
  }

  private AdminUser newAccount(
      String username,
      String name,
      OneTimePassword password,
      String role,
      Organization org,
      CreatorUser creator,
      Actor actor) {
    if (accounts.find(username).isPresent()) {
      throw Problem.conflict(ERROR_USERNAME_TAKEN.with(username));
    }
    AdminUser account =
        AdminUser.withOneTimePassword(
            username,
            name,
            password.hash(),
            role,
            org,
            creator,
            actor.name(),
            LocalDateTime.now(clock));
    try {
      em.persist(account);
      em.flush();
    } catch (PersistenceException failure) {
      if (UniqueViolation.isCauseOf(failure)) {
        throw Problem.conflict(ERROR_USERNAME_TAKEN.with(username));
      }
      throw failure;
    }
    return account;
  }

  private AdminUser accountOf(CreatorUser creator) {
    return em.createNamedQuery(AdminUser.OF_CREATOR, AdminUser.class)
        .setParameter("creator", creator.id())
        .getResultStream()
        .findFirst()
        .orElse(null);
  }

  private static PersonView view(CreatorUser c, AdminUser account) {
    return new PersonView(
        c.id(),
        c.email(),
        c.givenName(),
        account == null ? AdminUser.CREATOR : account.role(),
        c.enabled(),
        c.createdVia().value(),
        c.createdBy(),
        Views.time(c.createdAt()),
        account != null,
        account == null ? null : Views.time(account.lastSignInAt()));
  }

  private static AdminView view(AdminUser a) {
    return new AdminView(
        a.id(),
        a.username(),
        a.displayName(),
        a.enabled(),
        Views.time(a.createdAt()),
        Views.time(a.lastSignInAt()));
  }
}
