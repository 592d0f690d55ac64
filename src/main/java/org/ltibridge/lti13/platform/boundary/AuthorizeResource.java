package org.ltibridge.lti13.platform.boundary;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.ltibridge.lti13.platform.control.PlatformLaunches;
import org.ltibridge.lti13.platform.control.PlatformLaunches.AuthRequest;
import org.ltibridge.lti13.platform.control.PlatformLaunches.FormPost;
import org.ltibridge.system.boundary.Html;

/**
 * {@code GET|POST /lti/authorize}: the tool's OIDC authentication request (LTI Security Framework
 * §5.1.1.2). Answers an auto-submitting form that posts the id_token and state to the tool's
 * registered redirect URI (response_mode=form_post); refusals are pages, never redirects to an
 * unverified URI.
 */
@Path("lti/authorize")
public class AuthorizeResource {

  @Inject PlatformLaunches launches;
  @Inject Platform platform;
  @Context HttpServletRequest request;

  @GET
  public Response get(
      @QueryParam("scope") String scope,
      @QueryParam("response_type") String responseType,
      @QueryParam("response_mode") String responseMode,
      @QueryParam("client_id") String clientId,
      @QueryParam("redirect_uri") String redirectUri,
      @QueryParam("login_hint") String loginHint,
      @QueryParam("lti_message_hint") String messageHint,
      @QueryParam("nonce") String nonce,
      @QueryParam("state") String state,
      @QueryParam("prompt") String prompt) {
    return answer(
        new AuthRequest(
            scope,
            responseType,
            responseMode,
            clientId,
            redirectUri,
            loginHint,
            messageHint,
            nonce,
            state,
            prompt));
  }

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response post(
      @FormParam("scope") String scope,
      @FormParam("response_type") String responseType,
      @FormParam("response_mode") String responseMode,
      @FormParam("client_id") String clientId,
      @FormParam("redirect_uri") String redirectUri,
      @FormParam("login_hint") String loginHint,
      @FormParam("lti_message_hint") String messageHint,
      @FormParam("nonce") String nonce,
      @FormParam("state") String state,
      @FormParam("prompt") String prompt) {
    return get(
        scope,
        responseType,
        responseMode,
        clientId,
        redirectUri,
        loginHint,
        messageHint,
        nonce,
        state,
        prompt);
  }

  private Response answer(AuthRequest r) {
    FormPost post = launches.authorize(r, platform.urls(request));
    StringBuilder html =
        new StringBuilder(2048 + post.idToken().length())
            .append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .append("<meta name=\"referrer\" content=\"no-referrer\"><title>Launching…</title>")
            .append("</head><body onload=\"document.forms[0].submit()\">")
            .append("<form method=\"post\" action=\"")
            .append(Html.escape(post.action()))
            .append("\"><input type=\"hidden\" name=\"id_token\" value=\"")
            .append(Html.escape(post.idToken()))
            .append("\">");
    if (post.state() != null) {
      html.append("<input type=\"hidden\" name=\"state\" value=\"")
          .append(Html.escape(post.state()))
          .append("\">");
    }
    html.append("<noscript><button type=\"submit\">Continue to the course</button></noscript>")
        .append("</form></body></html>");
    return Response.ok(html.toString(), MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
        .header("Cache-Control", "no-store")
        .build();
  }
}
