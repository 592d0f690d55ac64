package org.ltibridge.chat.boundary;

import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.ResourceBundle;
import org.ltibridge.chat.control.ChatService;
import org.ltibridge.system.boundary.Html;
import org.ltibridge.system.boundary.RequestLanguage;

/**
 * The chat page, written directly rather than by JSF. Every student launch lands on it, and a JSF
 * render (forward to the Faces servlet, view build, PrimeFaces' head resources) cost about a
 * quarter of the server's CPU per LTI 1.3 launch; the page has no JSF component and no postback
 * (its script talks to {@link ChatResource}). Its frame is the one of the other LTI pages ({@code
 * WEB-INF/templates/lti.xhtml}): the same head, bar, skip link and {@code main}, and the same style
 * sheet.
 *
 * <p>Only published assistants are offered; with none left, the page says so instead of showing the
 * composer, and past conversations stay readable.
 */
final class ChatPageHtml {

  /**
   * What renders a reply's Markdown (render.js): marked, DOMPurify and highlight.js, served by the
   * Faces resource handler from their WebJars (META-INF/resources/webjars/...), then render.js.
   */
  static final java.util.List<String> RENDERING =
      java.util.List.of(
          "marked/15.0.12/marked.min.js?ln=webjars",
          "dompurify/3.2.6/dist/purify.min.js?ln=webjars",
          "highlightjs/11.10.0/highlight.min.js?ln=webjars",
          "render.js?ln=ltibridge");

  /** highlight.js's colours made for WCAG AA contrast. */
  static final String HIGHLIGHT_STYLE = "highlightjs/11.10.0/styles/a11y-light.min.css?ln=webjars";

  private ChatPageHtml() {}

