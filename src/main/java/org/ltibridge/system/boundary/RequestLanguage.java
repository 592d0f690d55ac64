package org.ltibridge.system.boundary;

import jakarta.faces.context.FacesContext;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.Locale;
import java.util.ResourceBundle;
import org.ltibridge.system.control.Languages;

/**
 * The language of the page a request is answered with ({@link Languages}): the one a resource set
 * for it (from a launch or a form's {@code lang} field), else the {@code lang} query parameter,
 * else the browser's {@code Accept-Language}, else English.
 */
public final class RequestLanguage {

  /** The request attribute a resource sets to the language it read from a launch or a form. */
  public static final String ATTRIBUTE = "org.ltibridge.language";

  /** The pages' messages, one bundle per language (English the base). */
  public static final String BUNDLE = "org.ltibridge.i18n.messages";

  private RequestLanguage() {}

  public static String of(HttpServletRequest request) {
    if (request.getAttribute(ATTRIBUTE) instanceof String set) {
      return set;
    }
    String query = request.getQueryString();
    if (query != null) {
      for (String pair : query.split("&")) {
        if (pair.startsWith(Languages.PARAM + "=")) {
          var asked = Languages.supported(pair.substring(Languages.PARAM.length() + 1));
          if (asked.isPresent()) {
            return asked.get();
          }
        }
      }
    }
    return Languages.preferred(Collections.list(request.getLocales())).orElse(Languages.DEFAULT);
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
