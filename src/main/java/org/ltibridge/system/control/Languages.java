package org.ltibridge.system.control;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The languages LTI Bridge's pages speak, and which one a person gets: the one their launch asked
 * for (LTI 1.1 {@code launch_presentation_locale}, LTI 1.3's launch presentation {@code locale}),
 * carried from page to page in the {@code lang} query or form parameter; otherwise the browser's
 * {@code Accept-Language} (RFC 9110, 12.5.4); otherwise English. Tags are BCP 47 (RFC 5646), also
 * in the {@code es_ES} form some LMSs send.
 */
public final class Languages {

  /** The parameter that carries the language from page to page. */
  public static final String PARAM = "lang";

  /** English first: the default. */
  public static final List<String> SUPPORTED = List.of("en", "es");

  public static final String DEFAULT = SUPPORTED.get(0);

  private Languages() {}

  /** The supported language a tag names ({@code es-MX} and {@code es_ES} are {@code es}). */
  public static Optional<String> supported(String tag) {
    if (tag == null || tag.isBlank() || tag.length() > 35) {
      return Optional.empty();
    }
    String language = Locale.forLanguageTag(tag.strip().replace('_', '-')).getLanguage();
    return SUPPORTED.contains(language) ? Optional.of(language) : Optional.empty();
  }

  /**
   * The first supported language of the browser's preferences, most preferred first (what the
   * servlet container parsed from {@code Accept-Language}).
   */
  public static Optional<String> preferred(Iterable<Locale> browser) {
    for (Locale l : browser) {
      if (SUPPORTED.contains(l.getLanguage())) {
        return Optional.of(l.getLanguage());
      }
    }
    return Optional.empty();
  }

  /** {@code path} carrying the language {@code tag} names, if it names a supported one. */
  public static String carry(String path, Optional<String> tag) {
    return tag.flatMap(Languages::supported)
        .map(l -> path + (path.indexOf('?') < 0 ? '?' : '&') + PARAM + "=" + l)
        .orElse(path);
  }
}
