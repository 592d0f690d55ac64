package org.ltibridge.system.boundary;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;

/**
 * A language chosen on a console page ({@code ?lang=es}, the links in the page's bar) is kept in
 * the cookie {@value RequestLanguage#COOKIE} for the following pages, where no launch says the
 * person's language. The cookie holds only the language's code; it is first-party and {@code
 * SameSite=Lax}, so it is never sent to the pages an LMS frames, which take the launch's language;
 * only a supported language's code is ever written into it.
 */
@WebFilter(
    urlPatterns = {"/ui/admin/*", "/ui/creator/*", "/ui/learn/*", "/ui/login.xhtml"},
    dispatcherTypes = DispatcherType.REQUEST)
public class ConsoleLanguageFilter extends HttpFilter {

  private static final long A_YEAR = Duration.ofDays(365).toSeconds();

  @Override
  protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    if ("GET".equals(req.getMethod())) {
      RequestLanguage.asked(req)
          .ifPresent(
              language ->
                  res.addHeader(
                      "Set-Cookie",
                      RequestLanguage.COOKIE
                          + "="
                          + language
                          + "; Path="
                          + req.getContextPath()
                          + "/; Max-Age="
                          + A_YEAR
                          + "; SameSite=Lax; HttpOnly"
                          + (req.isSecure() ? "; Secure" : "")));
    }
    chain.doFilter(req, res);
  }
}
