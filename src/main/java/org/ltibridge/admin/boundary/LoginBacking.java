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
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;
import org.ltibridge.identity.control.AdminAccounts;
import org.ltibridge.identity.control.ConsoleCaller;
import org.ltibridge.identity.control.SignInThrottle;
import org.ltibridge.identity.entity.AdminUser;
import org.ltibridge.system.boundary.RequestLanguage;
import org.ltibridge.system.control.Problem;

/**
 * Backs {@code login.xhtml} (and the console's sign-out button). Signs in through Jakarta
 * Security's {@link SecurityContext#authenticate}, so the application's one mechanism ({@code
 * identity/control/SignInMechanism}), not this bean, decides who is signed in. A failure says
 * nothing about which of username and password was wrong.
 */
@Named
@RequestScoped
public class LoginBacking {

  private static final Logger LOG = Logger.getLogger(LoginBacking.class.getName());
  // The same words as the API's token endpoint (ApiTokens) answers for the same refusals.
  static final Problem.Text ERROR_WRONG = Problem.text("admin.ApiTokens.wrong");
  static final Problem.Text ERROR_LOCKED = Problem.text("admin.ApiTokens.locked");
  static final String LOGIN_PAGE = org.ltibridge.identity.control.SignInMechanism.LOGIN_PAGE;

  @Inject SecurityContext security;
  @Inject ConsoleCaller caller;
  @Inject FacesContext faces;
  @Inject SignInThrottle throttle;
  @Inject AdminAccounts accounts;

  private String username;
  private String password;
  private String next;

  public void signIn() throws IOException {
    ExternalContext external = faces.getExternalContext();
    HttpServletRequest request = (HttpServletRequest) external.getRequest();
    HttpServletResponse response = (HttpServletResponse) external.getResponse();
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
              FacesMessage.SEVERITY_ERROR,
              ERROR_LOCKED.with(minutes).in(RequestLanguage.ofView()),
              null));
      return;
    }
    // The mechanism (SignInMechanism) validates, starts the sign-in and sets its cookie.
    AuthenticationStatus status =
        security.authenticate(
            request,
            response,
            withParams()
                .credential(new UsernamePasswordCredential(name, new Password(attempted)))
                .newAuthentication(true));
    if (status != AuthenticationStatus.SUCCESS) {
      throttle.failed(name);
      LOG.info("Console sign-in refused (request from " + request.getRemoteAddr() + ")");
      faces.addMessage(
          null,
          new FacesMessage(
              FacesMessage.SEVERITY_ERROR, ERROR_WRONG.in(RequestLanguage.ofView()), null));
      return;
    }
    throttle.succeeded(name);
    accounts.signedIn(name);
    LOG.info("Console sign-in: '" + name + "'");
    external.redirect(
        external.getRequestContextPath()
            + (security.isCallerInRole(org.ltibridge.learning.entity.Learner.ROLE)
                ? continueOr(
                    org.ltibridge.learning.boundary.LearnerEntryResource.HOME, "/ui/learn/")
                : caller.mustChangePassword()
                    ? PasswordChangeFilter.PASSWORD_PAGE
                    : security.isCallerInRole(AdminUser.CREATOR)
                        ? continueOr(ConsoleEntryResource.CREATOR_HOME, "/ui/creator/")
                        : continueOr(ConsoleEntryResource.HOME, "/ui/admin/")));
  }

  /**
   * The page the caller asked for before being shown the sign-in page, if it lies under {@code
   * area} (a local path only: never another site, OWASP Unvalidated Redirects Cheat Sheet); else
   * {@code home}.
   */
  String continueOr(String home, String area) {
    String target = next == null ? "" : next.strip();
    boolean local =
        target.startsWith(area)
            && !target.contains("//")
            && !target.contains("\\")
            && target.chars().noneMatch(c -> c < 0x21 || c == 0x7f);
    return local ? target : home;
  }

  public void signOut() throws IOException, ServletException {
    ExternalContext external = faces.getExternalContext();
    HttpServletRequest request = (HttpServletRequest) external.getRequest();
    // Jakarta Security hands this to SignInMechanism.cleanSubject: the sign-in ends everywhere.
    request.logout();
    external.redirect(external.getRequestContextPath() + LOGIN_PAGE);
  }

  /**
   * The page to continue to after signing in: the one whose request was answered with the sign-in
   * page (a forward keeps its address in the request, Jakarta Servlet 6.0 §9.4.2), kept in the form
   * for the postback.
   */
  public String getNext() {
    if (next == null) {
      HttpServletRequest request = (HttpServletRequest) faces.getExternalContext().getRequest();
      Object uri = request.getAttribute(RequestDispatcher.FORWARD_REQUEST_URI);
      Object query = request.getAttribute(RequestDispatcher.FORWARD_QUERY_STRING);
      if (uri instanceof String path && path.startsWith(request.getContextPath())) {
        next =
            path.substring(request.getContextPath().length())
                + (query instanceof String q && !q.isEmpty() ? "?" + q : "");
      }
    }
    return next;
  }

  public void setNext(String next) {
    this.next = next;
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
