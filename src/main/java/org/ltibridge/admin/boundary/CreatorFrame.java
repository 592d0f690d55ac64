package org.ltibridge.admin.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import org.ltibridge.access.control.Actor;
import org.ltibridge.admin.control.Callers;
import org.ltibridge.launch.entity.LaunchOutcome;

/**
 * The creator interface inside the LMS's frame (Creator LTI): who is signed in there and the
 * session token the page carries. A Creator LTI launch renders {@code /ui/lti-creator/index.xhtml}
 * with the request attributes {@link #ACTOR} and {@link #TOKEN}; every later request of that page
 * brings the token back ({@link CreatorFrameFilter}), which sets them again. Outside the frame (the
 * console's creator pages) there are none, and the caller is the console's signed-in account.
 *
 * <p>Backing beans of creator pages ask {@link #actor()} instead of {@link Callers#console()}, so
 * one bean serves the console and the frame. Pages in the frame put {@link #getToken()} into every
 * form as the hidden field {@value CreatorFrameFilter#FIELD} and send it as {@code Authorization:
 * Bearer} from their scripts (the creator API accepts it). Request-scoped: nothing here needs or
 * creates an HTTP session.
 */
@Named("creatorFrame")
@RequestScoped
public class CreatorFrame {

  /** Request attribute: the {@link Actor} of the framed page. */
  public static final String ACTOR = LaunchOutcome.Frame.ACTOR;

  /** Request attribute: the session token the framed page carries. */
  public static final String TOKEN = LaunchOutcome.Frame.TOKEN;

  @Inject Callers callers;
  @Inject HttpServletRequest request;

  /** The frame's creator; else whoever is signed in to the console (or nobody). */
  public Actor actor() {
    return request.getAttribute(ACTOR) instanceof Actor framed ? framed : callers.console();
  }

  /** The session token to put in the page; null when the page is not in the frame. */
  public String getToken() {
    return request.getAttribute(TOKEN) instanceof String token ? token : null;
  }

  public boolean isFramed() {
    return getToken() != null;
  }
}
