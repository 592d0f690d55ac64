package org.ltibridge.admin.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.ltibridge.admin.control.Callers;
import org.ltibridge.learning.control.Courses;
import org.ltibridge.learning.entity.EnrolmentView;

/**
 * The enrolments' rows of the platform console, whose buttons withdraw and restore an enrolment
 * ({@code admin/platform.xhtml}, form {@code enrolmentRows}). It calls {@link
 * Courses#changeEnrolment}, as the admin API does.
 */
@Named
@RequestScoped
public class PlatformEnrolmentChangeForm {

  @Inject Callers callers;
  @Inject Courses courses;

  public void withdraw(long enrolmentId, boolean withdrawn) {
    PlatformForms.act(
        () -> {
          EnrolmentView e = courses.changeEnrolment(callers.console(), enrolmentId, withdrawn);
          return PlatformForms.done(
              withdrawn ? "platform.enrolment.withdrawn" : "platform.enrolment.restored",
              e.learnerEmail(),
              e.courseTitle());
        });
  }
}
