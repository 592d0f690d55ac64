package org.ltibridge.lti13.tool.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ltibridge.activity.control.Claims;
import org.ltibridge.launch.boundary.Outcomes;
import org.ltibridge.launch.entity.LaunchOutcome;
import org.ltibridge.lti13.tool.control.DeepLinking;
import org.ltibridge.lti13.tool.control.DynamicRegistration;
import org.ltibridge.lti13.tool.control.LaunchSize;
import org.ltibridge.lti13.tool.control.Lti13Launcher;
import org.ltibridge.lti13.tool.control.Lti13Login;
import org.ltibridge.lti13.tool.control.OidcStates;
import org.ltibridge.lti13.tool.control.RegisteredPlatform;
import org.ltibridge.lti13.tool.control.Registrations;
import org.ltibridge.lti13.tool.control.ToolConfiguration;
import org.ltibridge.lti13.tool.control.ToolUrls;
import org.ltibridge.system.boundary.FormValues;
import org.ltibridge.system.boundary.PageRenderer;
import org.ltibridge.system.boundary.RequestLanguage;
import org.ltibridge.system.control.Languages;
import org.ltibridge.system.control.Problem;
import org.ltibridge.system.control.PublicUrl;

/**
 * The LTI 1.3 tool role's HTTP edge: third-party-initiated login, the launch (redirect URI of every
 * flow), the deep linking page and answer, Dynamic Registration and the JSON configuration. Thin:
 * reads parameters and the binding cookie, delegates, maps the outcome to HTTP.
 */
@Path("lti13")
@ApplicationScoped
public class Lti13Resource {

  static final Problem.Text ERROR_PLATFORM = Problem.text("lti13.tool.Lti13Resource.platform");

  /** How long a login's binding cookie lives: the state's lifetime. */
  static final int COOKIE_AGE = (int) OidcStates.LIFETIME.toSeconds();

  @Inject Lti13Login login;
  @Inject Lti13Launcher launcher;
  @Inject OidcStates states;
  @Inject Registrations registrations;
  @Inject DeepLinking deepLinking;
  @Inject DynamicRegistration dynamicRegistration;
  @Inject ToolConfiguration configuration;
  @Inject Outcomes outcomes;
  @Inject PageRenderer pages;
  @Inject PublicUrl publicUrl;

  @Context HttpServletRequest request;
  @Context HttpServletResponse response;

  /** Security Framework §5.1.1.1: the platform may initiate the login with a GET ... */
  @GET
  @Path("login")
  public Response loginGet(
      @QueryParam("iss") String iss,
      @QueryParam("login_hint") String loginHint,
      @QueryParam("target_link_uri") String target,
      @QueryParam("lti_message_hint") String messageHint,
      @QueryParam("client_id") String clientId,
      @QueryParam("lti_deployment_id") String deploymentId,
      @QueryParam("lti_storage_target") String storageTarget) {
    return login(
        new Lti13Login.Request(
            iss, loginHint, target, messageHint, clientId, deploymentId, storageTarget));
  }

  /** ... or a form POST. */
  @POST
  @Path("login")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response loginPost(
      @FormParam("iss") String iss,
      @FormParam("login_hint") String loginHint,
      @FormParam("target_link_uri") String target,
      @FormParam("lti_message_hint") String messageHint,
      @FormParam("client_id") String clientId,
      @FormParam("lti_deployment_id") String deploymentId,
      @FormParam("lti_storage_target") String storageTarget) {
    return loginGet(iss, loginHint, target, messageHint, clientId, deploymentId, storageTarget);
  }

  private Response login(Lti13Login.Request r) {
    Lti13Login.Started started = login.start(r, urls());
    String cookie =
        bindingCookie(started.issued().cookieName(), started.issued().binding(), COOKIE_AGE);
    if (started.storageTarget().isPresent()) {
      ContinuePage page =
          new ContinuePage(
              "put",
              started.storageTarget().get(),
              started.platformOrigin(),
              OidcStates.storageKey(started.issued().state()),
              started.issued().binding(),
              started.authenticationRequest().toString(),
              null,
              null,
              null,
              List.of());
      return Response.fromResponse(pages.render(request, response, 200, "lti13-continue", page))
          .header("Set-Cookie", cookie)
          .build();
    }
    return Response.status(Response.Status.FOUND)
        .location(started.authenticationRequest())
        .header("Set-Cookie", cookie)
        .header("Cache-Control", "no-store")
        .build();
  }

  /**
   * The redirect URI: the platform's form post of the id_token (Security Framework §5.1.1.3). The
   * browser binding comes from the cookie set at login, else from the platform's storage (posted
   * again by the page that read it).
   */
  @POST
  @Path("launch")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response launch(
      @FormParam("id_token") String idToken,
      @FormParam("state") String state,
      @FormParam("lti_storage_binding") String storageBinding,
      @FormParam("error") String error,
      @FormParam("error_description") String errorDescription) {
    LaunchSize.require(request.getContentLengthLong(), idToken);
    if (error != null && !error.isBlank() && (idToken == null || idToken.isBlank())) {
      throw Problem.badRequest(
          ERROR_PLATFORM.with(
              errorDescription == null || errorDescription.isBlank()
                  ? error
                  : error + ": " + errorDescription));
    }
    String cookieName = state == null || state.isBlank() ? null : OidcStates.cookieName(state);
    String cookie = cookieName == null ? null : cookie(request, cookieName);
    String binding = cookie != null ? cookie : blankToNull(storageBinding);
    if (binding == null && cookieName != null && idToken != null && !idToken.isBlank()) {
      Optional<Response> without = withoutCookie(idToken, state);
      if (without.isPresent()) {
        return without.get();
      }
    }
    LaunchOutcome outcome;
    if (request.getAttribute(Lti13LaunchFilter.CHECKED) instanceof Lti13Launcher.Checked checked) {
      // Verified by the filter, which found no returning student: the full way only.
      outcome = launcher.launch(checked, state, binding);
    } else {
      Lti13Launcher.Checked checked = launcher.check(idToken);
      outcome =
          launcher
              .returningStudent(checked, state, binding)
              .orElseGet(() -> launcher.launch(checked, state, binding));
    }
    Response r = outcomes.toResponse(outcome, request, response);
    return cookie == null
        ? r
        : Response.fromResponse(r).header("Set-Cookie", bindingCookie(cookieName, "", 0)).build();
  }

