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
  static final String KEPT = "Transcripts are kept %d days after their last message.";
  static final String FOREVER = "Transcripts are kept until they are erased.";
  static final String NOT_A_NUMBER =
      "Enter a whole number of days, or leave the field empty to keep transcripts.";

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
        throw Problem.badRequest(NOT_A_NUMBER);
      }
      Integer saved = organizations.changeRetention(callers.console(), slug, wanted);
      show(saved);
      if (saved == null) {
        Faces.info(FOREVER);
      } else {
        Faces.info(KEPT, saved);
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
