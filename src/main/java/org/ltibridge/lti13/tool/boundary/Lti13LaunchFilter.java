package org.ltibridge.lti13.tool.boundary;

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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ltibridge.fastpath.ReplayedBody;
import org.ltibridge.launch.entity.LaunchOutcome;
import org.ltibridge.lti13.tool.control.LaunchSize;
import org.ltibridge.lti13.tool.control.Lti13Launcher;
import org.ltibridge.lti13.tool.control.Lti13Login;
import org.ltibridge.lti13.tool.control.OidcStates;
import org.ltibridge.lti13.tool.control.ToolUrls;
import org.ltibridge.system.boundary.FormParameters;
import org.ltibridge.system.boundary.SecurityHeadersFilter;
import org.ltibridge.system.control.PublicUrl;

/**
 * Answers the two LTI 1.3 requests of every launch before JAX-RS when they go the usual way: the
 * OIDC login without platform storage (a sealed state, a 302 to the platform), and a returning
 * student's id_token POST that brought its binding cookie back (verified, then one grouped
 * statement, a 303 to the page). Together with {@code ChatPageFilter} this keeps Jersey out of a
 * returning student's three requests.
 *
 * <p>Anything else continues unchanged, with its body intact, to {@link Lti13Resource}, which
 * handles it fully and explains any refusal: a login or id_token this filter refused (or failed on)
 * is checked again there (nothing was written), and an id_token verified here but not a returning
 * student's is handed on verified ({@link #CHECKED}).
 */
@WebFilter(
    urlPatterns = {Lti13LaunchFilter.LOGIN, Lti13LaunchFilter.LAUNCH},
    dispatcherTypes = DispatcherType.REQUEST,
    asyncSupported = true)
public class Lti13LaunchFilter extends HttpFilter {

  static final String LOGIN = "/lti13/login";
  static final String LAUNCH = "/lti13/launch";

  /** Request attribute: the id_token verified here, as {@link Lti13Launcher.Checked}. */
  static final String CHECKED = Lti13LaunchFilter.class.getName() + ".checked";

  @Inject Lti13Login login;
  @Inject Lti13Launcher launcher;
  @Inject PublicUrl publicUrl;

  @Override
  protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    String path = req.getRequestURI().substring(req.getContextPath().length());
    boolean get = "GET".equals(req.getMethod());
    if (!get && LAUNCH.equals(path) && LaunchSize.formTooLarge(req.getContentLengthLong())) {
      // Not read, not parsed: the resource answers 413 from the declared length (LaunchSize).
      chain.doFilter(new ReplayedBody(req, new byte[0]), res);
      return;
    }
    if (!(get && LOGIN.equals(path)) && !ReplayedBody.isSmallForm(req)) {
      chain.doFilter(req, res);
      return;
    }
    byte[] body = get ? null : req.getInputStream().readNBytes(ReplayedBody.MAX_BODY);
    HttpServletRequest next = body == null ? req : new ReplayedBody(req, body);
    List<Map.Entry<String, String>> params;
    try {
      params =
          FormParameters.of(
              req.getQueryString(), body == null ? null : new String(body, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException malformed) {
      chain.doFilter(next, res); // a broken percent-escape: JAX-RS answers it
      return;
    }
    boolean answered = LOGIN.equals(path) ? login(params, req, res) : launch(params, req, res);
    if (!answered) {
      chain.doFilter(next, res);
    }
  }

  private boolean login(
      List<Map.Entry<String, String>> p, HttpServletRequest req, HttpServletResponse res) {
    String storageTarget = FormParameters.first(p, "lti_storage_target");
    if (storageTarget != null && !storageTarget.isBlank()) {
      return false; // the page that writes to the platform's storage is a JSF view
    }
    Lti13Login.Started started;
    try {
      started =
          login.start(
              new Lti13Login.Request(
                  FormParameters.first(p, "iss"),
                  FormParameters.first(p, "login_hint"),
                  FormParameters.first(p, "target_link_uri"),
                  FormParameters.first(p, "lti_message_hint"),
                  FormParameters.first(p, "client_id"),
                  FormParameters.first(p, "lti_deployment_id"),
                  null),
              new ToolUrls(publicUrl.base(req)));
    } catch (RuntimeException refusedOrFailed) {
      return false; // the resource starts it again and answers: a readable refusal, or a reference
    }
    answer(res, LOGIN, HttpServletResponse.SC_FOUND, started.authenticationRequest().toString());
    res.addHeader(
        "Set-Cookie",
        Lti13Resource.bindingCookie(
            started.issued().cookieName(), started.issued().binding(), Lti13Resource.COOKIE_AGE));
    return true;
  }

  private boolean launch(
      List<Map.Entry<String, String>> p, HttpServletRequest req, HttpServletResponse res) {
    String idToken = FormParameters.first(p, "id_token");
    String state = FormParameters.first(p, "state");
    if (idToken == null || idToken.isBlank() || state == null || state.isBlank()) {
      return false;
    }
    String cookieName = OidcStates.cookieName(state);
    String cookie = Lti13Resource.cookie(req, cookieName);
    if (cookie == null) {
      return false; // platform storage or the new-window offer
    }
    Lti13Launcher.Checked checked;
    try {
      LaunchSize.require(req.getContentLengthLong(), idToken);
      checked = launcher.check(idToken);
    } catch (RuntimeException refusedOrFailed) {
      return false; // the resource checks it again and answers
    }
    Optional<LaunchOutcome> outcome;
    try {
      outcome = launcher.returningStudent(checked, state, cookie);
    } catch (RuntimeException failed) {
      outcome = Optional.empty(); // its group rolled back: the full way answers
    }
    if (outcome.isEmpty()) {
      req.setAttribute(CHECKED, checked);
      return false;
    }
    answer(
        res,
        LAUNCH,
        HttpServletResponse.SC_SEE_OTHER,
        publicUrl.base(req) + ((LaunchOutcome.Redirect) outcome.get()).path());
    res.addHeader("Set-Cookie", Lti13Resource.bindingCookie(cookieName, "", 0));
    return true;
  }

  private static void answer(HttpServletResponse res, String path, int status, String location) {
    SecurityHeadersFilter.apply(path, res);
    res.setHeader("Cache-Control", "no-store");
    res.setStatus(status);
    res.setHeader("Location", location);
  }
}
