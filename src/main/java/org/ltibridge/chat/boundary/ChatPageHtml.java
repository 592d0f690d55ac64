package org.ltibridge.chat.boundary;

import java.text.MessageFormat;
import java.util.ResourceBundle;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.ltibridge.chat.control.ChatService;
import org.ltibridge.system.boundary.Html;
import org.ltibridge.system.boundary.JsonValues;
import org.ltibridge.system.boundary.LtiPageHtml;
import org.ltibridge.system.boundary.MarkdownRendering;
import org.ltibridge.system.boundary.RequestLanguage;
import org.ltibridge.system.control.Languages;

/**
 * The chat page, written directly rather than by JSF. Every student launch lands on it, and a JSF
 * render (forward to the Faces servlet, view build, PrimeFaces' head resources) cost about a
 * quarter of the server's CPU per LTI 1.3 launch; the page has no JSF component and no postback
 * (its script talks to {@link ChatResource}). Its frame is the one of the other LTI pages ({@link
 * LtiPageHtml}).
 *
 * <p>Only published assistants are offered; with none left, the page says so instead of showing the
 * composer, and past conversations stay readable.
 *
 * <p>It speaks the request's language ({@link RequestLanguage}): its words, and those its script
 * shows (the keys under {@value #SCRIPT_KEYS}, in a JSON element), come from the LTI pages' bundle;
 * "Your data" is asked for in the same language.
 */
final class ChatPageHtml {

  /** Keys of the words chat.js shows: sent to it, this prefix taken off, in the page. */
  static final String SCRIPT_KEYS = "chat.js.";

  private static final String SSE = "sse.js?ln=ltibridge";
  private static final String SCRIPT = "chat.js?ln=ltibridge";

  private ChatPageHtml() {}

