package org.ltibridge.lti13.tool.control;

import com.nimbusds.jwt.JWTClaimsSet;
import java.net.URI;
import java.text.ParseException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ltibridge.launch.entity.CourseContext;
import org.ltibridge.launch.entity.Launch;
import org.ltibridge.launch.entity.LaunchServices;
import org.ltibridge.launch.entity.LmsUser;
import org.ltibridge.launch.entity.LtiClaims;
import org.ltibridge.launch.entity.LtiVersion;
import org.ltibridge.launch.entity.PlatformKey;
import org.ltibridge.launch.entity.ResourceLinkId;
import org.ltibridge.launch.entity.Roles;
import org.ltibridge.system.control.Problem;

/**
 * Checks the LTI claims of a verified id_token (LTI 1.3 Core §5.3–5.4, Deep Linking 2.0 §4.4) and
 * translates them into our own values: a {@link Launch} for a resource link launch, a {@link
 * DeepLinkingRequest} for a deep linking request. Besides {@link IdTokenVerifier}, the only place
 * that knows LTI 1.3 claim names. Unknown claims and roles are ignored; name and email are
 * optional.
 */
public final class Lti13Messages {

  static final Problem.Text ERROR_MESSAGE_TYPE =
      Problem.text("lti13.tool.Lti13Messages.messageType");
  static final Problem.Text ERROR_VERSION = Problem.text("lti13.tool.Lti13Messages.version");
  static final Problem.Text ERROR_MISSING = Problem.text("lti13.tool.Lti13Messages.missing");
  static final Problem.Text ERROR_DEPLOYMENT = Problem.text("lti13.tool.Lti13Messages.deployment");
  static final Problem.Text ERROR_SUB = Problem.text("lti13.tool.Lti13Messages.sub");
  static final Problem.Text ERROR_CLAIM_TYPE = Problem.text("lti13.tool.Lti13Messages.claimType");
  static final Problem.Text ERROR_ACCEPT_TYPES =
      Problem.text("lti13.tool.Lti13Messages.acceptTypes");

  private Lti13Messages() {}

  /** What a deep linking request asks for (Deep Linking 2.0 §4.4). */
  public record DeepLinkingRequest(
      PlatformKey platform,
      String issuer,
      String clientId,
      String deploymentId,
      LmsUser user,
      Roles roles,
      Optional<CourseContext> context,
      URI returnUrl,
      Optional<String> data,
      boolean acceptMultiple,
      Optional<String> locale) {}

