package org.ltibridge.system.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.util.List;

/**
 * The libraries that show a model's Markdown reply as HTML (render.js and what it builds on), for
 * every page that shows replies: the student's chat ({@code chat/boundary/ChatPageHtml}, written by
 * hand) and the creator's preview chat ({@code WEB-INF/creator/workspace.xhtml}, as {@code
 * #{markdownRendering.scripts}}), so that both load the same files in the same order.
 *
 * <p>Paths below the Faces resource URL ({@code <context>/ui/jakarta.faces.resource/}): marked,
 * DOMPurify and highlight.js from their webjars (pom.xml), which Faces serves from the jars'
 * META-INF/resources as library "webjars"; KaTeX from resources/vendor/katex (update-katex.sh),
 * whose style sheet finds its fonts next to it (fonts/...), hence no library there.
 */
@Named("markdownRendering")
@ApplicationScoped
public class MarkdownRendering {

  /** The scripts, in the order they must run; render.js last. */
  public static final List<String> SCRIPTS =
      List.of(
          "marked/15.0.12/lib/marked.umd.js?ln=webjars",
          "dompurify/3.2.6/dist/purify.min.js?ln=webjars",
          "highlightjs/11.10.0/highlight.min.js?ln=webjars",
          "vendor/katex/katex.min.js",
          "render.js?ln=ltibridge");

  /** The style sheets: KaTeX's, and highlight.js's a11y-light theme (WCAG AA contrast). */
  public static final List<String> STYLES =
      List.of(
          "vendor/katex/katex.min.css", "highlightjs/11.10.0/styles/a11y-light.min.css?ln=webjars");

  /** {@link #SCRIPTS}, for pages. */
  public List<String> getScripts() {
    return SCRIPTS;
  }

  /** {@link #STYLES}, for pages. */
  public List<String> getStyles() {
    return STYLES;
  }
}
