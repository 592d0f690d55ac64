package org.ltibridge.system.boundary;

import jakarta.faces.application.ViewHandler;
import jakarta.faces.application.ViewHandlerWrapper;
import jakarta.faces.context.FacesContext;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;

/** Faces views in the language {@link RequestLanguage} chooses (registered in faces-config.xml). */
public class LanguageViewHandler extends ViewHandlerWrapper {

  public LanguageViewHandler(ViewHandler wrapped) {
    super(wrapped);
  }

  @Override
  public Locale calculateLocale(FacesContext context) {
    if (context.getExternalContext().getRequest() instanceof HttpServletRequest request) {
      return Locale.forLanguageTag(RequestLanguage.of(request));
    }
    return super.calculateLocale(context);
  }
}
