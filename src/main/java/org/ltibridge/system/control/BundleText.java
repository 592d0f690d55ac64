package org.ltibridge.system.control;

import java.text.MessageFormat;
import java.util.Arrays;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * A text of one of the resource bundles, by its key, with its {@link MessageFormat} arguments, in a
 * supported language ({@link Languages}; English otherwise). Whole numbers are written plainly (an
 * id, a count of seconds: never {@code 1,234}); an argument that is a {@link Problem.Text} is
 * written in the same language. A key missing from the bundle is returned as it is: the bundles'
 * tests keep every key the code and the pages use in them.
 */
public final class BundleText {

  private BundleText() {}

  public static String format(String bundle, String key, String language, Object... args) {
    Locale locale = Locale.forLanguageTag(language == null ? Languages.DEFAULT : language);
    String pattern;
    try {
      pattern = ResourceBundle.getBundle(bundle, locale).getString(key);
    } catch (MissingResourceException e) {
      return key;
    }
    Object[] plain =
        Arrays.stream(args == null ? new Object[0] : args)
            .map(
                a ->
                    a instanceof Problem.Text part
                        ? part.in(language)
                        : a instanceof Integer || a instanceof Long ? String.valueOf(a) : a)
            .toArray();
    return new MessageFormat(pattern, locale).format(plain);
  }
}
