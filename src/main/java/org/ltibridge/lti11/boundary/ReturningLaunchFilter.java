package org.ltibridge.lti11.boundary;

import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.ltibridge.activity.control.UnifiedActivityFlow;
import org.ltibridge.fastpath.ReplayedBody;
import org.ltibridge.legacy.control.LegacyLinkFlow;
import org.ltibridge.lti11.control.LaunchSecrets;
import org.ltibridge.lti11.control.Lti11Launcher;
import org.ltibridge.lti11.control.OAuth1Verifier;
import org.ltibridge.system.boundary.FormParameters;
import org.ltibridge.system.boundary.SecurityHeadersFilter;
import org.ltibridge.system.control.PublicUrl;

/**
 * Answers the LTI 1.1 launch of a returning student (at the Unified link or a legacy one) before
 * JAX-RS is involved: the launch is verified as usual and written in one database round trip
 * ({@link Lti11Launcher#returningStudent}). Launches are the hottest path of LTI Bridge (every
 * click on the course link); this filter halves their cost.
 *
 * <p>Every other launch, including every launch that fails a check, continues unchanged to {@link
 * UnifiedLaunchResource} or {@link StudentLtiResource} with its body intact, which handles it fully
 * and explains any refusal.
 */
@WebFilter(
    urlPatterns = {UnifiedActivityFlow.PATH, LegacyLinkFlow.PATH},
    dispatcherTypes = DispatcherType.REQUEST,
    asyncSupported = true)
public class ReturningLaunchFilter extends HttpFilter {

  /** Request attribute: the launch's {@link OAuth1Verifier.Authentic}, for the resource. */
  static final String AUTHENTIC = ReturningLaunchFilter.class.getName() + ".authentic";

  @Inject Lti11Launcher launcher;
  @Inject LaunchSecrets secrets;
  @Inject PublicUrl publicUrl;

  @Override
  protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    if (!ReplayedBody.isSmallForm(req)) {
      chain.doFilter(req, res);
      return;
    }
    byte[] body = req.getInputStream().readNBytes(ReplayedBody.MAX_BODY);
    URI url = publicUrl.requestUrl(req);
    Optional<OAuth1Verifier.Authentic> authentic = Optional.empty();
    try {
      authentic =
          launcher.authenticate(
              url,
              FormParameters.of(req.getQueryString(), new String(body, StandardCharsets.UTF_8)),
              secrets.at(req.getRequestURI()));
    } catch (IllegalArgumentException malformed) {
      // A broken percent-escape: JAX-RS answers it.
    }
    Optional<String> page = authentic.flatMap(a -> launcher.returningStudent(url, a));
    if (page.isEmpty()) {
      // Checked already: the resource only records the nonce and routes.
      authentic.ifPresent(a -> req.setAttribute(AUTHENTIC, a));
      chain.doFilter(new ReplayedBody(req, body), res);
      return;
    }
    SecurityHeadersFilter.apply(req.getRequestURI(), res);
    res.setHeader("Cache-Control", "no-store");
    res.setStatus(HttpServletResponse.SC_SEE_OTHER);
    res.setHeader("Location", publicUrl.base(req) + page.get());
  }
}
