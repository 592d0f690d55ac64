package org.ltibridge.system.boundary;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import org.ltibridge.system.control.Metrics;
import org.ltibridge.system.control.Problem;

/**
 * Answers a {@link Problem} with its status and a message a person understands: a page for a
 * browser (a user inside an LMS iframe), a JSON body {@code {"error": ..., "message": ...}} for an
 * API client. Both are in the request's language ({@link RequestLanguage}): a launch's, a page's
 * {@code lang}, else the browser's {@code Accept-Language}; the log stays English.
 */
@Provider
public class ProblemMapper implements ExceptionMapper<Problem> {

  @Context HttpHeaders headers;
  @Context HttpServletRequest request;
  @Context HttpServletResponse response;
  @Inject PageRenderer pages;

  @Override
  public Response toResponse(Problem problem) {
    // Every refusal a person can read passes here, once: the one place to count it.
    Metrics.refused(problem.reason());
    String language = RequestLanguage.of(request);
    if (prefersHtml(headers.getAcceptableMediaTypes())) {
      return pages.render(
          request, response, problem.status(), "error", ErrorPage.of(problem, language));
    }
    return json(problem.status(), problem.title(language), problem.detail(language));
  }

  static Response json(int status, String title, String detail) {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .header("Cache-Control", "no-store")
        .entity(
            JsonValues.object()
                .add("error", title)
                .add("message", detail)
                .add("status", status)
                .build()
                .toString())
        .build();
  }

  static boolean prefersHtml(List<MediaType> acceptable) {
    for (MediaType type : acceptable) {
      if (type.isWildcardType()) {
        return false;
      }
      if (type.isCompatible(MediaType.TEXT_HTML_TYPE)
          || type.isCompatible(MediaType.APPLICATION_XHTML_XML_TYPE)) {
        return true;
      }
      if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
        return false;
      }
    }
    return false;
  }

  /** Model of {@code /ui/lti/error.xhtml}. */
  public record ErrorPage(int status, String title, String detail) {

    /** A refusal's page in a language. */
    public static ErrorPage of(Problem problem, String language) {
      return new ErrorPage(problem.status(), problem.title(language), problem.detail(language));
    }
  }
}
