package org.ltibridge.launch.entity;

import java.util.Optional;
import org.ltibridge.access.control.Actor;
import org.ltibridge.system.control.Languages;

/**
 * What a flow decided: send the browser on (303) or show a page. The boundary turns it into HTTP;
 * flows stay free of JAX-RS and JSF.
 */
public sealed interface LaunchOutcome {

  /**
   * The same outcome in the language the launch asked for ({@link Languages}): a redirect carries
   * it to the next page, a page is rendered in it.
   */
  default LaunchOutcome in(Optional<String> locale) {
    if (this instanceof Redirect r) {
      return new Redirect(Languages.carry(r.path(), locale));
    }
    if (this instanceof Page p) {
      return new Page(p.status(), p.view(), p.model(), locale.flatMap(Languages::supported));
    }
    if (this instanceof Frame f) {
      return new Frame(f.actor(), f.token(), locale.flatMap(Languages::supported));
    }
    return this;
  }

  /**
   * A 303 to a path of this application.
   *
   * @param path absolute path with query, e.g. {@code /lamb/v1/lti/setup?token=...}
   */
  record Redirect(String path) implements LaunchOutcome {}

  /**
   * A page under {@code /ui/lti/}.
   *
   * @param status HTTP status
   * @param view view name without extension
   * @param model what the view shows (a {@code Problem} for the view {@code error}, rendered in the
   *     page's language)
   * @param language the supported language to render it in, if the launch asked for one
   */
  record Page(int status, String view, Object model, Optional<String> language)
      implements LaunchOutcome {

    public Page(int status, String view, Object model) {
      this(status, view, model, Optional.empty());
    }
  }

  /**
   * A signed-in page in the LMS's frame: the view {@value #VIEW} rendered at once (200, no
   * redirect, so the session token is in no URL), with the actor and the session's token in the
   * request attributes {@value #ACTOR} and {@value #TOKEN}. The page carries the token in its forms
   * from there on (third-party cookies are blocked in LMS iframes).
   *
   * @param actor who is signed in
   * @param token the session's token, to be put in the page only
   * @param language the supported language to render it in, if the launch asked for one; later
   *     requests of the page carry it in the hidden field {@code lang} beside the token
   */
  record Frame(Actor actor, String token, Optional<String> language) implements LaunchOutcome {

    /** A framed page in the language the request chooses ({@link #in} sets the launch's). */
    public Frame(Actor actor, String token) {
      this(actor, token, Optional.empty());
    }

    /** The framed creator interface. */
    public static final String VIEW = "/ui/lti-creator/index.xhtml";

    /** Request attribute: the {@link Actor} of the framed page. */
    public static final String ACTOR = "org.ltibridge.creatorFrame.actor";

    /** Request attribute: the session token the framed page carries. */
    public static final String TOKEN = "org.ltibridge.creatorFrame.token";

    /** Request attribute, optional: the id of the assistant the framed page opens at. */
    public static final String ASSISTANT = "org.ltibridge.creatorFrame.assistant";

    @Override
    public String toString() {
      return "Frame[actor=" + actor + ", token=…, language=" + language + "]";
    }
  }
}