  /**
   * @param contextPath the application's, for links
   * @param token the chat token the page's script sends with each request
   * @param chat what the page shows
   * @param language the page's language ({@link RequestLanguage})
   */
  static byte[] render(
      String contextPath, String token, ChatService.ChatView chat, String language) {
    ResourceBundle t = RequestLanguage.messages(language);
    String resources = contextPath + "/ui/jakarta.faces.resource/";
    StringBuilder html = new StringBuilder(4096);
    html.append("<!DOCTYPE html>\n<html lang=\"")
        .append(Html.escape(language))
        .append("\"><head>")
        .append("<link rel=\"stylesheet\" href=\"")
        .append(Html.escape(resources))
        .append("app.css?ln=ltibridge\" />")
        .append("<link rel=\"stylesheet\" href=\"")
        .append(Html.escape(resources))
        .append(HIGHLIGHT_STYLE)
        .append("\" />")
        .append("<meta charset=\"utf-8\" />")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />")
        .append("<meta name=\"referrer\" content=\"no-referrer\" />")
        .append("<title>")
        .append(Html.escape(t.getString("chat.title")))
        .append(" · LTI Bridge</title></head><body>\n")
        .append("<a class=\"skip\" href=\"#main\">")
        .append(Html.escape(t.getString("page.skip")))
        .append("</a>\n")
        .append("<header class=\"bar\" role=\"banner\"><span class=\"brand\">LTI Bridge</span>")
        .append("<span class=\"bar-title\">")
        .append(Html.escape(chat.activityName()))
        .append("</span></header>\n<main id=\"main\" tabindex=\"-1\">\n")
        .append("<div id=\"chat\" class=\"chat\" data-token=\"")
        .append(Html.escape(token))
        .append("\" data-base=\"")
        .append(Html.escape(contextPath))
        .append("\" data-no-model=\"")
        .append(Html.escape(ChatService.NO_MODEL))
        .append("\" data-strings=\"")
        .append(Html.escape(scriptStrings(t)))
        .append("\">\n<nav class=\"side\" aria-label=\"")
        .append(Html.escape(t.getString("chat.nav")))
        .append("\"><h1 class=\"visually-hidden\">")
        .append(Html.escape(t.getString("chat.heading")))
        .append("</h1>")
        .append(
            chat.assistants().isEmpty()
                ? ""
                : "<label for=\"assistant\">"
                    + Html.escape(t.getString("chat.assistant"))
                    + "</label>");
    if (!chat.assistants().isEmpty()) {
      html.append("<select id=\"assistant\">");
      for (ChatService.AssistantView a : chat.assistants()) {
        html.append("<option value=\"")
            .append(a.id())
            .append("\" data-answering=\"")
            .append(a.answering())
            .append("\">")
            .append(Html.escape(a.name()))
            .append("</option>");
      }
      html.append("</select>")
          .append("<button type=\"button\" id=\"new-chat\">")
          .append(Html.escape(t.getString("chat.new")))
          .append("</button>");
    }
    for (ChatService.AssistantView a : chat.assistants()) {
      if (a.shownPrompt() != null && !a.shownPrompt().isBlank()) {
        html.append("<details class=\"told\" data-assistant=\"")
            .append(a.id())
            .append("\"><summary>")
            .append(Html.escape(MessageFormat.format(t.getString("chat.told"), a.name())))
            .append("</summary><p class=\"prompt\">")
            .append(Html.escape(a.shownPrompt()))
            .append("</p></details>");
      }
    }
    html.append("<h2>")
        .append(Html.escape(t.getString("chat.conversations")))
        .append("</h2><ul id=\"conversations\">");
    for (ChatService.ConversationView c : chat.conversations()) {
      html.append("<li><button type=\"button\" class=\"link conversation\" data-id=\"")
          .append(c.id())
          .append("\" data-assistant=\"")
          .append(c.assistantId())
          .append("\">")
          .append(Html.escape(c.assistant()))
          .append(": ")
          .append(Html.escape(c.title()))
          .append("</button></li>");
    }
    html.append("</ul>")
        // What the activity keeps about the person, in a tab of its own (the chat stays open).
        .append("<form method=\"post\" target=\"_blank\" action=\"")
        .append(Html.escape(contextPath))
        .append("/lamb/v1/lti/chat/my-data\"><input type=\"hidden\" name=\"token\" value=\"")
        .append(Html.escape(token))
        .append("\" /><input type=\"hidden\" name=\"lang\" value=\"")
        .append(Html.escape(language))
        .append("\" /><button type=\"submit\" class=\"link\" id=\"my-data\">")
        .append(Html.escape(t.getString("chat.myData")))
        .append("<span class=\"visually-hidden\"> ")
        .append(Html.escape(t.getString("chat.newTab")))
        .append("</span></button></form>");
    if (chat.manages().isPresent()) {
      manage(html, contextPath, token, t);
    }
    html.append("</nav>\n<section class=\"thread\" aria-label=\"")
        .append(Html.escape(t.getString("chat.thread")))
        .append("\">")
        .append("<p id=\"model-status\" class=\"notice-inline\" role=\"status\" hidden=\"hidden\">")
        .append("</p><ol id=\"messages\"></ol>")
        // Screen readers hear the whole reply once it is there, not every streamed piece.
        .append("<p id=\"announce\" class=\"visually-hidden\" aria-live=\"polite\"></p>")
        .append("<p id=\"reply-status\" class=\"notice-inline\" role=\"status\" hidden=\"hidden\">")
        .append("</p>");
    if (chat.assistants().isEmpty()) {
      html.append("<p id=\"none-available\" class=\"notice-inline\" role=\"status\">")
          .append(Html.escape(t.getString("chat.noneAvailable")))
          .append("</p>");
    } else {
      html.append("<form id=\"composer\" class=\"composer\">")
          .append("<label for=\"message\" class=\"visually-hidden\">")
          .append(Html.escape(t.getString("chat.message")))
          .append("</label><textarea id=\"message\" rows=\"3\" maxlength=\"8000\" placeholder=\"")
          .append(Html.escape(t.getString("chat.placeholder")))
          .append("\" required=\"required\"></textarea>")
          .append("<button type=\"submit\" class=\"primary\" id=\"send\">")
          .append(Html.escape(t.getString("chat.send")))
          .append("</button><button type=\"button\" id=\"stop\" hidden=\"hidden\">")
          .append(Html.escape(t.getString("chat.stop")))
          .append("</button>")
          .append("</form>");
    }
    html.append("</section>\n</div>\n");
    for (String library : RENDERING) {
      html.append("<script src=\"")
          .append(Html.escape(resources))
          .append(library)
          .append("\"></script>\n");
    }
    html.append("<script src=\"")
        .append(Html.escape(resources))
        .append("sse.js?ln=ltibridge\"></script>\n<script src=\"")
        .append(Html.escape(resources))
        .append("chat.js?ln=ltibridge\"></script>\n</main>\n</body>\n</html>\n");
    return html.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * For an instructor who may manage a legacy link's assistant: a form that opens its placements in
   * the creator interface, in this frame ({@link ChatResource#manage}). The chat token travels in
   * the form's body, never in a URL.
   */
  private static void manage(
      StringBuilder html, String contextPath, String token, ResourceBundle t) {
    html.append("<section class=\"manage\" aria-labelledby=\"manage-title\">")
        .append("<h2 id=\"manage-title\">")
        .append(Html.escape(t.getString("chat.manage.heading")))
        .append("</h2><p id=\"manage-explained\">")
        .append(Html.escape(t.getString("chat.manage.explained")))
        .append("</p><form method=\"post\" action=\"")
        .append(Html.escape(contextPath + ChatResource.MANAGE_PATH + "#legacy-placements"))
        .append("\"><input type=\"hidden\" name=\"token\" value=\"")
        .append(Html.escape(token))
        .append("\" /><button type=\"submit\" id=\"manage\" aria-describedby=\"manage-explained\">")
        .append(Html.escape(t.getString("chat.manage")))
        .append("</button></form></section>");
  }

  /** The words chat.js writes, as a JSON object (keys without their "js." prefix). */
  static String scriptStrings(ResourceBundle t) {
    var strings = jakarta.json.Json.createObjectBuilder();
    for (String key : java.util.Collections.list(t.getKeys())) {
      if (key.startsWith("js.")) {
        strings.add(key.substring(3), t.getString(key));
      }
    }
    return strings.build().toString();
  }
}
