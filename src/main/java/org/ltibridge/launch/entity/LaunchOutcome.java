package org.ltibridge.launch.entity;

/**
 * What a flow decided: send the browser on (303) or show a page. The boundary turns it into HTTP;
 * flows stay free of JAX-RS and JSF.
 */
public sealed interface LaunchOutcome {

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
   * @param model what the view shows
   */
  record Page(int status, String view, Object model) implements LaunchOutcome {}
}
