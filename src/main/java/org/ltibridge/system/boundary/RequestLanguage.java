package org.ltibridge.system.boundary;

import jakarta.faces.context.FacesContext;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.Locale;
import java.util.Optional;
import java.util.ResourceBundle;
import org.ltibridge.system.control.Languages;

/**
 * The language of the page a request is answered with ({@link Languages}): the one a resource set
 * for it (from a launch or a form's {@code lang} field), else the {@code lang} query parameter,
 * else the one chosen earlier on a console page (cookie {@value #COOKIE}, {@link
 * ConsoleLanguageFilter}), else the browser's {@code Accept-Language}, else English.
 */
public final class RequestLanguage {

  /** The request attribute a resource sets to the language it read from a launch or a form. */
  public static final String ATTRIBUTE = "org.ltibridge.language";

  /** The pages' messages, one bundle per language (English the base). */
  public static final String BUNDLE = "org.ltibridge.i18n.messages";

  /** The cookie that keeps the language a person chose on a console page. */
  public static final String COOKIE = "lti_bridge_lang";

  private RequestLanguage() {}

  public static String of(HttpServletRequest request) {
    if (request.getAttribute(ATTRIBUTE) instanceof String set) {
      return set;
    }
    Optional<String> asked = asked(request);
    if (asked.isPresent()) {
      return asked.get();
    }
    Cookie[] cookies = request.getCookies();
    if (cookies != null) {
      for (Cookie c : cookies) {
        if (COOKIE.equals(c.getName())) {
          Optional<String> chosen = Languages.supported(c.getValue());
          if (chosen.isPresent()) {
            return chosen.get();
          }
        }
      }
    }
    return Languages.preferred(Collections.list(request.getLocales())).orElse(Languages.DEFAULT);
  }

  /** The supported language the request's query names in its {@code lang} parameter, if any. */
  static Optional<String> asked(HttpServletRequest request) {
    String query = request.getQueryString();
    if (query != null) {
      for (String pair : query.split("&")) {
        if (pair.startsWith(Languages.PARAM + "=")) {
          var asked = Languages.supported(pair.substring(Languages.PARAM.length() + 1));
          if (asked.isPresent()) {
            return asked;
          }
        }
      }
    }
    return Optional.empty();
  }

  /** Sets the request's language from a form's {@code lang} field, if it names a supported one. */
  public static void fromForm(HttpServletRequest request, String lang) {
    Languages.supported(lang).ifPresent(l -> request.setAttribute(ATTRIBUTE, l));
  }

  /**
   * The language of the Faces view being rendered (its locale, which {@link LanguageViewHandler}
   * set from {@link #of}): for a console page that shows a refusal's text.
   */
  public static String ofView() {
    FacesContext faces = FacesContext.getCurrentInstance();
    if (faces == null) {
      return Languages.DEFAULT;
    }
    if (faces.getViewRoot() != null && faces.getViewRoot().getLocale() != null) {
      return Languages.supported(faces.getViewRoot().getLocale().toLanguageTag())
          .orElse(Languages.DEFAULT);
    }
    return of((HttpServletRequest) faces.getExternalContext().getRequest());
  }

  public static ResourceBundle messages(String language) {
    return ResourceBundle.getBundle(BUNDLE, Locale.forLanguageTag(language));
  }
}
