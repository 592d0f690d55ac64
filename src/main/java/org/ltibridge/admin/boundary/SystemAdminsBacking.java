package org.ltibridge.admin.boundary;

import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import org.ltibridge.admin.control.Callers;
import org.ltibridge.admin.control.PeopleAdmin;
import org.ltibridge.admin.control.PeopleAdmin.AdminView;
import org.ltibridge.system.control.Problem;
import org.omnifaces.cdi.ViewScoped;

/** Backs the system administrators' table of {@code admin/organizations.xhtml}. */
@Named
@ViewScoped(saveInViewState = true)
public class SystemAdminsBacking implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject Callers callers;
  @Inject PeopleAdmin people;

  private transient List<AdminView> admins;

  public List<AdminView> getAdmins() {
    if (admins == null) {
      reload();
    }
    return admins;
  }

  public void enable(AdminView admin, boolean enabled) {
    try {
      AdminView changed = people.updateSystemAdmin(callers.console(), admin.id(), enabled);
      Faces.info(
          enabled ? "orgs.systemAdmins.enabled" : "orgs.systemAdmins.disabled", changed.username());
    } catch (Problem refused) {
      Faces.error(refused);
    }
    admins = null;
  }

  private void reload() {
    try {
      admins = people.systemAdmins(callers.console());
    } catch (Problem refused) {
      Faces.error(refused);
      admins = List.of();
    }
  }
}
