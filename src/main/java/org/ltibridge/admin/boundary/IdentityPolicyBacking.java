package org.ltibridge.admin.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.ltibridge.admin.control.Callers;
import org.ltibridge.admin.control.OrganizationAdmin;
import org.ltibridge.dashboard.control.TranscriptViews;
import org.ltibridge.system.control.Problem;
import org.omnifaces.cdi.ViewScoped;

/**
 * Backs the "Students' names" section of {@code admin/organization.xhtml}: whether activities may
 * show instructors students' names, and the record of transcripts read with names. The twins are
 * {@code GET|PUT /api/v1/admin/organizations/{slug}/identity-policy} and {@code GET
 * .../transcript-views}.
 */
@Named
@ViewScoped(saveInViewState = true)
public class IdentityPolicyBacking implements Serializable {

  private static final long serialVersionUID = 1L;
  static final int SHOWN = 50;

  @Inject Callers callers;
  @Inject OrganizationAdmin organizations;

  private String slug;
  private boolean allowed;
  private boolean visible;
  private ArrayList<TranscriptViews.Entry> views = new ArrayList<>();

  @PostConstruct
  void load() {
    slug = Faces.organizationParameter();
    try {
      allowed = organizations.namedIdentitiesAllowed(callers.console(), slug);
      views = new ArrayList<>(organizations.transcriptViews(callers.console(), slug, SHOWN));
      visible = true;
    } catch (Problem refused) {
      // The page shows the refusal of OrganizationBacking and no section.
    }
  }

  public void save() {
    try {
      allowed = organizations.allowNamedIdentities(callers.console(), slug, allowed);
      Faces.info(allowed ? "org.identityPolicy.allowed" : "org.identityPolicy.pseudonyms");
    } catch (Problem refused) {
      Faces.error(refused);
    }
  }

  public boolean isVisible() {
    return visible;
  }

  public boolean isAllowed() {
    return allowed;
  }

  public void setAllowed(boolean allowed) {
    this.allowed = allowed;
  }

  public List<TranscriptViews.Entry> getViews() {
    return views;
  }
}
