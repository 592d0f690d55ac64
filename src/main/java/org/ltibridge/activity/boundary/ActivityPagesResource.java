package org.ltibridge.activity.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
import java.util.List;
import java.util.Optional;
import org.ltibridge.activity.control.Configuration;
import org.ltibridge.activity.control.PageModels;
import org.ltibridge.activity.control.UnifiedActivityFlow;
import org.ltibridge.activity.entity.IdentityPolicy;
import org.ltibridge.launch.boundary.Outcomes;
import org.ltibridge.system.boundary.FormValues;
import org.ltibridge.system.boundary.PageRenderer;
import org.ltibridge.system.boundary.RequestLanguage;
import org.ltibridge.system.control.Languages;
import org.ltibridge.system.control.Problem;

/**
 * The Unified LTI pages and form posts of LAMB lti_landscape.md §9.1 (setup, configure,
 * reconfigure, dashboard, consent, enter-chat). Each GET accepts its token from the URL once; forms
 * post it in the body. Thin: checks input, calls {@link Configuration}, answers a page or a 303.
 */
@Path("lamb/v1/lti")
@ApplicationScoped
public class ActivityPagesResource {

  @Inject Configuration configuration;
  @Inject UnifiedActivityFlow flow;
  @Inject PageRenderer pages;
  @Inject Outcomes outcomes;

  @Context HttpServletRequest request;
  @Context HttpServletResponse response;

  @GET
  @Path("setup")
  @Produces(MediaType.TEXT_HTML)
  public Response setup(@QueryParam("token") String token) {
    PageModels.Setup model = configuration.setupPage(token);
    return pages.render(request, response, 200, "setup", model);
  }

  /** LAMB lti_landscape.md §10.1 configure: LAMB's plain form is accepted as it is. */
  @POST
  @Path("configure")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response configure(
      @FormParam("token") String token,
      @FormParam("organization_id") String organizationId,
      @FormParam("assistant_ids") List<String> assistantIds,
      @FormParam("chat_visibility_enabled") String chatVisibility,
      @FormParam("activity_name") String activityName,
      @FormParam("lang") String lang) {
    RequestLanguage.fromForm(request, lang); // a refusal, too, in the setup page's language
    String dashboardToken =
        configuration.configure(
            token,
            FormValues.parseId(organizationId, "organization_id"),
            FormValues.parseIds(assistantIds),
            FormValues.isChecked(chatVisibility),
            activityName);
    return outcomes.seeOther(
        Languages.carry(UnifiedActivityFlow.DASHBOARD + dashboardToken, Optional.ofNullable(lang)),
        request);
  }

  @POST
  @Path("reconfigure")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response reconfigure(
      @FormParam("token") String token,
      @FormParam("assistant_ids") List<String> assistantIds,
      @FormParam("chat_visibility_enabled") String chatVisibility,
      @FormParam("activity_name") String activityName,
      @FormParam("identity_policy") String identityPolicy,
      @FormParam("lang") String lang) {
    RequestLanguage.fromForm(request, lang); // a refusal, too, in the dashboard's language
    // LAMB's form has no identity_policy: absent, the policy stays as it is.
    Optional<IdentityPolicy> policy =
        identityPolicy == null
            ? Optional.empty()
            : Optional.of(
                IdentityPolicy.named(identityPolicy)
                    .orElseThrow(() -> Problem.badRequest(ERROR_POLICY)));
    String fresh =
        configuration.reconfigure(
            token,
            FormValues.parseIds(assistantIds),
            FormValues.isChecked(chatVisibility),
            activityName,
            policy);
    return outcomes.seeOther(
        Languages.carry(UnifiedActivityFlow.DASHBOARD + fresh, Optional.ofNullable(lang)), request);
  }

  @GET
  @Path("consent")
  @Produces(MediaType.TEXT_HTML)
  public Response consentPage(@QueryParam("token") String token) {
    return pages.render(request, response, 200, "consent", configuration.consentPage(token));
  }

  /**
   * LAMB lti_landscape.md §10.4: the student's answer to the notice ({@code choice}: {@code agree},
   * the default, or {@code decline}) is recorded and the chat opens.
   */
  @POST
  @Path("consent")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response consent(
      @FormParam("token") String token,
      @FormParam("choice") String choice,
      @FormParam("lang") String lang) {
    RequestLanguage.fromForm(request, lang);
    String chatToken = configuration.consent(token, agrees(choice));
    return outcomes.seeOther(
        Languages.carry(UnifiedActivityFlow.CHAT + chatToken, Optional.ofNullable(lang)), request);
  }

  /** An instructor opens the chat of the activity (dashboard's "Open chat"). */
  @POST
  @Path("enter-chat")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response enterChat(@FormParam("token") String token, @FormParam("lang") String lang) {
    RequestLanguage.fromForm(request, lang);
    return outcomes.seeOther(
        Languages.carry(
            UnifiedActivityFlow.CHAT + configuration.enterChat(token), Optional.ofNullable(lang)),
        request);
  }

  /** LAMB-compatible GET form of enter-chat; the token must be a dashboard token. */
  @GET
  @Path("enter-chat")
  public Response enterChatGet(
      @QueryParam("token") String token, @QueryParam(Languages.PARAM) String lang) {
    return enterChat(token, lang);
  }

  static final Problem.Text ERROR_POLICY = Problem.text("activity.ActivityPagesResource.policy");

  static final Problem.Text ERROR_CHOICE = Problem.text("activity.ActivityPagesResource.choice");

  /** The consent form's answer: agree (also when missing, as the form of earlier pages sent). */
  static boolean agrees(String choice) {
    if (choice == null || choice.equals("agree")) {
      return true;
    }
    if (choice.equals("decline")) {
      return false;
    }
    throw Problem.badRequest(ERROR_CHOICE);
  }
}
