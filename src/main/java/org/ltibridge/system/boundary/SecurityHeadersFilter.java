package org.ltibridge.system.boundary;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Headers on every response. Tokens travel in page bodies and the first URL of a page, so no page
 * may leak its URL through {@code Referer}. LTI pages, the framed creator interface ({@code
 * /ui/lti-creator/}) among them, must be frameable by any LMS; the admin console, the console's
 * creator pages ({@code /ui/creator/}) and the sign-in page never.
 */
@WebFilter(
    urlPatterns = "/*",
    dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.FORWARD},
    asyncSupported = true)
public class SecurityHeadersFilter extends HttpFilter {

  @Override
  protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    String path = req.getRequestURI().substring(req.getContextPath().length());
    // Jakarta Security answers a console page asked for without sign-in by forwarding to the
    // sign-in page before any REQUEST filter runs: that forward needs the console's headers.
    if (req.getDispatcherType() == DispatcherType.FORWARD && !isConsole(path)) {
      chain.doFilter(req, res);
      return;
    }
    apply(path, res);
    chain.doFilter(req, res);
  }

  /** Sets the headers of the path's kind of page (also for a response no filter chain reaches). */
  public static void apply(String path, HttpServletResponse res) {
    res.setHeader("Referrer-Policy", "no-referrer");
    res.setHeader("X-Content-Type-Options", "nosniff");
    if (isConsole(path)) {
      res.setHeader("X-Frame-Options", "DENY");
      res.setHeader("Content-Security-Policy", "frame-ancestors 'none'");
      res.setHeader("Cache-Control", "no-store");
    } else {
      // LTI pages live inside LMS iframes from any origin.
      res.setHeader("Content-Security-Policy", "frame-ancestors *");
    }
  }

  static boolean isConsole(String path) {
    return path.equals("/admin")
        || path.startsWith("/admin/")
        || path.startsWith("/ui/admin/")
        || path.startsWith("/ui/creator/")
        || path.startsWith("/ui/login")
        || path.equals("/learn")
        || path.startsWith("/ui/learn/");
  }
}
