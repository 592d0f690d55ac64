package org.ltibridge.admin.boundary;

import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import org.ltibridge.admin.control.Callers;
import org.ltibridge.admin.control.OrganizationAdmin;
import org.ltibridge.admin.control.OrganizationAdmin.OrganizationView;
import org.ltibridge.system.control.Problem;
import org.omnifaces.cdi.ViewScoped;

/** Backs the "Create an organisation" form of {@code admin/organizations.xhtml}. */
@Named
@ViewScoped(saveInViewState = true)
public class NewOrganizationBacking implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject Callers callers;
  @Inject OrganizationAdmin organizations;

  private String slug;
  private String name;
  private transient OrganizationView created;

  public void create() {
    created = null;
    try {
      created = organizations.create(callers.console(), slug, name);
      Faces.info("orgs.newOrganization.created", created.name());
      slug = null;
      name = null;
    } catch (Problem refused) {
      Faces.error(refused);
    }
  }

  public OrganizationView getCreated() {
    return created;
  }

  public String getSlug() {
    return slug;
  }

  public void setSlug(String slug) {
    this.slug = slug;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }
}
