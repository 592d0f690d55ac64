package org.ltibridge.admin.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.ltibridge.admin.control.Callers;
import org.ltibridge.learning.control.Courses;

/**
 * The platform console's form that creates a learner ({@code admin/platform.xhtml}, form {@code
 * learner}). The password is never shown back.
 */
@Named
@RequestScoped
public class PlatformLearnerForm {

  @Inject Callers callers;
  @Inject Courses courses;

  private String learnerEmail;
  private String givenName;
  private String familyName;
  private transient String learnerPassword;

  public void createLearner() {
    try {
      PlatformForms.act(
          () -> {
            courses.createLearner(
                callers.console(), learnerEmail, givenName, familyName, learnerPassword);
            PlatformForms.Done done = PlatformForms.done("platform.learner.created", learnerEmail);
            learnerEmail = givenName = familyName = null;
            return done;
          });
    } finally {
      learnerPassword = null;
    }
  }

  public String getLearnerEmail() {
    return learnerEmail;
  }

  public void setLearnerEmail(String learnerEmail) {
    this.learnerEmail = learnerEmail;
  }

  public String getGivenName() {
    return givenName;
  }

  public void setGivenName(String givenName) {
    this.givenName = givenName;
  }

  public String getFamilyName() {
    return familyName;
  }

  public void setFamilyName(String familyName) {
    this.familyName = familyName;
  }

  public String getLearnerPassword() {
    return null;
  }

  public void setLearnerPassword(String learnerPassword) {
    this.learnerPassword = learnerPassword;
  }
}