  /**
   * @param contextPath the application's, for links
   * @param token the chat token the page's script sends with each request
   * @param chat what the page shows
   * @param language one of {@link Languages#SUPPORTED}, from {@link RequestLanguage#of}
   */
  static byte[] render(
      String contextPath, String token, ChatService.ChatView chat, String language) {
    ResourceBundle messages = RequestLanguage.messages(language);
    StringBuilder html =
        LtiPageHtml.open(
            contextPath,
            language,
            messages,
            messages.getString("chat.title"),
            chat.activityName(),
            MarkdownRendering.STYLES);
    html.append("<div id=\"chat\" class=\"chat\" data-token=\"")
        .append(Html.escape(token))
        .append("\" data-base=\"")
        .append(Html.escape(contextPath))
        .append("\" data-no-model=\"")
        .append(text(messages, "chat.noModel"))
        .append("\">\n<nav class=\"side\" aria-label=\"")
        .append(text(messages, "chat.nav"))
        .append("\"><h1 class=\"visually-hidden\">")
        .append(text(messages, "chat.heading"))
        .append("</h1>");
    if (!chat.assistants().isEmpty()) {
      html.append("<label for=\"assistant\">")
          .append(text(messages, "chat.assistant"))
          .append("</label>");
    }
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
          .append(text(messages, "chat.new"))
          .append("</button>");
    }
    for (ChatService.AssistantView a : chat.assistants()) {
      if (a.shownPrompt() != null && !a.shownPrompt().isBlank()) {
        html.append("<details class=\"told\" data-assistant=\"")
            .append(a.id())
            .append("\"><summary>")
            .append(Html.escape(MessageFormat.format(messages.getString("chat.told"), a.name())))
            .append("</summary><p class=\"prompt\">")
            .append(Html.escape(a.shownPrompt()))
            .append("</p></details>");
      }
    }
    html.append("<h2>")
        .append(text(messages, "chat.conversations"))
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
        .append("\" /><input type=\"hidden\" name=\"")
        .append(Languages.PARAM)
        .append("\" value=\"")
        .append(Html.escape(language))
        .append("\" /><button type=\"submit\" class=\"link\" id=\"my-data\">")
        .append(text(messages, "chat.myData"))
        .append("<span class=\"visually-hidden\"> ")
        .append(text(messages, "chat.newTab"))
        .append("</span></button></form>");
    if (chat.manages().isPresent()) {
      manage(html, contextPath, token, messages);
    }
    html.append("</nav>\n<section class=\"thread\" aria-label=\"")
        .append(text(messages, "chat.thread"))
        .append("\">")
        .append("<p id=\"model-status\" class=\"notice-inline\" role=\"status\" hidden=\"hidden\">")
        .append("</p><ol id=\"messages\"></ol>")
        // Screen readers hear the whole reply once it is there, not every streamed piece.
        .append("<p id=\"announce\" class=\"visually-hidden\" aria-live=\"polite\"></p>")
        .append("<p id=\"copy-status\" class=\"visually-hidden\" role=\"status\"></p>")
        .append("<p id=\"reply-status\" class=\"notice-inline\" role=\"status\" hidden=\"hidden\">")
        .append("</p>");
    if (chat.assistants().isEmpty()) {
      html.append("<p id=\"none-available\" class=\"notice-inline\" role=\"status\">")
          .append(text(messages, "chat.noneAvailable"))
          .append("</p>");
    } else {
      html.append("<form id=\"composer\" class=\"composer\">")
          .append("<label for=\"message\" class=\"visually-hidden\">")
          .append(text(messages, "chat.message"))
          .append("</label><textarea id=\"message\" rows=\"3\" maxlength=\"8000\" placeholder=\"")
          .append(text(messages, "chat.placeholder"))
          .append("\" required=\"required\"></textarea>")
          .append("<button type=\"submit\" class=\"primary\" id=\"send\">")
          .append(text(messages, "chat.send"))
          .append("</button><button type=\"button\" id=\"stop\" hidden=\"hidden\">")
          .append(text(messages, "chat.stop"))
          .append("</button></form>");
    }
    html.append("</section>\n</div>\n<script type=\"application/json\" id=\"chat-strings\">")
        .append(scriptStrings(messages))
        .append("</script>\n");
    LtiPageHtml.scripts(
        html,
        contextPath,
        Stream.concat(MarkdownRendering.SCRIPTS.stream(), Stream.of(SSE, SCRIPT)).toList());
    return LtiPageHtml.close(html);
  }

  private static String text(ResourceBundle messages, String key) {
    return LtiPageHtml.text(messages, key);
  }

  /**
   * The words chat.js shows (the bundle's keys under {@value #SCRIPT_KEYS}, that prefix taken off)
   * as a JSON object to sit in a {@code <script>} element: every {@code <} is written as its JSON
   * escape, so that no text can close the element (HTML Living Standard §4.12.1.3, "Restrictions
   * for contents of script elements").
   */
  static String scriptStrings(ResourceBundle messages) {
    var json = JsonValues.object();
    for (String key : new TreeSet<>(messages.keySet())) {
      if (key.startsWith(SCRIPT_KEYS)) {
        json.add(key.substring(SCRIPT_KEYS.length()), messages.getString(key));
      }
    }
    return json.build().toString().replace("<", "\\u003c");
  }

  /**
   * For an instructor who may manage a legacy link's assistant: a form that opens its placements in
   * the creator interface, in this frame ({@link ChatResource#manage}). The chat token travels in
   * the form's body, never in a URL.
   */
  private static void manage(
      StringBuilder html, String contextPath, String token, ResourceBundle messages) {
    html.append("<section class=\"manage\" aria-labelledby=\"manage-title\">")
        .append("<h2 id=\"manage-title\">")
        .append(text(messages, "chat.manage.heading"))
        .append("</h2><p id=\"manage-explained\">")
        .append(text(messages, "chat.manage.explained"))
        .append("</p><form method=\"post\" action=\"")
        .append(Html.escape(contextPath + ChatResource.MANAGE_PATH + "#legacy-placements"))
        .append("\"><input type=\"hidden\" name=\"token\" value=\"")
        .append(Html.escape(token))
        .append("\" /><button type=\"submit\" id=\"manage\" aria-describedby=\"manage-explained\">")
        .append(text(messages, "chat.manage"))
        .append("</button></form></section>");
  }
}