  /** The message type, once version, message type and deployment checked out. */
  public static String check(JWTClaimsSet claims, RegisteredPlatform platform) {
    String type = string(claims, LtiClaims.MESSAGE_TYPE).orElse(null);
    if (type == null) {
      throw Problem.badRequest(ERROR_MISSING.with(LtiClaims.MESSAGE_TYPE));
    }
    if (!type.equals(LtiClaims.RESOURCE_LINK_REQUEST)
        && !type.equals(LtiClaims.DEEP_LINKING_REQUEST)) {
      throw Problem.badRequest(ERROR_MESSAGE_TYPE.with(type));
    }
    String version = string(claims, LtiClaims.VERSION).orElse(null);
    if (version == null) {
      throw Problem.badRequest(ERROR_MISSING.with(LtiClaims.VERSION));
    }
    if (!version.equals(LtiClaims.VERSION_1_3)) {
      throw Problem.badRequest(ERROR_VERSION.with(version));
    }
    String deployment = string(claims, LtiClaims.DEPLOYMENT_ID).orElse(null);
    if (deployment == null || deployment.isBlank()) {
      throw Problem.badRequest(ERROR_MISSING.with(LtiClaims.DEPLOYMENT_ID));
    }
    if (!platform.deploymentIds().contains(deployment)) {
      throw Problem.forbidden(ERROR_DEPLOYMENT.with(deployment));
    }
    if (claims.getClaim(LtiClaims.ROLES) == null) {
      throw Problem.badRequest(ERROR_MISSING.with(LtiClaims.ROLES));
    }
    stringList(claims, LtiClaims.ROLES);
    String sub = claims.getSubject();
    if (sub == null || sub.isBlank()) {
      throw Problem.badRequest(ERROR_SUB);
    }
    if (type.equals(LtiClaims.RESOURCE_LINK_REQUEST)) {
      if (string(claims, LtiClaims.TARGET_LINK_URI).filter(s -> !s.isBlank()).isEmpty()) {
        throw Problem.badRequest(ERROR_MISSING.with(LtiClaims.TARGET_LINK_URI));
      }
      uri(claims, LtiClaims.TARGET_LINK_URI);
      if (object(claims, LtiClaims.RESOURCE_LINK).flatMap(m -> text(m.get("id"))).isEmpty()) {
        throw Problem.badRequest(ERROR_MISSING.with(LtiClaims.RESOURCE_LINK + " id"));
      }
    } else {
      Map<String, Object> settings =
          object(claims, LtiClaims.DL_SETTINGS)
              .orElseThrow(() -> Problem.badRequest(ERROR_MISSING.with(LtiClaims.DL_SETTINGS)));
      String url =
          text(settings.get("deep_link_return_url"))
              .orElseThrow(
                  () ->
                      Problem.badRequest(
                          ERROR_MISSING.with(LtiClaims.DL_SETTINGS + " deep_link_return_url")));
      toUri(url, LtiClaims.DL_SETTINGS);
      if (settings.get("accept_types") instanceof List<?> types
          && !types.contains("ltiResourceLink")) {
        throw Problem.badRequest(ERROR_ACCEPT_TYPES);
      }
    }
    return type;
  }

  /** A checked LtiResourceLinkRequest as a Launch. */
  public static Launch toLaunch(JWTClaimsSet c, RegisteredPlatform platform) {
    String deployment = string(c, LtiClaims.DEPLOYMENT_ID).orElseThrow();
    Map<String, Object> link = object(c, LtiClaims.RESOURCE_LINK).orElseThrow();
    Map<String, String> custom = new HashMap<>();
    object(c, LtiClaims.CUSTOM)
        .ifPresent(
            m ->
                m.forEach(
                    (k, v) -> {
                      if (v != null) {
                        custom.put(k, v.toString());
                      }
                    }));
    return new Launch(
            LtiVersion.LTI_1_3,
            PlatformKey.lti13(platform.issuer(), platform.clientId(), deployment),
            platform.clientId(),
            uri(c, LtiClaims.TARGET_LINK_URI),
            user(c),
            roles(c),
            context(c),
            new ResourceLinkId(text(link.get("id")).orElseThrow()),
            text(link.get("title")),
            custom,
            services(c),
            object(c, LtiClaims.LAUNCH_PRESENTATION)
                .flatMap(m -> text(m.get("return_url")))
                .flatMap(Lti13Messages::optionalUri),
            Optional.of(platform.organizationId()))
        .speaking(locale(c).orElse(null));
  }

  /** The user's language, LTI 1.3 §5.4.4 launch presentation {@code locale}, if the LMS sent it. */
  private static Optional<String> locale(JWTClaimsSet c) {
    return object(c, LtiClaims.LAUNCH_PRESENTATION).flatMap(m -> text(m.get("locale")));
  }

  /** A checked LtiDeepLinkingRequest. */
  public static DeepLinkingRequest toDeepLinking(JWTClaimsSet c, RegisteredPlatform platform) {
    String deployment = string(c, LtiClaims.DEPLOYMENT_ID).orElseThrow();
    Map<String, Object> settings = object(c, LtiClaims.DL_SETTINGS).orElseThrow();
    return new DeepLinkingRequest(
        PlatformKey.lti13(platform.issuer(), platform.clientId(), deployment),
        platform.issuer(),
        platform.clientId(),
        deployment,
        user(c),
        roles(c),
        context(c),
        toUri(text(settings.get("deep_link_return_url")).orElseThrow(), LtiClaims.DL_SETTINGS),
        text(settings.get("data")),
        !Boolean.FALSE.equals(settings.get("accept_multiple")),
        locale(c));
  }

