package org.ltibridge.lti13.tool.entity;

/**
 * What identifies a platform and where to reach it (LTI 1.3 Core §3.1.3; Security Framework §5.1).
 *
 * @param issuer the platform's {@code iss}
 * @param clientId the client id the platform assigned to LTI Bridge
 * @param authLoginUrl the platform's OIDC authentication request endpoint
 * @param tokenUrl the platform's OAuth 2 token endpoint (services), if any
 * @param tokenAudience the audience of client assertions, if not the token URL (Brightspace)
 * @param jwksUrl where the platform publishes the keys its id_tokens are signed with
 */
public record PlatformEndpoints(
    String issuer,
    String clientId,
    String authLoginUrl,
    String tokenUrl,
    String tokenAudience,
    String jwksUrl) {}
