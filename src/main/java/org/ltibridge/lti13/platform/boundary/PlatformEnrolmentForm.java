package org.ltibridge.lti13.platform.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.ltibridge.admin.control.Callers;
import org.ltibridge.identity.control.ConsoleCaller;
import org.ltibridge.learning.control.Courses;
import org.ltibridge.system.control.Problem;

/**
 * The platform console's form that enrols a learner in a course ({@code admin/platform.xhtml}, form
 * {@code enrol}).
 */
@Named
@RequestScoped
public class PlatformEnrolmentForm {

  @Inject ConsoleCaller caller;
  @Inject Callers callers;
  @Inject Courses courses;

  private Long enrolCourseId;
  private String enrolEmail;

  public void enrol() {
    ConsoleForms.act(
        caller,
        () -> {
          if (enrolCourseId == null) {
            throw Problem.badRequest("Choose a course.");
          }
          courses.enrol(callers.console(), enrolCourseId, enrolEmail, false);
          String done = "Enrolled " + enrolEmail + ".";
          enrolEmail = null;
          return done;
        });
  }

  public Long getEnrolCourseId() {
    return enrolCourseId;
  }

  public void setEnrolCourseId(Long enrolCourseId) {
    this.enrolCourseId = enrolCourseId;
  }

  public String getEnrolEmail() {
    return enrolEmail;
  }

  public void setEnrolEmail(String enrolEmail) {
    this.enrolEmail = enrolEmail;
  }
}
