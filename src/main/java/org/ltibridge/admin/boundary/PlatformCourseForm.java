package org.ltibridge.admin.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.math.BigDecimal;
import org.ltibridge.admin.control.Callers;
import org.ltibridge.learning.control.Courses;
import org.ltibridge.learning.entity.Course;

/**
 * The platform console's form that creates a course ({@code admin/platform.xhtml}, form {@code
 * course}).
 */
@Named
@RequestScoped
public class PlatformCourseForm {

  @Inject Callers callers;
  @Inject Courses courses;

  private String courseCode;
  private String courseTitle;
  private BigDecimal passingMarks = BigDecimal.valueOf(50);
  private boolean selfEnrol;

  public void createCourse() {
    PlatformForms.act(
        () -> {
          Course c =
              courses.createCourse(
                  callers.console(), courseCode, courseTitle, passingMarks, selfEnrol);
          courseCode = courseTitle = null;
          return PlatformForms.done("platform.course.created", c.title());
        });
  }

  public String getCourseCode() {
    return courseCode;
  }

  public void setCourseCode(String courseCode) {
    this.courseCode = courseCode;
  }

  public String getCourseTitle() {
    return courseTitle;
  }

  public void setCourseTitle(String courseTitle) {
    this.courseTitle = courseTitle;
  }

  public BigDecimal getPassingMarks() {
    return passingMarks;
  }

  public void setPassingMarks(BigDecimal passingMarks) {
    this.passingMarks = passingMarks;
  }

  public boolean isSelfEnrol() {
    return selfEnrol;
  }

  public void setSelfEnrol(boolean selfEnrol) {
    this.selfEnrol = selfEnrol;
  }
}
