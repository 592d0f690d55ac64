package org.ltibridge.lti13.platform.boundary;

import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Validator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ltibridge.fastpath.ReplayedBody;
import org.ltibridge.learning.control.Scores;
import org.ltibridge.learning.entity.Score;
import org.ltibridge.lti13.platform.control.Scopes;
import org.ltibridge.lti13.platform.control.ServiceCaller;
import org.ltibridge.system.boundary.JsonValues;
import org.ltibridge.system.boundary.SecurityHeadersFilter;

/**
 * Stores a valid score before JAX-RS is involved: the same token check and the same validation as
 * {@link AgsResource#score} (the same {@link AgsScore} record and annotations), then {@link
 * Scores#storeTogether}, which commits the scores of the moment together. Tools post scores in
 * bursts (a whole class graded at once), and this is the path they take.
 *
 * <p>Every other request, and every score that is refused, repeated, older than the stored one or
 * not storable this way, continues unchanged to {@link AgsResource} with its body intact, which
 * handles it fully and explains any refusal. So refusals and their messages live in one place.
 */
@WebFilter(
    urlPatterns = "/api/v1/lti/ags/lineitems/*",
    dispatcherTypes = DispatcherType.REQUEST,
    asyncSupported = true)
public class ScoreFilter extends HttpFilter {

  /** Scores are a few hundred bytes; a larger body is left to JAX-RS untouched. */
  static final int MAX_BODY = 16 * 1024;

  private static final Pattern SCORES =
      Pattern.compile("/api/v1/lti/ags/lineitems/(\\d{1,18})/scores");

  @Inject ServiceAuth auth;
  @Inject Scores scores;
  @Inject Platform platform;
  @Inject Validator validator;

  @Override
  protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    String path = req.getRequestURI().substring(req.getContextPath().length());
    Matcher m = SCORES.matcher(path);
    if (!"POST".equals(req.getMethod())
        || !m.matches()
        || !isScoreType(req.getContentType())
        || req.getContentLength() < 0
        || req.getContentLength() > MAX_BODY) {
      chain.doFilter(req, res);
      return;
    }
    byte[] body = req.getInputStream().readNBytes(MAX_BODY);
    long lineItemId = Long.parseLong(m.group(1));
    boolean stored = false;
    try {
      ServiceCaller caller = auth.require(req, Scopes.SCORE);
      Score score =
          AgsJson.read(new String(body, StandardCharsets.UTF_8), AgsScore.class, validator)
              .toScore();
      stored = scores.storeTogether(caller.toolId(), lineItemId, score);
    } catch (RuntimeException refused) {
      // A bad token, body or score: the resource refuses it and says why.
    }
    if (!stored) {
      chain.doFilter(new ReplayedBody(req, body), res);
      return;
    }
    SecurityHeadersFilter.apply(path, res);
    res.setContentType("application/json");
    res.getWriter()
        .write(
            JsonValues.object()
                .add("resultUrl", platform.urls(req).lineItem(lineItemId) + "/results")
                .build()
                .toString());
  }

  /** What {@link AgsResource#score} consumes: the score media type or plain JSON. */
  static boolean isScoreType(String contentType) {
    if (contentType == null) {
      return false;
    }
    String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    return type.equals(AgsResource.SCORE) || type.equals("application/json");
  }
}
