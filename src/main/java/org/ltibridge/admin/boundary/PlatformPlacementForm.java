package org.ltibridge.admin.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.ltibridge.admin.control.Callers;
import org.ltibridge.lti13.platform.control.Placements;
import org.ltibridge.system.control.Problem;

/**
 * The platform console's form that places a course in a tool ({@code admin/platform.xhtml}, form
 * {@code place}).
 */
@Named
@RequestScoped
public class PlatformPlacementForm {

  @Inject Callers callers;
  @Inject Placements placements;

  private Long placeToolId;
  private Long placeCourseId;
  private String externalCourseId;
  private String externalCourseUrl;
  private String contextIdOverride;
  private String resourceLinkIdOverride;
  private String customParams;
  private boolean autoSync = true;

  public void place() {
    PlatformForms.act(
        () -> {
          if (placeToolId == null || placeCourseId == null) {
            throw Problem.badRequest(Problem.text("admin.PlatformForms.chooseToolAndCourse"));
          }
          Placements.PlacementDetail p =
              placements.place(
                  callers.console(),
                  placeToolId,
                  placeCourseId,
                  externalCourseId,
                  externalCourseUrl,
                  contextIdOverride,
                  resourceLinkIdOverride,
                  customParams,
                  autoSync);
          externalCourseId = externalCourseUrl = contextIdOverride = resourceLinkIdOverride = null;
          customParams = null;
          return PlatformForms.done("platform.placement.created", p.courseTitle(), p.toolName());
        });
  }

  public Long getPlaceToolId() {
    return placeToolId;
  }

  public void setPlaceToolId(Long placeToolId) {
    this.placeToolId = placeToolId;
  }

  public Long getPlaceCourseId() {
    return placeCourseId;
  }

  public void setPlaceCourseId(Long placeCourseId) {
    this.placeCourseId = placeCourseId;
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