  /** No cookie came back: read the binding from the platform's storage, or offer a new window. */
  private Optional<Response> withoutCookie(String idToken, String state) {
    Optional<OidcStates.Stored> stored = states.find(state);
    if (stored.isEmpty() || stored.get().consumed() || stored.get().expired()) {
      return Optional.empty(); // the launcher explains
    }
    Optional<RegisteredPlatform> platform = registrations.byId(stored.get().registrationId());
    if (platform.isEmpty()) {
      return Optional.empty();
    }
    ContinuePage page;
    if (stored.get().storageTarget().isPresent()) {
      page =
          new ContinuePage(
              "get",
              stored.get().storageTarget().get(),
              origin(platform.get().endpoints().authLoginUrl()),
              OidcStates.storageKey(state),
              null,
              null,
              idToken,
              state,
              null,
              loginParams(stored.get()));
    } else {
      page =
          new ContinuePage(
              "window",
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              urls().login(),
              loginParams(stored.get()));
    }
    return Optional.of(pages.render(request, response, 200, "lti13-continue", page));
  }

  @SuppressWarnings("unchecked")
  private static List<ContinuePage.Param> loginParams(OidcStates.Stored stored) {
    List<ContinuePage.Param> out = new ArrayList<>();
    stored
        .loginParams()
        .ifPresent(
            json ->
                ((Map<String, Object>) Claims.read(json, Map.class))
                    .forEach(
                        (k, v) -> {
                          if (v != null) {
                            out.add(new ContinuePage.Param(k, v.toString()));
                          }
                        }));
    return out;
  }

  @GET
  @Path("deep-linking")
  @Produces(MediaType.TEXT_HTML)
  public Response deepLinkingPage(@QueryParam("token") String token) {
    return pages.render(request, response, 200, "deep-linking", deepLinking.page(token));
  }

  @POST
  @Path("deep-linking")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.TEXT_HTML)
  public Response deepLinkingAnswer(
      @FormParam("token") String token,
      @FormParam("organization_id") String organizationId,
      @FormParam("assistant_ids") List<String> assistantIds,
      @FormParam("mode") String mode,
      @FormParam("activity_name") String activityName,
      @FormParam("chat_visibility_enabled") String chatVisibility,
      @FormParam(Languages.PARAM) String lang) {
    RequestLanguage.fromForm(request, lang); // the answer, or a refusal, in the page's language
    DeepLinking.Answer answer =
        deepLinking.answer(
            token,
            FormValues.parseId(organizationId, "organization_id"),
            FormValues.parseIds(assistantIds),
            "each".equalsIgnoreCase(mode) ? DeepLinking.Mode.EACH : DeepLinking.Mode.ONE,
            activityName,
            FormValues.isChecked(chatVisibility),
            urls());
    return pages.render(request, response, 200, "deep-linking-answer", answer);
  }

  /**
   * LTI Dynamic Registration §3: the LMS opens this URL (our per-organisation registration URL)
   * with its openid_configuration and a registration token.
   */
  @GET
  @Path("register")
  @Produces(MediaType.TEXT_HTML)
  public Response register(
      @QueryParam("org") String organizationRef,
      @QueryParam("openid_configuration") String openidConfiguration,
      @QueryParam("registration_token") String registrationToken) {
    DynamicRegistration.Registered registered =
        dynamicRegistration.register(
            organizationRef, openidConfiguration, registrationToken, urls());
    return pages.render(request, response, 200, "lti13-registered", registered);
  }

  /** Canvas-style JSON configuration ("Paste JSON" / "Enter URL" of a developer key). */
  @GET
  @Path("config.json")
  @Produces(MediaType.APPLICATION_JSON)
  public Response config() {
    return Response.ok(configuration.canvasJson(urls()).toString())
        .header("Cache-Control", "no-cache")
        .build();
  }

  private ToolUrls urls() {
    return new ToolUrls(publicUrl.base(request));
  }

  static String cookie(HttpServletRequest request, String name) {
    Cookie[] cookies = request.getCookies();
    if (cookies == null) {
      return null;
    }
    for (Cookie c : cookies) {
      if (c.getName().equals(name) && c.getValue() != null && !c.getValue().isBlank()) {
        return c.getValue();
      }
    }
    return null;
  }

  /**
   * The browser binding of a login. {@code SameSite=None; Secure}: it must come back with the
   * platform's cross-site form post; browsers accept {@code Secure} from http://localhost too.
   */
  static String bindingCookie(String name, String value, int maxAge) {
    return name + "=" + value + "; Path=/; Max-Age=" + maxAge + "; HttpOnly; Secure; SameSite=None";
  }

  private static String origin(String url) {
    java.net.URI u = java.net.URI.create(url);
    return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort());
  }

  private static String blankToNull(String v) {
    return v == null || v.isBlank() ? null : v.strip();
  }
}
