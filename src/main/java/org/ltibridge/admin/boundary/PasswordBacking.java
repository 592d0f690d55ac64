package org.ltibridge.admin.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.ltibridge.access.control.Actor;
import org.ltibridge.admin.control.Callers;
import org.ltibridge.admin.control.OrganizationAdmin;
import org.ltibridge.identity.control.ConsoleCaller;
import org.ltibridge.system.boundary.RequestLanguage;
import org.ltibridge.system.control.Problem;

/**
 * Backs {@code admin/password.xhtml}: the signed-in account replaces its password, then goes where
 * its work is: a system admin to the console home, an org admin to their organisation's page, a
 * creator to the creator page.
 */
@Named
@RequestScoped
public class PasswordBacking {

  @Inject ConsoleCaller caller;
  @Inject Callers callers;
  @Inject OrganizationAdmin organizations;
  @Inject FacesContext faces;

  private Boolean required;
  private String current;
  private String fresh;
  private String repeat;

  public void change() throws IOException {
    try {
      caller.changeOwnPassword(current, fresh, repeat);
    } catch (Problem refused) {
      faces.addMessage(
          null,
          new FacesMessage(
              FacesMessage.SEVERITY_ERROR, refused.detail(RequestLanguage.ofView()), null));
      return;
    } finally {
      current = null;
      fresh = null;
      repeat = null;
    }
    ExternalContext external = faces.getExternalContext();
    external.getFlash().setKeepMessages(true);
    Faces.info("password.changed");
    external.redirect(external.getRequestContextPath() + home(callers.console()));
  }

  private String home(Actor actor) {
    switch (actor.role()) {
      case CREATOR:
        return ConsoleEntryResource.CREATOR_HOME;
      case ORG_ADMIN:
        try {
          return ConsoleEntryResource.ORGANIZATION_PAGE
              + URLEncoder.encode(organizations.list(actor).get(0).slug(), StandardCharsets.UTF_8);
        } catch (Problem noOrganization) {
          return ConsoleEntryResource.HOME;
        }
      default:
        return ConsoleEntryResource.HOME;
    }
  }

  public boolean isRequired() {
    if (required == null) {
      required = caller.mustChangePassword();
    }
    return required;
  }

  // Getters return null: passwords are never rendered back into the page.

  public String getCurrent() {
    return null;
  }

  public void setCurrent(String current) {
    this.current = current;
  }

  public String getFresh() {
    return null;
  }

  public void setFresh(String fresh) {
    this.fresh = fresh;
  }

  public String getRepeat() {
    return null;
  }

  public void setRepeat(String repeat) {
    this.repeat = repeat;
  }
}
