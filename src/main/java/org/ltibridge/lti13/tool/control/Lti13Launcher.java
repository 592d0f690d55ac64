package org.ltibridge.lti13.tool.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Optional;
import org.ltibridge.launch.control.LaunchRouter;
import org.ltibridge.launch.entity.LaunchOutcome;
import org.ltibridge.launch.entity.LtiClaims;
import org.ltibridge.system.control.Problem;

/**
 * One LTI 1.3 launch as one transaction: verify the id_token (no database), check its LTI claims,
 * use up the login's state and nonce (the first write), translate, route. A refused launch rolls
 * back and leaves nothing behind, not even a used-up state.
 */
@ApplicationScoped
public class Lti13Launcher {

  static final Problem.Text ERROR_NO_STATE = Problem.text("lti13.tool.Lti13Launcher.noState");
  static final Problem.Text ERROR_UNKNOWN_STATE =
      Problem.text("lti13.tool.Lti13Launcher.unknownState");
  static final Problem.Text ERROR_USED = Problem.text("lti13.tool.Lti13Launcher.used");
  static final Problem.Text ERROR_EXPIRED = Problem.text("lti13.tool.Lti13Launcher.expired");
  static final Problem.Text ERROR_OTHER_PLATFORM =
      Problem.text("lti13.tool.Lti13Launcher.otherPlatform");
  static final Problem.Text ERROR_NONCE = Problem.text("lti13.tool.Lti13Launcher.nonce");
  static final Problem.Text ERROR_BROWSER = Problem.text("lti13.tool.Lti13Launcher.browser");

  @Inject IdTokenVerifier verifier;
  @Inject OidcStates states;
  @Inject LaunchRouter router;
  @Inject DeepLinking deepLinking;

  /** An id_token verified (no database) and its message type checked. */
  public record Checked(IdTokenVerifier.Verified verified, String type) {}

  /** Verifies the id_token and checks its LTI claims; a refusal is a {@link Problem}. */
  public Checked check(String idToken) {
    IdTokenVerifier.Verified verified = verifier.verify(idToken);
    return new Checked(verified, Lti13Messages.check(verified.claims(), verified.platform()));
  }

  /**
   * A returning student's resource link launch in one database round trip: the login is used up in
   * the same statement that counts the visit and stores the page token ({@link
   * LaunchRouter#quickly}). Empty for anything else (another message type, an instructor, a student
   * not seen a moment ago, a state that does not match): {@link #launch} then handles it fully and
   * explains any refusal. Call it outside any JTA transaction.
   */
  public Optional<LaunchOutcome> returningStudent(Checked checked, String state, String binding) {
    if (state == null
        || state.isBlank()
        || binding == null
        || !checked.type().equals(LtiClaims.RESOURCE_LINK_REQUEST)) {
      return Optional.empty();
    }
    IdTokenVerifier.Verified verified = checked.verified();
    return states
        .claim(state, verified.nonce(), binding, verified.platform().id())
        .flatMap(
            login ->
                router.quickly(
                    Lti13Messages.toLaunch(verified.claims(), verified.platform()), login))
        .map(LaunchOutcome.Redirect::new);
  }

  @Transactional
  public LaunchOutcome launch(String idToken, String state, String binding) {
    return launch(check(idToken), state, binding);
  }

  @Transactional
  public LaunchOutcome launch(Checked checked, String state, String binding) {
    IdTokenVerifier.Verified verified = checked.verified();
    if (state == null || state.isBlank()) {
      throw Problem.unauthorized(ERROR_NO_STATE);
    }
    if (binding == null
        || !states.consume(state, verified.nonce(), binding, verified.platform().id())) {
      throw explain(state, verified, binding);
    }
    if (checked.type().equals(LtiClaims.DEEP_LINKING_REQUEST)) {
      Lti13Messages.DeepLinkingRequest asked =
          Lti13Messages.toDeepLinking(verified.claims(), verified.platform());
      return deepLinking.start(asked).in(asked.locale());
    }
    return router.route(Lti13Messages.toLaunch(verified.claims(), verified.platform()));
  }

  /** Why a login could not be used up: read only on this failure path. */
  private Problem explain(String state, IdTokenVerifier.Verified verified, String binding) {
    OidcStates.Stored stored = states.find(state).orElse(null);
    if (stored == null) {
      return Problem.unauthorized(ERROR_UNKNOWN_STATE);
    }
    if (stored.consumed()) {
      return Problem.unauthorized(ERROR_USED);
    }
    if (stored.expired()) {
      return Problem.unauthorized(ERROR_EXPIRED);
    }
    if (stored.registrationId() != verified.platform().id()) {
      return Problem.unauthorized(ERROR_OTHER_PLATFORM);
    }
    if (!states.matches(state, verified.nonce(), null)) {
      return Problem.unauthorized(ERROR_NONCE);
    }
    return Problem.unauthorized(ERROR_BROWSER);
  }
}
