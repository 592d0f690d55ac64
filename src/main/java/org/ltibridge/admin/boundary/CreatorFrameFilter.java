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
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.ltibridge.access.control.Actor;
import org.ltibridge.identity.control.CreatorSessions;
import org.ltibridge.system.boundary.ConsoleText;
import org.ltibridge.system.boundary.RequestLanguage;
import org.ltibridge.system.boundary.SecurityHeadersFilter;
import org.ltibridge.system.control.BundleText;
import org.ltibridge.system.control.Languages;

/**
 * Opens the creator session of every request a framed creator page makes ({@code
 * /ui/lti-creator/*}: JSF postbacks and PrimeFaces ajax requests): the token comes from the form
 * field {@value #FIELD} or an {@code Authorization: Bearer} header, never from a cookie or a URL
 * (third-party cookies are blocked in LMS iframes; a URL leaks through logs and history). A valid
 * session sets the request attributes of {@link CreatorFrame}; otherwise the answer is 401 with a
 * short page. The first render comes from the launch, by a forward, which this filter does not see.
 *
 * <p>The page's language travels the same way: the launch's ({@code launch_presentation_locale})
 * renders the first page, whose forms carry it beside the token in the hidden field {@value
 * Languages#PARAM} (session-field.xhtml); this filter sets {@link RequestLanguage#ATTRIBUTE} from
 * it, so that every postback answers in the launch's language. A script's request names it in its
 * query ({@code ?lang=}) instead, which {@link RequestLanguage} reads.
 */
@WebFilter(
    urlPatterns = "/ui/lti-creator/*",
    dispatcherTypes = DispatcherType.REQUEST,
    asyncSupported = true)
public class CreatorFrameFilter extends HttpFilter {

  /** The hidden form field that carries the session in every form of a framed page. */
  public static final String FIELD = "creator_session";

  /** The short page of a request without a valid session, in the request's language. */
  static String ended(String language) {
    String title = BundleText.format(ConsoleText.BUNDLE, "frame.ended.title", language);
    return "<!DOCTYPE html><html lang=\""
        + language
        + "\"><head><meta charset=\"utf-8\"/><meta name=\"viewport\""
        + " content=\"width=device-width, initial-scale=1\"/><meta name=\"referrer\""
        + " content=\"no-referrer\"/><title>"
        + title
        + " · LTI Bridge</title></head><body><main><h1>"
        + title
        + "</h1><p id=\"session-ended\">"
        + BundleText.format(ConsoleText.BUNDLE, "frame.ended", language)
        + "</p></main></body></html>";
  }

  @Inject CreatorSessions sessions;

  @Override
  protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    if ("POST".equals(req.getMethod())) {
      RequestLanguage.fromForm(req, req.getParameter(Languages.PARAM));
    }
    String token = token(req);
    Optional<Actor> actor = token == null ? Optional.empty() : sessions.open(token);
    if (actor.isEmpty()) {
      SecurityHeadersFilter.apply(
          req.getRequestURI().substring(req.getContextPath().length()), res);
      res.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
      res.setHeader("Cache-Control", "no-store");
      res.setHeader("WWW-Authenticate", "Bearer");
      res.setContentType("text/html;charset=UTF-8");
      res.getOutputStream().write(ended(RequestLanguage.of(req)).getBytes(StandardCharsets.UTF_8));
      return;
    }
    req.setAttribute(CreatorFrame.ACTOR, actor.get());
    req.setAttribute(CreatorFrame.TOKEN, token);
    res.setHeader("Cache-Control", "no-store");
    chain.doFilter(req, res);
  }

  /** From the header, else from a posted form; a token in the query string counts as none. */
  static String token(HttpServletRequest req) {
    String authorization = req.getHeader("Authorization");
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return authorization.substring(7).strip();
    }
    String query = req.getQueryString();
    if (!"POST".equals(req.getMethod()) || (query != null && query.contains(FIELD))) {
      return null;
    }
    return req.getParameter(FIELD);
  }
}
