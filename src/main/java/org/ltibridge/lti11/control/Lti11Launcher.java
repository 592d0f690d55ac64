package org.ltibridge.lti11.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ltibridge.launch.control.LaunchRouter;
import org.ltibridge.launch.entity.Launch;
import org.ltibridge.launch.entity.LaunchOutcome;
import org.ltibridge.system.control.Problem;

/**
 * One LTI 1.1 launch as one transaction: verify (the nonce is the first write), translate, route. A
 * returning student's launch commits once (nonce, access record, page token); a refused launch
 * rolls back and leaves nothing behind. A replayed nonce racing the original waits on the primary
 * key until the original commits, then fails: replays are refused across instances.
 */
@ApplicationScoped
public class Lti11Launcher {

  @Inject OAuth1Verifier verifier;
  @Inject LaunchRouter router;

  @Transactional
  public LaunchOutcome launch(
      URI publicUrl, List<Map.Entry<String, String>> params, ConsumerSecrets secrets) {
    OAuth1Verifier.Verified verified =
        verifier.verify("POST", publicUrl, params, secrets, Lti11Launches::check);
    Launch launch = Lti11Launches.toLaunch(verified.consumerKey(), publicUrl, verified.params());
    return router.route(launch);
  }

  /**
   * A Creator LTI launch signed with the Creator LTI key of organisation {@code organizationId}:
   * the same OAuth checks as every LTI 1.1 launch (timestamp, signature, nonce), then a {@code
   * user_id} (400). The launch carries the key's organisation; the router sends it to its flow by
   * the path it was addressed to.
   */
  @Transactional
  public LaunchOutcome launchCreator(
      URI publicUrl,
      List<Map.Entry<String, String>> params,
      ConsumerSecrets secrets,
      long organizationId) {
    OAuth1Verifier.Verified verified =
        verifier.verify("POST", publicUrl, params, secrets, Lti11Launches::checkCreator);
    return router.route(
        Lti11Launches.toLaunch(verified.consumerKey(), publicUrl, verified.params())
            .inOrganization(organizationId));
  }

  /** The same launch, authenticated already ({@link #authenticate}): only its nonce is left. */
  @Transactional
  public LaunchOutcome launch(URI publicUrl, OAuth1Verifier.Authentic authentic) {
    OAuth1Verifier.Verified verified = verifier.useNonce(authentic);
    return router.route(
        Lti11Launches.toLaunch(verified.consumerKey(), publicUrl, verified.params()));
  }

  /**
   * Every check of a launch but its nonce; empty if one fails ({@link #launch} then refuses it with
   * the reason).
   */
  public Optional<OAuth1Verifier.Authentic> authenticate(
      URI publicUrl, List<Map.Entry<String, String>> params, ConsumerSecrets secrets) {
    try {
      return Optional.of(
          verifier.authenticate("POST", publicUrl, params, secrets, Lti11Launches::check));
    } catch (Problem refused) {
      return Optional.empty();
    }
  }

  /**
   * An authentic launch, if it is a returning student's: verified and written in one round trip
   * (see {@link org.ltibridge.activity.control.ReturningLaunches}); empty for any other launch.
   */
  public Optional<String> returningStudent(URI publicUrl, OAuth1Verifier.Authentic authentic) {
    return router.quickly(
        Lti11Launches.toLaunch(authentic.consumerKey(), publicUrl, authentic.params()),
        NonceStore.singleUse(
            authentic.consumerKey(), authentic.nonce(), authentic.keepNonceUntil()));
  }
}
