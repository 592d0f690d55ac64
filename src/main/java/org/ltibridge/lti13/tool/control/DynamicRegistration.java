package org.ltibridge.lti13.tool.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.ltibridge.lti13.tool.entity.OrgSettings;
import org.ltibridge.lti13.tool.entity.PlatformEndpoints;
import org.ltibridge.lti13.tool.entity.RegistrationSource;
import org.ltibridge.lti13.tool.entity.RegistrationStatus;
import org.ltibridge.system.boundary.JsonValues;
import org.ltibridge.system.control.Problem;

/**
 * LTI Dynamic Registration 1.0 (tool side): the LMS administrator pastes the organisation's
 * registration URL; the LMS opens it with {@code openid_configuration} and {@code
 * registration_token}; we read the platform's configuration (§3.4), check its issuer, register
 * ourselves at its registration endpoint (§3.5) and store the registration for the organisation,
 * enabled or waiting for approval as the organisation chose.
 */
@ApplicationScoped
public class DynamicRegistration {

  private static final Logger LOG = Logger.getLogger(DynamicRegistration.class.getName());
  static final String PLATFORM_CONFIGURATION =
      "https://purl.imsglobal.org/spec/lti-platform-configuration";
  static final String TOOL_CONFIGURATION = ToolConfiguration.TOOL_CONFIGURATION;

  static final Problem.Text ERROR_ORG = Problem.text("lti13.tool.DynamicRegistration.org");
  static final Problem.Text ERROR_NO_CONFIG =
      Problem.text("lti13.tool.DynamicRegistration.noConfig");
  static final Problem.Text ERROR_CONFIG_URL =
      Problem.text("lti13.tool.DynamicRegistration.configUrl");
  static final Problem.Text ERROR_FETCH = Problem.text("lti13.tool.DynamicRegistration.fetch");
  static final Problem.Text ERROR_INVALID = Problem.text("lti13.tool.DynamicRegistration.invalid");
  static final Problem.Text ERROR_ISSUER = Problem.text("lti13.tool.DynamicRegistration.issuer");
  static final Problem.Text ERROR_REGISTER =
      Problem.text("lti13.tool.DynamicRegistration.register");

  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  @PersistenceContext EntityManager em;
  @Inject Registrations registrations;
  @Inject ToolConfiguration configuration;

  /** Model of the page that closes the registration dialog. */
  public record Registered(
      String issuer,
      String clientId,
      List<String> deploymentIds,
      boolean pending,
      String platformName) {}

  public Registered register(
      String organizationRef, String openidConfiguration, String registrationToken, ToolUrls urls) {
    OrgSettings settings = settings(organizationRef);
    if (openidConfiguration == null || openidConfiguration.isBlank()) {
      throw Problem.badRequest(ERROR_NO_CONFIG);
    }
    String configUrl = openidConfiguration.strip();
    if (!Registrations.isWebUrl(configUrl)) {
      throw Problem.badRequest(ERROR_CONFIG_URL);
    }
    JsonObject config = fetch(configUrl, registrationToken);
    String issuer = text(config, "issuer");
    if (!configUrl.startsWith(issuer)) {
      throw Problem.badRequest(ERROR_ISSUER.with(issuer, configUrl));
    }
    String auth = text(config, "authorization_endpoint");
    String token = text(config, "token_endpoint");
    String jwks = text(config, "jwks_uri");
    String registrationEndpoint = text(config, "registration_endpoint");
    if (!Registrations.isWebUrl(registrationEndpoint)) {
      throw Problem.badRequest(ERROR_INVALID.with("registration_endpoint is not https"));
    }
    String audience = optionalText(config, "authorization_server").orElse(null);
    String platformName =
        Optional.ofNullable(config.get(PLATFORM_CONFIGURATION))
            .filter(v -> v.getValueType() == JsonValue.ValueType.OBJECT)
            .map(JsonValue::asJsonObject)
            .flatMap(p -> optionalText(p, "product_family_code"))
            .orElse(null);

    JsonObject answer =
        post(registrationEndpoint, registrationToken, configuration.clientRegistration(urls));
    String clientId = text(answer, "client_id");
    List<String> deployments = new ArrayList<>();
    JsonValue tool = answer.get(TOOL_CONFIGURATION);
    if (tool != null && tool.getValueType() == JsonValue.ValueType.OBJECT) {
      optionalText(tool.asJsonObject(), "deployment_id").ifPresent(deployments::add);
    }
    boolean pending = settings.approvalRequired();
    registrations.register(
        settings.organizationId(),
        new PlatformEndpoints(issuer, clientId, auth, token, audience, jwks),
        deployments,
        pending ? RegistrationStatus.PENDING : RegistrationStatus.ENABLED,
        RegistrationSource.DYNAMIC,
        platformName);
    LOG.info(
        () ->
            "Dynamic registration: "
                + issuer
                + " client "
                + clientId
                + " for organisation "
                + settings.organizationId()
                + (pending ? " (pending approval)" : ""));
    return new Registered(issuer, clientId, deployments, pending, platformName);
  }

