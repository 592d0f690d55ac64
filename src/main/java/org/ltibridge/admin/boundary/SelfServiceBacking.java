package org.ltibridge.admin.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.Arrays;
import org.ltibridge.admin.control.Callers;
import org.ltibridge.admin.control.OrganizationAdmin;
import org.ltibridge.admin.control.OrganizationAdmin.SelfService;
import org.ltibridge.system.control.Problem;
import org.omnifaces.cdi.ViewScoped;

/** Backs the instructor self-service form of {@code admin/organization.xhtml}. */
@Named
@ViewScoped(saveInViewState = true)
public class SelfServiceBacking implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject Callers callers;
  @Inject OrganizationAdmin organizations;

  private String slug;
  private boolean enabled;
  private String domains;

  @PostConstruct
  void load() {
    slug = Faces.organizationParameter();
    try {
      show(organizations.selfService(callers.console(), slug));
    } catch (Problem refused) {
      // The page shows the refusal of OrganizationBacking and no section.
    }
  }

  public void save() {
    try {
      show(
          organizations.changeSelfService(
              callers.console(),
              slug,
              enabled,
              Arrays.asList((domains == null ? "" : domains).split("[\\s,;]+"))));
      Faces.info(enabled ? "org.selfService.savedon" : "org.selfService.savedoff");
    } catch (Problem refused) {
      Faces.error(refused);
    }
  }

  private void show(SelfService current) {
    enabled = current.enabled();
    domains = String.join("\n", current.domains());
  }

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public String getDomains() {
    return domains;
  }

  public void setDomains(String domains) {
    this.domains = domains == null ? "" : domains;
  }
}
