package org.ltibridge.launch.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.ltibridge.launch.entity.LaunchOutcome;
import org.ltibridge.system.boundary.PageRenderer;
import org.ltibridge.system.boundary.ProblemMapper;
import org.ltibridge.system.boundary.RequestLanguage;
import org.ltibridge.system.control.Problem;
import org.ltibridge.system.control.PublicUrl;

/**
 * Turns a flow's outcome into HTTP: a 303 to a public URL, a rendered page, or a framed signed-in
 * page (rendered at once, so that its session token is in no URL).
 */
@ApplicationScoped
public class Outcomes {

  @Inject PublicUrl publicUrl;
  @Inject PageRenderer pages;

  public Response toResponse(
      LaunchOutcome outcome, HttpServletRequest request, HttpServletResponse response) {
    if (outcome instanceof LaunchOutcome.Redirect redirect) {
      return seeOther(redirect.path(), request);
    }
    if (outcome instanceof LaunchOutcome.Frame frame) {
      request.setAttribute(LaunchOutcome.Frame.ACTOR, frame.actor());
      request.setAttribute(LaunchOutcome.Frame.TOKEN, frame.token());
      frame.language().ifPresent(l -> request.setAttribute(RequestLanguage.ATTRIBUTE, l));
      return pages.renderView(request, response, 200, LaunchOutcome.Frame.VIEW);
    }
    LaunchOutcome.Page page = (LaunchOutcome.Page) outcome;
    page.language().ifPresent(l -> request.setAttribute(RequestLanguage.ATTRIBUTE, l));
    Object model =
        page.model() instanceof Problem refused
            ? ProblemMapper.ErrorPage.of(refused, RequestLanguage.of(request))
            : page.model();
    return pages.render(request, response, page.status(), page.view(), model);
  }

  /** 303 See Other to a path of this application, absolute against its public URL. */
  public Response seeOther(String path, HttpServletRequest request) {
    return Response.seeOther(URI.create(publicUrl.base(request) + path))
        .header("Cache-Control", "no-store")
        .build();
  }
}
