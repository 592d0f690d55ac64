package org.ltibridge.access.control;

/**
 * Who is asking for an administrative action, however they came (a console session or an admin API
 * token): their account, role and organisation. Built by {@link Callers}; judged by {@link
 * Permissions}.
 */
public record Actor(
    Long accountId, String username, Role role, Long organizationId, Long creatorId) {

  /** An actor who is no creator of an organisation (a system admin, or nobody). */
  public Actor(Long accountId, String username, Role role, Long organizationId) {
    this(accountId, username, role, organizationId, null);
  }

  /** The roles that matter to administration; anybody else is {@link #OTHER}. */
  public enum Role {
    SYSTEM_ADMIN,
    ORG_ADMIN,
    CREATOR,
    /** Signed in, but with no administrative role (a learner of the platform role). */
    OTHER,
    ANONYMOUS
  }

  public static final Actor ANONYMOUS = new Actor(null, null, Role.ANONYMOUS, null);

  public boolean isSystemAdmin() {
    return role == Role.SYSTEM_ADMIN;
  }

  /** The name audit entries record. */
  public String name() {
    return username == null ? "anonymous" : username;
  }
}
