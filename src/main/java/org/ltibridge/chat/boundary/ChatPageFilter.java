package org.ltibridge.chat.boundary;

import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.ltibridge.chat.control.ChatService;
import org.ltibridge.system.boundary.RequestLanguage;
import org.ltibridge.system.boundary.SecurityHeadersFilter;
import org.ltibridge.system.boundary.UnexpectedFailureMapper;

/**
 * Answers the chat page's first GET before JAX-RS: the page every student launch lands on. The
 * token is opened in one statement and the page's data read on the same connection ({@link
 * ChatService#openQuicklyAndView}), and the page is written directly ({@link ChatPageHtml}).
 *
 * <p>A token the quick way does not open (unknown, expired, already opened, of another kind) is
 * left untouched and continues to {@link ChatResource#page}, which refuses it with its reason.
 */
@WebFilter(
    urlPatterns = ChatPageFilter.PATH,
    dispatcherTypes = DispatcherType.REQUEST,
    asyncSupported = true)
public class ChatPageFilter extends HttpFilter {

  static final String PATH = "/lamb/v1/lti/chat";

  @Inject ChatService chat;

  @Override
  protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    String token = "GET".equals(req.getMethod()) ? req.getParameter("token") : null;
    if (token == null || token.isBlank()) {
      chain.doFilter(req, res);
      return;
    }
    Optional<ChatService.ChatView> view;
    try {
      view = chat.openQuicklyAndView(token);
    } catch (RuntimeException failure) {
      // The token may be open now: answering here, not in the resource, says what happened.
      SecurityHeadersFilter.apply(PATH, res);
      res.setStatus(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
      res.setContentType("text/plain;charset=UTF-8");
      res.getWriter()
          .write(UnexpectedFailureMapper.TITLE + ": " + UnexpectedFailureMapper.logged(failure));
      return;
    }
    if (view.isEmpty()) {
      chain.doFilter(req, res);
      return;
    }
    byte[] page =
        ChatPageHtml.render(req.getContextPath(), token, view.get(), RequestLanguage.of(req));
    SecurityHeadersFilter.apply(PATH, res);
    res.setHeader("Cache-Control", "no-store");
    res.setContentType("text/html;charset=UTF-8");
    res.setContentLength(page.length);
    res.getOutputStream().write(page);
  }
}
