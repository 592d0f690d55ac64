package org.ltibridge.identity.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.ltibridge.identity.entity.AdminUser;
import org.ltibridge.system.control.DataDirectory;
import org.ltibridge.system.control.Problem;
import org.ltibridge.system.control.Randomness;

/**
 * Console accounts. At first start a system admin is created from configuration ({@code
 * LTI_BRIDGE_ADMIN_USERNAME}, {@code LTI_BRIDGE_ADMIN_PASSWORD}); if no password is configured, a
 * random one-time password is written once to a file only the server's user can read, and must be
 * changed at first sign-in. No default password exists anywhere.
 */
@ApplicationScoped
public class AdminAccounts {

  private static final Logger LOG = Logger.getLogger(AdminAccounts.class.getName());
  static final String PASSWORD_FILE = "initial-admin-password.txt";
  static final Problem.Text ERROR_WEAK = Problem.text("identity.AdminAccounts.weak");
  static final Problem.Text ERROR_SAME = Problem.text("identity.AdminAccounts.same");

  @PersistenceContext EntityManager em;
  @Inject Pbkdf2PasswordHash hash;
  @Inject DataDirectory dataDirectory;
  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "lti-bridge.admin.username", defaultValue = "admin")
  String adminUsername;

  @Inject
  @ConfigProperty(name = "lti-bridge.admin.password")
  Optional<String> adminPassword;

  @Transactional
  public void ensureSystemAdmin() {
    long admins =
        em.createNamedQuery(AdminUser.COUNT_ROLE, Long.class)
            .setParameter("r", AdminUser.SYSTEM_ADMIN)
            .getSingleResult();
    if (admins > 0) {
      return;
    }
    Optional<String> configured = adminPassword.filter(p -> !p.isBlank());
    String password = configured.orElseGet(AdminAccounts::randomPassword);
    em.persist(
        new AdminUser(
            adminUsername,
            hashOf(password),
            AdminUser.SYSTEM_ADMIN,
            null,
            configured.isEmpty(),
            LocalDateTime.now(clock)));
    em.flush();
    if (configured.isEmpty()) {
      if (dataDirectory.createPrivate(
          PASSWORD_FILE,
          "username: " + adminUsername + "\none-time password: " + password + "\n")) {
        LOG.warning(
            "Created system admin '"
                + adminUsername
                + "' with a one-time password in "
                + dataDirectory.pathOf(PASSWORD_FILE)
                + " (readable by this server's user only; change it at first sign-in)");
      }
    } else {
      LOG.info("Created system admin '" + adminUsername + "' from configuration");
    }
  }

  /**
   * The account that signs in with this username and password, if it may sign in: enabled, and if
   * it belongs to a creator, that creator is enabled too. The one rule the console's sign-in and
   * the admin API's token endpoint both apply.
   */
  public Optional<AdminUser> verify(String username, String password) {
    if (username == null || password == null) {
      return Optional.empty();
    }
    return find(username.strip())
        .filter(AdminAccounts::maySignIn)
        .filter(a -> verifies(password, a.passwordHash()));
  }

  /** Whether an account may sign in (and its sessions and API tokens still count). */
  public static boolean maySignIn(AdminUser account) {
    return account.enabled() && (account.creator() == null || account.creator().enabled());
  }

  /** The same rule as {@link #maySignIn(AdminUser)}, on the columns a query read. */
  public static boolean maySignIn(boolean accountEnabled, Boolean creatorEnabled) {
    return accountEnabled && (creatorEnabled == null || creatorEnabled);
  }

  /** Records a successful sign-in (console or API token). */
  @Transactional
  public void signedIn(String username) {
    find(username).ifPresent(a -> a.signedIn(LocalDateTime.now(clock)));
  }

  /** A fresh one-time password: the value to show once, and the hash to store. */
  public record OneTimePassword(String value, String hash) {}

  public OneTimePassword oneTimePassword() {
    String value = randomPassword();
    return new OneTimePassword(value, hashOf(value));
  }

  private boolean verifies(String password, String stored) {
    hash.initialize(SecurityConfiguration.HASH_PARAMETERS);
    return hash.verify(password.toCharArray(), stored);
  }

  public Optional<AdminUser> find(String username) {
    return em.createNamedQuery(AdminUser.BY_USERNAME, AdminUser.class)
        .setParameter("u", username)
        .getResultStream()
        .findFirst();
  }

  @Transactional
  public void changePassword(String username, String current, String fresh) {
    AdminUser user =
        find(username)
            .orElseThrow(() -> Problem.notFound(Problem.text("identity.AdminAccounts.noAccount")));
    if (!hash.verify(current.toCharArray(), user.passwordHash())) {
      throw Problem.forbidden(Problem.text("identity.AdminAccounts.wrongPassword"));
    }
    if (fresh == null || fresh.length() < 12) {
      throw Problem.badRequest(ERROR_WEAK);
    }
    if (fresh.equals(current)) {
      throw Problem.badRequest(ERROR_SAME);
    }
    user.changePassword(hashOf(fresh));
  }

  String hashOf(String password) {
    hash.initialize(SecurityConfiguration.HASH_PARAMETERS);
    return hash.generate(password.toCharArray());
  }

  private static String randomPassword() {
    byte[] raw = new byte[18];
    Randomness.SECURE.nextBytes(raw);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
  }
}
