package org.ltibridge.lti13.platform.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.ltibridge.learning.control.LearnerCourses;
import org.ltibridge.learning.control.LearnerCourses.CourseRow;
import org.ltibridge.lti13.platform.control.PlatformReached;

/**
 * Backs {@code learn/index.xhtml}: the signed-in learner's courses and how they stand, each
 * launched out to its tool through this platform.
 */
@Named
@RequestScoped
public class LearnerBacking {

  @Inject SecurityContext security;
  @Inject LearnerCourses courses;
  @Inject Event<PlatformReached> reached;
  @Inject Platform platform;
  @Inject HttpServletRequest request;

  private String email;
  private boolean disabled;
  private List<CourseRow> rows;

  @PostConstruct
  void load() {
    email = security.getCallerPrincipal().getName();
    // What follows the address this learner uses does so before the courses are read.
    reached.fire(new PlatformReached(platform.urls(request)));
    disabled = courses.disabled(email);
    rows = disabled ? List.of() : courses.of(email);
  }

  /** The account was disabled after this learner signed in: nothing is offered. */
  public boolean isDisabled() {
    return disabled;
  }

  public String getEmail() {
    return email;
  }

  public List<CourseRow> getCourses() {
    return rows;
  }
}
