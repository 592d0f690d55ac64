package org.ltibridge.admin.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.ltibridge.admin.control.Callers;
import org.ltibridge.learning.control.Courses;
import org.ltibridge.learning.control.Courses.LearnerView;

/**
 * The learners' rows of the platform console, whose buttons disable and enable an account ({@code
 * admin/platform.xhtml}, form {@code learnerRows}). It calls {@link Courses#changeLearner}, as the
 * admin API does.
 */
@Named
@RequestScoped
public class PlatformLearnerAccountForm {

  @Inject Callers callers;
  @Inject Courses courses;

  public void enable(long learnerId, boolean enabled) {
    PlatformForms.act(
        () -> {
          LearnerView l = courses.changeLearner(callers.console(), learnerId, enabled);
          return PlatformForms.done(
              enabled ? "platform.learner.enabled" : "platform.learner.disabled", l.email());
        });
  }
}
