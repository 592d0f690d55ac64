package org.ltibridge.admin.boundary;

import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import org.ltibridge.admin.control.Callers;
import org.ltibridge.lti13.platform.control.Placements;
import org.ltibridge.lti13.platform.control.Placements.PlacementChange;
import org.ltibridge.lti13.platform.control.Placements.PlacementDetail;
import org.ltibridge.system.boundary.ConsoleText;
import org.omnifaces.cdi.ViewScoped;

/**
 * The platform console's form that edits a placement of a course in a tool, and its rows' buttons
 * that deactivate and reactivate one ({@code admin/platform.xhtml}, forms {@code placementRows} and
 * {@code editPlacement}). Both call {@link Placements#change}, as the admin API does.
 */
@Named
@ViewScoped(saveInViewState = true)
public class PlatformPlacementChangeForm implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject Callers callers;
  @Inject Placements placements;

  private Long id;
  private String title;
  private String externalCourseId;
  private String externalCourseUrl;
  private String contextIdOverride;
  private String resourceLinkIdOverride;
  private String customParams;
  private boolean autoSync;

  /** Opens the edit form with the placement's values. */
  public void edit(long placementId) {
    PlatformForms.act(
        () -> {
          PlacementDetail p = placements.get(callers.console(), placementId);
          id = p.id();
          title = ConsoleText.text("platform.placement.title", p.courseTitle(), p.toolName());
          externalCourseId = p.externalCourseId();
          externalCourseUrl = p.externalCourseUrl();
          contextIdOverride = p.contextIdOverride();
          resourceLinkIdOverride = p.resourceLinkIdOverride();
          customParams = p.customParams();
          autoSync = p.autoSyncGrades();
          return null;
        });
  }

  public void save() {
    boolean done =
        PlatformForms.act(
            () -> {
              PlacementDetail p =
                  placements.change(
                      callers.console(),
                      id,
                      new PlacementChange(
                          orEmpty(externalCourseId),
                          orEmpty(externalCourseUrl),
                          orEmpty(contextIdOverride),
                          orEmpty(resourceLinkIdOverride),
                          orEmpty(customParams),
                          autoSync,
                          null));
              return PlatformForms.done(
                  "platform.placement.saved", p.courseTitle(), p.toolName(), p.contextId());
            });
    if (done) {
      id = null;
    }
  }

  public void cancel() {
    id = null;
  }

  /** Deactivates or reactivates one placement (a row's button). */
  public void activate(long placementId, boolean active) {
    PlatformForms.act(
        () -> {
          PlacementDetail p =
              placements.change(callers.console(), placementId, PlacementChange.activation(active));
          return PlatformForms.done(
              active ? "platform.placement.reactivated" : "platform.placement.deactivated",
              p.courseTitle(),
              p.toolName());
        });
  }

  /** An emptied field clears its value (null would keep it). */
  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  public boolean isEditing() {
    return id != null;
  }

  public Long getId() {
    return id;
  }

  public String getTitle() {
    return title;
  }

  public String getExternalCourseId() {
    return externalCourseId;
  }

  public void setExternalCourseId(String externalCourseId) {
    this.externalCourseId = externalCourseId;
  }

  public String getExternalCourseUrl() {
    return externalCourseUrl;
  }

  public void setExternalCourseUrl(String externalCourseUrl) {
    this.externalCourseUrl = externalCourseUrl;
  }

  public String getContextIdOverride() {
    return contextIdOverride;
  }

  public void setContextIdOverride(String contextIdOverride) {
    this.contextIdOverride = contextIdOverride;
  }

  public String getResourceLinkIdOverride() {
    return resourceLinkIdOverride;
  }

  public void setResourceLinkIdOverride(String resourceLinkIdOverride) {
    this.resourceLinkIdOverride = resourceLinkIdOverride;
  }

  public String getCustomParams() {
    return customParams;
  }

  public void setCustomParams(String customParams) {
    this.customParams = customParams;
  }

  public boolean isAutoSync() {
    return autoSync;
  }

  public void setAutoSync(boolean autoSync) {
    this.autoSync = autoSync;
  }
}
