package org.ltibridge.admin.boundary;

import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.ltibridge.identity.control.ConsoleCaller;

/**
 * An account with a one-time password (the generated first system admin, and every account an admin
 * creates) reaches no console or creator page but the password page until it has chosen its own
 * password. An account disabled since it signed in is signed out by {@code SignInMechanism} on its
 * next request. Runs after the container has authenticated the request (the security constraints on
 * {@code /ui/admin/*} and {@code /ui/creator/*} come first).
 */
@WebFilter(
    urlPatterns = {"/ui/admin/*", "/ui/creator/*"},
    dispatcherTypes = DispatcherType.REQUEST)
public class PasswordChangeFilter extends HttpFilter {

  /** The password page, relative to the application's base URL. */
  public static final String PASSWORD_PAGE = "/ui/admin/password.xhtml";

  private static final String AJAX_REDIRECT =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
          + "<partial-response><redirect url=\"%s\"></redirect></partial-response>";

  @Inject ConsoleCaller caller;

  @Override
  protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    String path = req.getRequestURI().substring(req.getContextPath().length());
    if (req.getUserPrincipal() != null && caller.noLongerAllowed()) {
      // Disabled during this very request (SignInMechanism refuses it on the next): the sign-in
      // ends here, and the sign-in page refuses the account.
      req.logout();
      redirect(req, res, req.getContextPath() + LoginBacking.LOGIN_PAGE);
      return;
    }
    if (req.getUserPrincipal() == null
        || path.equals(PASSWORD_PAGE)
        || !caller.mustChangePassword()) {
      chain.doFilter(req, res);
      return;
    }
    redirect(req, res, req.getContextPath() + PASSWORD_PAGE);
  }

  private static void redirect(HttpServletRequest req, HttpServletResponse res, String target)
      throws IOException {
    res.setHeader("Cache-Control", "no-store");
    if ("partial/ajax".equals(req.getHeader("Faces-Request"))) {
      // A 302 answering an ajax postback would be followed by the browser and its HTML fed to
      // the JSF ajax script; a partial-response redirect makes the script navigate.
      res.setContentType("text/xml");
      res.setCharacterEncoding("UTF-8");
      res.getWriter().write(String.format(AJAX_REDIRECT, target));
    } else {
      res.sendRedirect(target);
    }
  }
}
