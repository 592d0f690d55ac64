package org.ltibridge.system.boundary;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.ResourceBundle;

/**
 * The frame of the LTI pages written without JSF (the student's chat, the instructor's dashboard):
 * the same head, skip link, bar and {@code main} as the JSF ones ({@code
 * WEB-INF/templates/lti.xhtml}), and the same style sheet. Resources are the ones Faces serves
 * (below {@value #RESOURCES}), so that the browser caches one copy for every page.
 */
public final class LtiPageHtml {

  /** Below the application's context path: where Faces serves the resources. */
  public static final String RESOURCES = "/ui/jakarta.faces.resource/";

  private LtiPageHtml() {}

  /**
   * Starts a page: everything up to and including the opening {@code <main>}.
   *
   * @param language the page's language ({@code lang} of {@code html})
   * @param title the page's title, before " · " and the brand (plain text)
   * @param heading the bar's title (plain text)
   * @param styles style sheets beyond the application's, below {@value #RESOURCES}
   */
  public static StringBuilder open(
      String contextPath,
      String language,
      ResourceBundle messages,
      String title,
      String heading,
      List<String> styles) {
    StringBuilder html = new StringBuilder(16384);
    html.append("<!DOCTYPE html>\n<html lang=\"")
        .append(Html.escape(language))
        .append("\"><head>")
        .append("<meta charset=\"utf-8\" />")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />")
        .append("<meta name=\"referrer\" content=\"no-referrer\" />")
        .append("<title>")
        .append(Html.escape(title))
        .append(" · ")
        .append(text(messages, "page.brand"))
        .append("</title>")
        .append("<link rel=\"stylesheet\" href=\"")
        .append(Html.escape(resource(contextPath, "app.css?ln=ltibridge")))
        .append("\" />");
    for (String style : styles) {
      html.append("<link rel=\"stylesheet\" href=\"")
          .append(Html.escape(resource(contextPath, style)))
          .append("\" />");
    }
    return html.append("</head><body>\n<a class=\"skip\" href=\"#main\">")
        .append(text(messages, "page.skip"))
        .append("</a>\n<header class=\"bar\" role=\"banner\"><span class=\"brand\">")
        .append(text(messages, "page.brand"))
        .append("</span><span class=\"bar-title\">")
        .append(Html.escape(heading))
        .append("</span></header>\n<main id=\"main\" tabindex=\"-1\">\n");
  }

  /** Script elements for resources below {@value #RESOURCES}, in the order given. */
  public static void scripts(StringBuilder html, String contextPath, List<String> scripts) {
    for (String script : scripts) {
      html.append("<script src=\"")
          .append(Html.escape(resource(contextPath, script)))
          .append("\"></script>\n");
    }
  }

  /** Ends the page begun by {@link #open}: its bytes, in UTF-8. */
  public static byte[] close(StringBuilder html) {
    return html.append("</main>\n</body>\n</html>\n").toString().getBytes(StandardCharsets.UTF_8);
  }

  /** A resource's URL: {@code path} below {@value #RESOURCES}. */
  public static String resource(String contextPath, String path) {
    return contextPath + RESOURCES + path;
  }

  /** The message {@code key}, escaped for HTML text or an attribute value. */
  public static String text(ResourceBundle messages, String key) {
    return Html.escape(messages.getString(key));
  }
}
