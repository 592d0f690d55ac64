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
 * LTI page views render only through their JAX-RS resource (which checked the token and built the
 * model). A browser asking for {@code /ui/lti/*.xhtml} directly gets a 404; JSF resources (CSS,
 * scripts) under {@code /ui/jakarta.faces.resource/} stay public.
 */
@WebFilter(
    urlPatterns = "/ui/lti/*",
    dispatcherTypes = DispatcherType.REQUEST,
    asyncSupported = true)
public class PageDispatchFilter extends HttpFilter {

  @Override
  protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    res.sendError(HttpServletResponse.SC_NOT_FOUND);
  }
}
