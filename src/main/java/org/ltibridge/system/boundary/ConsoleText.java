package org.ltibridge.system.boundary;

import org.ltibridge.system.control.BundleText;

/**
 * The words of the console, the creator interface and the learner page (bundle {@value #BUNDLE},
 * {@code con} in the pages) for the messages their backing beans add: a key there and its {@link
 * java.text.MessageFormat} arguments, written in the language of the page being rendered.
 */
public final class ConsoleText {

  /** The console's words, one bundle per language (English the base). */
  public static final String BUNDLE = "org.ltibridge.i18n.console";

  private ConsoleText() {}

  /** The text of {@code key} in the language of the view being rendered. */
  public static String text(String key, Object... args) {
    return BundleText.format(BUNDLE, key, RequestLanguage.ofView(), args);
  }
}