  private static LmsUser user(JWTClaimsSet c) {
    Optional<String> name =
        string(c, "name")
            .or(
                () -> {
                  String joined =
                      (string(c, "given_name").orElse("")
                              + " "
                              + string(c, "family_name").orElse(""))
                          .strip();
                  return joined.isEmpty() ? Optional.empty() : Optional.of(joined);
                });
    // Moodle sends the login name in its ext claim; LTI 1.3 itself has none.
    Optional<String> username = object(c, LtiClaims.EXT).flatMap(m -> text(m.get("user_username")));
    return new LmsUser(c.getSubject().strip(), name, string(c, "email"), username);
  }

  /** The roles claim, simple names and LIS URNs read as LTI 1.1 reads them (#15). */
  private static Roles roles(JWTClaimsSet c) {
    return Roles.normalised(stringList(c, LtiClaims.ROLES));
  }

  private static Optional<CourseContext> context(JWTClaimsSet c) {
    return object(c, LtiClaims.CONTEXT)
        .flatMap(
            m ->
                text(m.get("id"))
                    .map(id -> new CourseContext(id, text(m.get("title")), text(m.get("label")))));
  }

  private static LaunchServices services(JWTClaimsSet c) {
    Optional<LaunchServices.GradeService> grades =
        object(c, LtiClaims.AGS)
            .map(
                m -> {
                  Set<String> scopes = new LinkedHashSet<>();
                  if (m.get("scope") instanceof List<?> list) {
                    list.forEach(s -> scopes.add(String.valueOf(s)));
                  }
                  return new LaunchServices.GradeService(
                      text(m.get("lineitems")).flatMap(Lti13Messages::optionalUri),
                      text(m.get("lineitem")).flatMap(Lti13Messages::optionalUri),
                      scopes);
                });
    Optional<URI> memberships =
        object(c, LtiClaims.NRPS)
            .flatMap(m -> text(m.get("context_memberships_url")))
            .flatMap(Lti13Messages::optionalUri);
    return new LaunchServices(Optional.empty(), grades, memberships);
  }

  static Optional<String> string(JWTClaimsSet c, String name) {
    Object v = c.getClaim(name);
    if (v == null) {
      return Optional.empty();
    }
    if (!(v instanceof String s)) {
      throw Problem.badRequest(ERROR_CLAIM_TYPE.with(name));
    }
    return s.isBlank() ? Optional.empty() : Optional.of(s.strip());
  }

  private static List<String> stringList(JWTClaimsSet c, String name) {
    try {
      List<String> list = c.getStringListClaim(name);
      return list == null ? List.of() : list;
    } catch (ParseException e) {
      throw Problem.badRequest(ERROR_CLAIM_TYPE.with(name));
    }
  }

  private static Optional<Map<String, Object>> object(JWTClaimsSet c, String name) {
    try {
      return Optional.ofNullable(c.getJSONObjectClaim(name));
    } catch (ParseException e) {
      throw Problem.badRequest(ERROR_CLAIM_TYPE.with(name));
    }
  }

  private static Optional<String> text(Object value) {
    if (value == null) {
      return Optional.empty();
    }
    String s = value.toString().strip();
    return s.isEmpty() ? Optional.empty() : Optional.of(s);
  }

  private static URI uri(JWTClaimsSet c, String name) {
    return toUri(string(c, name).orElseThrow(), name);
  }

  private static URI toUri(String value, String claim) {
    try {
      URI uri = URI.create(value);
      if (!uri.isAbsolute()) {
        throw Problem.badRequest(ERROR_CLAIM_TYPE.with(claim));
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw Problem.badRequest(ERROR_CLAIM_TYPE.with(claim));
    }
  }

  private static Optional<URI> optionalUri(String value) {
    try {
      return Optional.of(URI.create(value));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
