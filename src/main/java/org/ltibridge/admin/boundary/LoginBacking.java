package org.ltibridge.admin.boundary;

import static jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters.withParams;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;
import org.ltibridge.identity.control.AdminAccounts;
import org.ltibridge.identity.control.ConsoleCaller;
import org.ltibridge.identity.control.SignInThrottle;
import org.ltibridge.identity.entity.AdminUser;

/**
 * Backs {@code login.xhtml} (and the console's sign-out button). Signs in through Jakarta
 * Security's {@link SecurityContext#authenticate}, so the container, not this bean, holds who is
 * signed in. A failure says nothing about which of username and password was wrong.
 */
@Named
@RequestScoped
public class LoginBacking {

  private static final Logger LOG = Logger.getLogger(LoginBacking.class.getName());
  static final String ERROR_WRONG = "Wrong username or password.";
  static final String ERROR_LOCKED =
      "Too many failed sign-ins for this username. Try again in %d minutes.";
  static final String LOGIN_PAGE = "/ui/login.xhtml";

  @Inject SecurityContext security;
  @Inject ConsoleCaller caller;
  @Inject FacesContext faces;
  @Inject SignInThrottle throttle;
  @Inject AdminAccounts accounts;

  private String username;
  private String password;

  public void signIn() throws IOException {
    ExternalContext external = faces.getExternalContext();
    HttpServletRequest request = (HttpServletRequest) external.getRequest();
    HttpServletResponse response = (HttpServletResponse) external.getResponse();
    // A session id fixed by somebody else before sign-in must not become an admin's session. It
    // has to change before authenticate(), which may already commit a redirect.
    if (request.getSession(false) != null) {
      request.changeSessionId();
    }
    String name = username == null ? "" : username.strip();
    String attempted = password == null ? "" : password;
    password = null;
    Optional<Duration> locked = throttle.lockedFor(name);
    if (locked.isPresent()) {
      LOG.info(
          "Console sign-in refused, locked out (request from " + request.getRemoteAddr() + ")");
      long minutes = Math.max(1, (locked.get().toSeconds() + 59) / 60);
      faces.addMessage(
          null,
          new FacesMessage(
              FacesMessage.SEVERITY_ERROR, String.format(ERROR_LOCKED, minutes), null));
      return;
    }
    AuthenticationStatus status =
        security.authenticate(
            request,
            response,
            withParams()
                .credential(new UsernamePasswordCredential(name, new Password(attempted)))
                .newAuthentication(true));
    switch (status) {
      case SEND_CONTINUE:
        throttle.succeeded(name);
        accounts.signedIn(name);
        // Signed in after being sent here from a console page: Jakarta Security has already
        // redirected back to that page (the container learns who it is on that request).
        LOG.info("Console sign-in: '" + name + "'");
        faces.responseComplete();
        break;
      case SUCCESS:
        throttle.succeeded(name);
        accounts.signedIn(name);
        LOG.info("Console sign-in: '" + name + "'");
        external.redirect(
            external.getRequestContextPath()
                + (security.isCallerInRole(org.ltibridge.learning.entity.Learner.ROLE)
                    ? org.ltibridge.learning.boundary.LearnerEntryResource.HOME
                    : caller.mustChangePassword()
                        ? PasswordChangeFilter.PASSWORD_PAGE
                        : security.isCallerInRole(AdminUser.CREATOR)
                            ? ConsoleEntryResource.CREATOR_HOME
                            : ConsoleEntryResource.HOME));
        break;
      default:
        throttle.failed(name);
        LOG.info("Console sign-in refused (request from " + request.getRemoteAddr() + ")");
        // newAuthentication(true) marks the session as a "caller-initiated authentication" (the
        // LoginToContinue flow of Jakarta Security) and only a success clears the mark; while it
        // is there, Payara answers a console page with an empty 200 instead of the sign-in page.
        // So a failed attempt keeps nothing of the session.
        HttpSession session = request.getSession(false);
        if (session != null) {
          session.invalidate();
        }
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, ERROR_WRONG, null));
    }
  }

  public void signOut() throws IOException, ServletException {
    ExternalContext external = faces.getExternalContext();
    HttpServletRequest request = (HttpServletRequest) external.getRequest();
    request.logout();
    HttpSession session = request.getSession(false);
    if (session != null) {
      session.invalidate();
    }
    external.redirect(external.getRequestContextPath() + LOGIN_PAGE);
  }

  public String getUsername() {
    return username;
  }

  public void setUsername(String username) {
    this.username = username;
  }

  public String getPassword() {
    return null; // never rendered back into the page
  }

  public void setPassword(String password) {
    this.password = password;
  }
}
