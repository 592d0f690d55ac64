package org.ltibridge.lti13.tool.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import java.net.URI;
import org.ltibridge.launch.entity.LtiClaims;
import org.ltibridge.system.boundary.JsonValues;

/**
 * What LTI Bridge tells a platform about itself: the Canvas-style JSON configuration and the client
 * registration of LTI Dynamic Registration 1.0 (§3.5), from the same values.
 */
@ApplicationScoped
public class ToolConfiguration {

  public static final String NAME = "LTI Bridge";
  public static final String DESCRIPTION =
      "AI assistants chosen by the instructor, in a chat inside the course.";
  static final String TOOL_CONFIGURATION = "https://purl.imsglobal.org/spec/lti-tool-configuration";

  /** Canvas developer key JSON ("Enter URL" or "Paste JSON"). */
  public JsonObject canvasJson(ToolUrls urls) {
    return JsonValues.object()
        .add("title", NAME)
        .add("description", DESCRIPTION)
        .add("oidc_initiation_url", urls.login())
        .add("target_link_uri", urls.target())
        .add("public_jwk_url", urls.jwks())
        .add("scopes", JsonValues.array())
        .add(
            "extensions",
            JsonValues.array()
                .add(
                    JsonValues.object()
                        .add("platform", "canvas.instructure.com")
                        .add("domain", URI.create(urls.base()).getHost())
                        .add("privacy_level", "public")
                        .add(
                            "settings",
                            JsonValues.object()
                                .add("text", NAME)
                                .add(
                                    "placements",
                                    JsonValues.array()
                                        .add(placement("link_selection", urls))
                                        .add(placement("assignment_selection", urls))))))
        .add("custom_fields", JsonValues.object())
        .build();
  }

  private static jakarta.json.JsonObjectBuilder placement(String name, ToolUrls urls) {
    return JsonValues.object()
        .add("placement", name)
        .add("message_type", LtiClaims.DEEP_LINKING_REQUEST)
        .add("target_link_uri", urls.deepLinking())
        .add("text", NAME);
  }

  /** The client registration request of Dynamic Registration §3.5.1. */
  public JsonObject clientRegistration(ToolUrls urls) {
    return JsonValues.object()
        .add("application_type", "web")
        .add("response_types", JsonValues.array().add("id_token"))
        .add("grant_types", JsonValues.array().add("implicit").add("client_credentials"))
        .add("initiate_login_uri", urls.login())
        .add("redirect_uris", JsonValues.array().add(urls.launch()))
        .add("client_name", NAME)
        .add("jwks_uri", urls.jwks())
        .add("token_endpoint_auth_method", "private_key_jwt")
        .add("scope", "")
        .add(
            TOOL_CONFIGURATION,
            JsonValues.object()
                .add("domain", hostAndPort(urls.base()))
                .add("description", DESCRIPTION)
                .add("target_link_uri", urls.target())
                .add(
                    "claims",
                    JsonValues.array()
                        .add("iss")
                        .add("sub")
                        .add("name")
                        .add("given_name")
                        .add("family_name")
                        .add("email"))
                .add(
                    "messages",
                    JsonValues.array()
                        .add(
                            JsonValues.object()
                                .add("type", LtiClaims.DEEP_LINKING_REQUEST)
                                .add("target_link_uri", urls.deepLinking())
                                .add("label", NAME))))
        .build();
  }

  private static String hostAndPort(String base) {
    URI u = URI.create(base);
    return u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort());
  }
}
