package org.ltibridge.lti11.control;

import java.net.URI;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.ltibridge.launch.entity.CourseContext;
import org.ltibridge.launch.entity.Launch;
import org.ltibridge.launch.entity.LaunchServices;
import org.ltibridge.launch.entity.LmsUser;
import org.ltibridge.launch.entity.LtiVersion;
import org.ltibridge.launch.entity.PlatformKey;
import org.ltibridge.launch.entity.ResourceLinkId;
import org.ltibridge.launch.entity.Roles;
import org.ltibridge.system.control.Problem;

/**
 * Translates LTI 1.1 launch parameters (LTI 1.1 Implementation Guide §B) into a {@link Launch}. The
 * only place that knows LTI 1.1 parameter names besides the OAuth verifier.
 */
public final class Lti11Launches {

  static final Problem.Text ERROR_MESSAGE_TYPE = Problem.text("lti11.Lti11Launches.messageType");
  static final Problem.Text ERROR_LTI_VERSION = Problem.text("lti11.Lti11Launches.ltiVersion");
  static final Problem.Text ERROR_RESOURCE_LINK = Problem.text("lti11.Lti11Launches.resourceLink");
  static final Problem.Text ERROR_USER = Problem.text("lti11.Lti11Launches.user");

  /**
   * A Creator LTI launch names no resource link (LAMB requires only {@code oauth_consumer_key} and
   * {@code user_id}); its flow never reads one, and this stands in for it.
   */
  static final ResourceLinkId NO_RESOURCE_LINK = new ResourceLinkId("(none)");

  private Lti11Launches() {}

  /** The LTI-level checks, run before the nonce is used up; throws a 400 Problem. */
  public static void check(Map<String, String> params) {
    String type = params.getOrDefault("lti_message_type", "");
    if (!"basic-lti-launch-request".equals(type)) {
      throw Problem.badRequest(ERROR_MESSAGE_TYPE.with(type.isEmpty() ? "missing" : type));
    }
    String version = params.getOrDefault("lti_version", "LTI-1p0");
    if (!version.equals("LTI-1p0") && !version.equals("LTI-1p2")) {
      throw Problem.badRequest(ERROR_LTI_VERSION.with(version));
    }
    if (params.getOrDefault("resource_link_id", "").isBlank()) {
      throw Problem.badRequest(ERROR_RESOURCE_LINK);
    }
    if (params.getOrDefault("user_id", "").isBlank()) {
      throw Problem.badRequest(ERROR_USER);
    }
  }

  /**
   * The checks of a Creator LTI launch (LAMB's {@code lti_creator_router.py}): a user id, and no
   * other message than a basic launch; no resource link is needed. Throws a 400 Problem.
   */
  public static void checkCreator(Map<String, String> params) {
    String type = params.getOrDefault("lti_message_type", "");
    if (!type.isEmpty() && !"basic-lti-launch-request".equals(type)) {
      throw Problem.badRequest(ERROR_MESSAGE_TYPE.with(type));
    }
    if (params.getOrDefault("user_id", "").isBlank()) {
      throw Problem.badRequest(ERROR_USER);
    }
  }

  /** Builds the launch from checked parameters. */
  public static Launch toLaunch(String consumerKey, URI target, Map<String, String> p) {
    Optional<String> name =
        opt(p, "lis_person_name_full")
            .or(
                () -> {
                  String joined =
                      (p.getOrDefault("lis_person_name_given", "")
                              + " "
                              + p.getOrDefault("lis_person_name_family", ""))
                          .strip();
                  return joined.isEmpty() ? Optional.empty() : Optional.of(joined);
                });
    LmsUser user =
        new LmsUser(
            p.get("user_id").strip(),
            name,
            opt(p, "lis_person_contact_email_primary"),
            opt(p, "ext_user_username"));
    Optional<CourseContext> context =
        opt(p, "context_id")
            .map(id -> new CourseContext(id, opt(p, "context_title"), opt(p, "context_label")));
    Map<String, String> custom = new HashMap<>();
    p.forEach(
        (k, v) -> {
          if (k.startsWith("custom_")) {
            custom.put(k.substring("custom_".length()), v);
          }
        });
    LaunchServices services =
        opt(p, "lis_outcome_service_url")
            .flatMap(
                url ->
                    opt(p, "lis_result_sourcedid")
                        .map(
                            sourcedId ->
                                new LaunchServices(
                                    Optional.of(
                                        new LaunchServices.BasicOutcome(
                                            URI.create(url), sourcedId)),
                                    Optional.empty(),
                                    Optional.empty())))
            .orElse(LaunchServices.NONE);
    return new Launch(
            LtiVersion.LTI_1_1,
            PlatformKey.lti11(consumerKey, p.get("tool_consumer_instance_guid")),
            consumerKey,
            target,
            user,
            roles(p.getOrDefault("roles", "")),
            context,
            opt(p, "resource_link_id").map(ResourceLinkId::new).orElse(NO_RESOURCE_LINK),
            opt(p, "resource_link_title"),
            custom,
            services,
            opt(p, "launch_presentation_return_url").flatMap(Lti11Launches::uri))
        .speaking(p.get("launch_presentation_locale"));
  }

  /**
   * LTI 1.1 roles (a comma-separated list of short names like {@code Instructor}, context URNs
   * {@code urn:lti:role:ims/lis/...}, institution and system URNs) as LIS v2 URIs, the same way as
   * LTI 1.3's roles claim ({@link Roles#normalised}).
   */
  public static Roles roles(String commaSeparated) {
    return Roles.normalised(Arrays.asList(commaSeparated.split(",")));
  }

  private static Optional<String> opt(Map<String, String> p, String name) {
    String v = p.get(name);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
  }

  private static Optional<URI> uri(String value) {
    try {
      return Optional.of(URI.create(value));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
