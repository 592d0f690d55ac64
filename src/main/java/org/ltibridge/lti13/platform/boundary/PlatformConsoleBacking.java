package org.ltibridge.lti13.platform.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.event.Event;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.Serializable;
import java.util.List;
import org.ltibridge.identity.control.ConsoleCaller;
import org.ltibridge.learning.control.Courses;
import org.ltibridge.learning.control.Courses.LearnerView;
import org.ltibridge.learning.entity.Course;
import org.ltibridge.learning.entity.EnrolmentView;
import org.ltibridge.lti13.platform.control.Placements;
import org.ltibridge.lti13.platform.control.Placements.PlacementDetail;
import org.ltibridge.lti13.platform.control.PlatformReached;
import org.ltibridge.lti13.platform.control.PlatformUrls;
import org.ltibridge.lti13.platform.control.Scopes;
import org.ltibridge.lti13.platform.control.ToolRegistry;
import org.ltibridge.lti13.platform.control.ToolRegistry.PlacementView;
import org.ltibridge.lti13.platform.control.ToolRegistry.ToolView;

/**
 * Backs {@code admin/platform.xhtml}: the platform values a tool's admin needs and the lists
 * (tools, placements, courses, enrolments with marks and progress). System admins only. Each form
 * of the page has a bean of its own ({@link PlatformToolForm}, {@link PlatformPlacementForm},
 * {@link PlatformCourseForm}, {@link PlatformLearnerForm}, {@link PlatformEnrolmentForm}); the
 * forms that change placements, courses, learners and enrolments live with the admin API that does
 * the same ({@code admin/boundary/Platform*ChangeForm}, {@code PlatformLearnerAccountForm}).
 */
@Named
@ViewScoped
public class PlatformConsoleBacking implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject Event<PlatformReached> reached;
  @Inject ConsoleCaller caller;
  @Inject ToolRegistry registry;
  @Inject Courses courses;
  @Inject Placements placements;
  @Inject Platform platform;

  private PlatformUrls urls;
  private boolean allowed;

  @PostConstruct
  void load() {
    urls =
        platform.urls(
            (HttpServletRequest)
                FacesContext.getCurrentInstance().getExternalContext().getRequest());
    reached.fire(new PlatformReached(urls));
    allowed = caller.isSystemAdmin();
  }

  public boolean isAllowed() {
    return allowed;
  }

  public PlatformUrls getUrls() {
    return urls;
  }

  public List<ToolView> getTools() {
    return allowed ? registry.tools() : List.of();
  }

  public List<PlacementView> getPlacements() {
    return allowed ? registry.placements() : List.of();
  }

  /** The placements with what the console's change form edits, active or not. */
  public List<PlacementDetail> getPlacementDetails() {
    return allowed ? placements.details() : List.of();
  }

  public List<LearnerView> getLearners() {
    return allowed ? courses.learners() : List.of();
  }

  public List<Course> getCourses() {
    return allowed ? courses.courses() : List.of();
  }

  public List<EnrolmentView> getEnrolments() {
    return allowed ? courses.enrolments() : List.of();
  }

  public List<String> getAllScopes() {
    return Scopes.ALL;
  }
}
