package org.ltibridge.lti13.tool.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ltibridge.system.boundary.JsonValues;
import org.ltibridge.system.control.Problem;

/**
 * OIDC third-party-initiated login (LTI 1.3 Security Framework §5.1.1): checks the platform is
 * registered and enabled, issues a new state and nonce, and sends the browser to the platform's
 * authentication endpoint with an authentication request (§5.1.1.2). No database work: the
 * registration comes from a short cache and the state carries the login ({@link OidcStates}).
 */
@ApplicationScoped
public class Lti13Login {

  static final Problem.Text ERROR_MISSING = Problem.text("lti13.tool.Lti13Login.missing");
  static final Problem.Text ERROR_UNREGISTERED = Problem.text("lti13.tool.Lti13Login.unregistered");
  static final Problem.Text ERROR_AMBIGUOUS = Problem.text("lti13.tool.Lti13Login.ambiguous");
  static final Problem.Text ERROR_NOT_ENABLED = Problem.text("lti13.tool.Lti13Login.notEnabled");
  static final Problem.Text ERROR_DEPLOYMENT = Problem.text("lti13.tool.Lti13Login.deployment");
  static final Problem.Text ERROR_TARGET = Problem.text("lti13.tool.Lti13Login.target");

  @Inject Registrations registrations;
  @Inject OidcStates states;

  /** The login initiation request's parameters. */
  public record Request(
      String issuer,
      String loginHint,
      String targetLinkUri,
      String messageHint,
      String clientId,
      String deploymentId,
      String storageTarget) {

    /**
     * The hints as a JSON object, for the new-window fallback (no secret: the platform gave them to
     * the browser). Written on every login, so with JSON-P rather than JSON-B (a tenth of the
     * cost).
     */
    String asJson() {
      JsonObjectBuilder p =
          JsonValues.object()
              .add("iss", issuer)
              .add("login_hint", loginHint)
              .add("target_link_uri", targetLinkUri);
      add(p, "lti_message_hint", messageHint);
      add(p, "client_id", clientId);
      add(p, "lti_deployment_id", deploymentId);
      return p.build().toString();
    }

    private static void add(JsonObjectBuilder p, String k, String v) {
      if (v != null && !v.isBlank()) {
        p.add(k, v);
      }
    }
  }

  /**
   * Where to send the browser and what it must keep.
   *
   * @param authenticationRequest the platform's authentication endpoint with our request
   * @param issued state, nonce and browser binding
   * @param storageTarget the platform storage frame, if the platform offers one
   * @param platformOrigin the origin platform storage messages go to
   */
  public record Started(
      URI authenticationRequest,
      OidcStates.Issued issued,
      Optional<String> storageTarget,
      String platformOrigin) {}

  public Started start(Request r, ToolUrls urls) {
    String issuer = required(r.issuer(), "iss");
    required(r.loginHint(), "login_hint");
    String target = required(r.targetLinkUri(), "target_link_uri");
    try {
      if (!URI.create(target).isAbsolute()) {
        throw Problem.badRequest(ERROR_TARGET);
      }
    } catch (IllegalArgumentException e) {
      throw Problem.badRequest(ERROR_TARGET);
    }
    RegisteredPlatform platform = platformFor(issuer, blankToNull(r.clientId()));
    platform
        .refusal(ERROR_NOT_ENABLED)
        .ifPresent(
            refused -> {
              throw refused;
            });
    String deployment = blankToNull(r.deploymentId());
    if (deployment != null && !platform.deploymentIds().contains(deployment)) {
      throw Problem.forbidden(ERROR_DEPLOYMENT.with(deployment));
    }
    String storage = blankToNull(r.storageTarget());
    if (storage != null && storage.length() > 200) {
      storage = null;
    }
    OidcStates.Issued issued = states.issue(platform.id(), storage, r.asJson());

    Map<String, String> q = new LinkedHashMap<>();
    q.put("scope", "openid");
    q.put("response_type", "id_token");
    q.put("response_mode", "form_post");
    q.put("prompt", "none");
    q.put("client_id", platform.clientId());
    q.put("redirect_uri", urls.launch());
    q.put("login_hint", r.loginHint());
    q.put("state", issued.state());
    q.put("nonce", issued.nonce());
    if (r.messageHint() != null && !r.messageHint().isEmpty()) {
      q.put("lti_message_hint", r.messageHint());
    }
    String auth = platform.endpoints().authLoginUrl();
    StringBuilder url = new StringBuilder(auth).append(auth.contains("?") ? '&' : '?');
    q.forEach(
        (k, v) ->
            url.append(k)
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8))
                .append('&'));
    url.setLength(url.length() - 1);
    URI authUri = URI.create(url.toString());
    String origin =
        authUri.getScheme()
            + "://"
            + authUri.getHost()
            + (authUri.getPort() < 0 ? "" : ":" + authUri.getPort());
    return new Started(authUri, issued, Optional.ofNullable(storage), origin);
  }

  private RegisteredPlatform platformFor(String issuer, String clientId) {
    if (clientId != null) {
      return registrations
          .find(issuer, clientId)
          .orElseThrow(
              () ->
                  Problem.unauthorized(
                      ERROR_UNREGISTERED.with(
                          issuer, Problem.text("lti13.tool.Lti13Login.withClientId", clientId))));
    }
    List<RegisteredPlatform> all = registrations.forIssuer(issuer);
    if (all.isEmpty()) {
      throw Problem.unauthorized(ERROR_UNREGISTERED.with(issuer, ""));
    }
    if (all.size() > 1) {
      throw Problem.badRequest(ERROR_AMBIGUOUS.with(issuer));
    }
    return all.get(0);
  }

  private static String required(String value, String name) {
    if (value == null || value.isBlank()) {
      throw Problem.badRequest(ERROR_MISSING.with(name));
    }
    return value.strip();
  }

  private static String blankToNull(String v) {
    return v == null || v.isBlank() ? null : v.strip();
  }
}
