package org.ltibridge.learning.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.ltibridge.learning.control.LearnerCourses;
import org.ltibridge.learning.control.LearnerCourses.CourseRow;
import org.ltibridge.lti13.platform.boundary.Platform;
import org.ltibridge.lti13.platform.control.BuiltInTool;

/** Backs {@code learn/index.xhtml}: the signed-in learner's courses and how they stand. */
@Named
@RequestScoped
public class LearnerBacking {

  @Inject SecurityContext security;
  @Inject LearnerCourses courses;
  @Inject BuiltInTool builtInTool;
  @Inject Platform platform;
  @Inject HttpServletRequest request;

  private String email;
  private List<CourseRow> rows;

  @PostConstruct
  void load() {
    email = security.getCallerPrincipal().getName();
    // The built-in test LMS follows the address this learner uses (demo data only).
    builtInTool.ensure(platform.urls(request));
    rows = courses.of(email);
  }

  public String getEmail() {
    return email;
  }

  public List<CourseRow> getCourses() {
    return rows;
  }
}
