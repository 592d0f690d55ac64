package org.ltibridge.admin.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import org.ltibridge.access.control.Actor;
import org.ltibridge.admin.control.Callers;
import org.ltibridge.admin.control.OrganizationAdmin;
import org.ltibridge.admin.control.OrganizationAdmin.OrganizationView;
import org.ltibridge.system.boundary.RequestLanguage;
import org.ltibridge.system.control.AuditLog;
import org.ltibridge.system.control.Problem;
import org.omnifaces.cdi.ViewScoped;

/**
 * Backs the frame of {@code admin/organization.xhtml?org=<slug>}: which organisation, whether the
 * caller may see it at all, and its recent changes. Each section's form has its own bean. An
 * unknown organisation, or another one for an org admin, shows the control layer's message and
 * answers 404, and no section is built.
 */
@Named
@ViewScoped(saveInViewState = true)
public class OrganizationBacking implements Serializable {

  private static final long serialVersionUID = 1L;
  static final int AUDIT_ENTRIES = 50;

  @Inject Callers callers;
  @Inject OrganizationAdmin organizations;

  private String slug;
  private boolean systemAdmin;
  private transient OrganizationView organization;
  private boolean found;
  private String refusal;
  private transient List<AuditLog.Entry> audit;

  @PostConstruct
  void load() {
    slug = Faces.organizationParameter();
    Actor actor = callers.console();
    systemAdmin = actor.isSystemAdmin();
    try {
      organization = organizations.get(actor, slug);
      found = true;
    } catch (Problem refused) {
      refusal = refused.detail(RequestLanguage.ofView());
      FacesContext.getCurrentInstance().getExternalContext().setResponseStatus(refused.status());
    }
  }

  public List<AuditLog.Entry> getAudit() {
    if (audit == null) {
      try {
        audit = organizations.audit(callers.console(), slug, AUDIT_ENTRIES);
      } catch (Problem refused) {
        Faces.error(refused);
        audit = List.of();
      }
    }
    return audit;
  }

  public boolean isFound() {
    return found;
  }

  public String getRefusal() {
    return refusal;
  }

  /**
   * Read afresh after every postback: the bean travels in the page's view state, its transient
   * fields do not.
   */
  public OrganizationView getOrganization() {
    if (organization == null && found) {
      try {
        organization = organizations.get(callers.console(), slug);
      } catch (Problem refused) {
        Faces.error(refused);
        found = false;
      }
    }
    return organization;
  }

  public String getSlug() {
    return slug;
  }

  public boolean isSystemAdmin() {
    return systemAdmin;
  }
}
