package org.ltibridge.admin.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import org.ltibridge.admin.control.Callers;
import org.ltibridge.admin.control.OrganizationAdmin;
import org.ltibridge.system.control.Problem;
import org.omnifaces.cdi.ViewScoped;

/** Backs the transcript retention form of {@code admin/organization.xhtml}. */
@Named
@ViewScoped(saveInViewState = true)
public class RetentionBacking implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject Callers callers;
  @Inject OrganizationAdmin organizations;

  private String slug;
  private String days;

  @PostConstruct
  void load() {
    slug = Faces.organizationParameter();
    try {
      show(organizations.retention(callers.console(), slug));
    } catch (Problem refused) {
      // The page shows the refusal of OrganizationBacking and no section.
    }
  }

  public void save() {
    try {
      Integer wanted;
      try {
        wanted = days == null || days.isBlank() ? null : Integer.valueOf(days.strip());
      } catch (NumberFormatException e) {
        throw Problem.badRequest(Problem.text("admin.RetentionBacking.notANumber"));
      }
      Integer saved = organizations.changeRetention(callers.console(), slug, wanted);
      show(saved);
      if (saved == null) {
        Faces.info("org.retention.forever");
      } else {
        Faces.info("org.retention.kept", saved);
      }
    } catch (Problem refused) {
      Faces.error(refused);
    }
  }

  private void show(Integer current) {
    days = current == null ? "" : current.toString();
  }

  public String getDays() {
    return days;
  }

  public void setDays(String days) {
    this.days = days;
  }
}
