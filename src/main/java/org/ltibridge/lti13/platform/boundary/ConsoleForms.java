package org.ltibridge.lti13.platform.boundary;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import java.util.function.Supplier;
import org.ltibridge.identity.control.ConsoleCaller;
import org.ltibridge.system.control.Problem;

/** How a form of the platform console acts: system admins only, asked again on every action. */
final class ConsoleForms {

  private ConsoleForms() {}

  /** Runs {@code action} for a system admin; its answer or refusal becomes the page's message. */
  static void act(ConsoleCaller caller, Supplier<String> action) {
    FacesContext faces = FacesContext.getCurrentInstance();
    try {
      caller.requireSystemAdmin();
      faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, action.get(), null));
    } catch (Problem refused) {
      faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, refused.detail(), null));
    }
  }
}