  private OrgSettings settings(String ref) {
    if (ref == null || ref.isBlank()) {
      throw Problem.notFound(ERROR_ORG);
    }
    return em.createNamedQuery(OrgSettings.BY_REF, OrgSettings.class)
        .setParameter("ref", ref.strip())
        .getResultStream()
        .findFirst()
        .orElseThrow(() -> Problem.notFound(ERROR_ORG));
  }

  private JsonObject fetch(String url, String registrationToken) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(10))
            .header("Accept", "application/json")
            .GET();
    if (registrationToken != null && !registrationToken.isBlank()) {
      b.header("Authorization", "Bearer " + registrationToken.strip());
    }
    HttpResponse<String> r = send(b.build(), url);
    if (r.statusCode() != 200) {
      throw new Problem(
          502,
          Problem.text("title.lmsDidNotAnswer"),
          ERROR_FETCH.with(url, "HTTP " + r.statusCode()));
    }
    return parse(r.body(), "not a JSON object");
  }

  private JsonObject post(String url, String registrationToken, JsonObject body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    if (registrationToken != null && !registrationToken.isBlank()) {
      b.header("Authorization", "Bearer " + registrationToken.strip());
    }
    HttpResponse<String> r = send(b.build(), url);
    if (r.statusCode() / 100 != 2) {
      throw new Problem(
          502, Problem.text("title.lmsRefusedRegistration"), ERROR_REGISTER.with(r.statusCode()));
    }
    return parse(r.body(), "the registration answer is not a JSON object");
  }

  private static HttpResponse<String> send(HttpRequest request, String url) {
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new Problem(
          502,
          Problem.text("title.lmsDidNotAnswer"),
          ERROR_FETCH.with(url, e.getClass().getSimpleName()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Problem(
          502, Problem.text("title.lmsDidNotAnswer"), ERROR_FETCH.with(url, "interrupted"));
    }
  }

  private static JsonObject parse(String body, String what) {
    try (var reader = JsonValues.reader(new StringReader(body))) {
      JsonValue v = reader.readValue();
      if (v.getValueType() != JsonValue.ValueType.OBJECT) {
        throw Problem.badRequest(ERROR_INVALID.with(what));
      }
      return v.asJsonObject();
    } catch (JsonException e) {
      throw Problem.badRequest(ERROR_INVALID.with(what));
    }
  }

  private static String text(JsonObject o, String name) {
    return optionalText(o, name)
        .orElseThrow(() -> Problem.badRequest(ERROR_INVALID.with(name + " is missing")));
  }

  private static Optional<String> optionalText(JsonObject o, String name) {
    JsonValue v = o.get(name);
    return v instanceof JsonString s && !s.getString().isBlank()
        ? Optional.of(s.getString().strip())
        : Optional.empty();
  }
}
