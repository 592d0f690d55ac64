package org.ltibridge.learning.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import java.util.List;
import org.ltibridge.learning.control.LearnerCourses;
import org.ltibridge.learning.control.LearnerCourses.CourseRow;

/** Backs {@code learn/index.xhtml}: the signed-in learner's courses and how they stand. */
@Named
@RequestScoped
public class LearnerBacking {

  @Inject SecurityContext security;
  @Inject LearnerCourses courses;

  private String email;
  private List<CourseRow> rows;

  @PostConstruct
  void load() {
    email = security.getCallerPrincipal().getName();
    rows = courses.of(email);
  }

  public String getEmail() {
    return email;
  }

  public List<CourseRow> getCourses() {
    return rows;
  }
}
