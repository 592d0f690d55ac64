package org.ltibridge.admin.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.ltibridge.admin.control.Callers;
import org.ltibridge.learning.control.Courses;
import org.ltibridge.system.control.Problem;

/**
 * The platform console's form that enrols a learner in a course ({@code admin/platform.xhtml}, form
 * {@code enrol}).
 */
@Named
@RequestScoped
public class PlatformEnrolmentForm {

  @Inject Callers callers;
  @Inject Courses courses;

  private Long enrolCourseId;
  private String enrolEmail;

  public void enrol() {
    PlatformForms.act(
        () -> {
          if (enrolCourseId == null) {
            throw Problem.badRequest(Problem.text("admin.PlatformForms.chooseCourse"));
          }
          courses.enrol(callers.console(), enrolCourseId, enrolEmail, false);
          PlatformForms.Done done = PlatformForms.done("platform.enrolment.created", enrolEmail);
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
