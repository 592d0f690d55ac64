package org.ltibridge.admin.boundary;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.servlet.http.HttpServletRequest;
import org.ltibridge.system.boundary.ConsoleText;
import org.ltibridge.system.boundary.RequestLanguage;
import org.ltibridge.system.control.Problem;

/** What every backing bean of the administration pages does the same way. */
final class Faces {

  /** The query parameter that names the organisation of {@code organization.xhtml}. */
  static final String ORG = "org";

  private Faces() {}

  /** The organisation slug of the page, read once when the view is first built. */
  static String organizationParameter() {
    return FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap().get(ORG);
  }

  static HttpServletRequest request() {
    return (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest();
  }

  /**
   * Tells the person what their action did: the text of {@code key} in the console's bundle ({@link
   * ConsoleText}), in the page's language.
   */
  static void info(String key, Object... args) {
    FacesContext.getCurrentInstance()
        .addMessage(
            null, new FacesMessage(FacesMessage.SEVERITY_INFO, ConsoleText.text(key, args), null));
  }

  static void error(Problem refused) {
    FacesContext.getCurrentInstance()
        .addMessage(
            null,
            new FacesMessage(
                FacesMessage.SEVERITY_ERROR, refused.detail(RequestLanguage.ofView()), null));
  }
}
