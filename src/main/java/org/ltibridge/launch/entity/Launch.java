package org.ltibridge.launch.entity;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One verified launch, whatever its wire format. The OAuth 1.0a verifier and the LTI 1.3 id_token
 * verifier are the only code that reads LTI parameters or claims; they produce this immutable value
 * and everything after them (router, flows, pages) reads only this.
 *
 * @param version the wire protocol it arrived over (for logs and the access record only)
 * @param platform which LMS installation authenticated it
 * @param credential the credential that authenticated it: consumer key (1.1) or client id (1.3)
 * @param target the URL the launch was addressed to: the request URL (1.1) or the signed {@code
 *     target_link_uri} (1.3); the router picks the flow from its path
 * @param user who is launching
 * @param roles in LIS v2 vocabulary
 * @param context the course, if sent
 * @param resourceLink the placement of the link
 * @param resourceLinkTitle the placement's title, if sent
 * @param custom custom parameters without their {@code custom_} prefix
 * @param services services offered with this launch
 * @param returnUrl where the LMS wants users sent back, if anywhere
 * @param registeredOrganization the organisation whose credential authenticated it: the owner of
 *     the LTI 1.3 registration, or of the Creator LTI key (LTI 1.1); empty for the Unified LTI 1.1
 *     key, which is the whole instance's
 * @param locale the user's locale as the LMS sent it ({@code launch_presentation_locale} in LTI
 *     1.1, the {@code locale} of the launch presentation claim in LTI 1.3), if it did
 */
public record Launch(
    LtiVersion version,
    PlatformKey platform,
    String credential,
    URI target,
    LmsUser user,
    Roles roles,
    Optional<CourseContext> context,
    ResourceLinkId resourceLink,
    Optional<String> resourceLinkTitle,
    Map<String, String> custom,
    LaunchServices services,
    Optional<URI> returnUrl,
    Optional<Long> registeredOrganization,
    Optional<String> locale) {

  /** A launch without a locale. */
  public Launch(
      LtiVersion version,
      PlatformKey platform,
      String credential,
      URI target,
      LmsUser user,
      Roles roles,
      Optional<CourseContext> context,
      ResourceLinkId resourceLink,
      Optional<String> resourceLinkTitle,
      Map<String, String> custom,
      LaunchServices services,
      Optional<URI> returnUrl,
      Optional<Long> registeredOrganization) {
    this(
        version,
        platform,
        credential,
        target,
        user,
        roles,
        context,
        resourceLink,
        resourceLinkTitle,
        custom,
        services,
        returnUrl,
        registeredOrganization,
        Optional.empty());
  }

  /** A launch authenticated by no organisation's registration (LTI 1.1). */
  public Launch(
      LtiVersion version,
      PlatformKey platform,
      String credential,
      URI target,
      LmsUser user,
      Roles roles,
      Optional<CourseContext> context,
      ResourceLinkId resourceLink,
      Optional<String> resourceLinkTitle,
      Map<String, String> custom,
      LaunchServices services,
      Optional<URI> returnUrl) {
    this(
        version,
        platform,
        credential,
        target,
        user,
        roles,
        context,
        resourceLink,
        resourceLinkTitle,
        custom,
        services,
        returnUrl,
        Optional.empty());
  }

  /** The same launch, authenticated by a credential of organisation {@code organizationId}. */
  public Launch inOrganization(long organizationId) {
    return new Launch(
        version,
        platform,
        credential,
        target,
        user,
        roles,
        context,
        resourceLink,
        resourceLinkTitle,
        custom,
        services,
        returnUrl,
        Optional.of(organizationId),
        locale);
  }

  /** The same launch, in the locale the LMS sent ({@code tag} may be null or blank: none). */
  public Launch speaking(String tag) {
    return new Launch(
        version,
        platform,
        credential,
        target,
        user,
        roles,
        context,
        resourceLink,
        resourceLinkTitle,
        custom,
        services,
        returnUrl,
        registeredOrganization,
        Optional.ofNullable(tag).map(String::strip).filter(t -> !t.isEmpty()));
  }

  public Launch {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(credential, "credential");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(roles, "roles");
    Objects.requireNonNull(resourceLink, "resourceLink");
    context = context == null ? Optional.empty() : context;
    resourceLinkTitle = resourceLinkTitle == null ? Optional.empty() : resourceLinkTitle;
    custom = custom == null ? Map.of() : Map.copyOf(custom);
    services = services == null ? LaunchServices.NONE : services;
    returnUrl = returnUrl == null ? Optional.empty() : returnUrl;
    registeredOrganization =
        registeredOrganization == null ? Optional.empty() : registeredOrganization;
  }
}
