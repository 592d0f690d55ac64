package org.ltibridge.admin.boundary;

import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.math.BigDecimal;
import org.ltibridge.admin.control.Callers;
import org.ltibridge.learning.control.Courses;
import org.ltibridge.learning.control.Courses.CourseChange;
import org.ltibridge.learning.entity.Course;
import org.omnifaces.cdi.ViewScoped;

/**
 * The platform console's form that edits a course: title, passing mark, open or not ({@code
 * admin/platform.xhtml}, form {@code editCourse}). It calls {@link Courses#changeCourse}, as the
 * admin API does.
 */
@Named
@ViewScoped(saveInViewState = true)
public class PlatformCourseChangeForm implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject Callers callers;
  @Inject Courses courses;

  private Long id;
  private String code;
  private String title;
  private BigDecimal passingMarks;
  private boolean open;

  public void edit(long courseId) {
    PlatformForms.act(
        () -> {
          Course c = courses.course(callers.console(), courseId);
          id = c.id();
          code = c.code();
          title = c.title();
          // "60", not "6E+1" (what stripTrailingZeros alone would show).
          passingMarks = new BigDecimal(c.passingMarks().stripTrailingZeros().toPlainString());
          open = c.selfEnrol();
          return null;
        });
  }

  public void save() {
    boolean done =
        PlatformForms.act(
            () -> {
              // An emptied passing mark is refused as a mark out of range would be.
              Course c =
                  courses.changeCourse(
                      callers.console(),
                      id,
                      new CourseChange(
                          title == null ? "" : title,
                          passingMarks == null ? BigDecimal.valueOf(-1) : passingMarks,
                          open));
              return PlatformForms.done(
                  c.selfEnrol() ? "platform.course.savedOpen" : "platform.course.saved",
                  c.code(),
                  c.title(),
                  c.passingMarks().stripTrailingZeros().toPlainString());
            });
    if (done) {
      id = null;
    }
  }

  public void cancel() {
    id = null;
  }

  public boolean isEditing() {
    return id != null;
  }

  public Long getId() {
    return id;
  }

  public String getCode() {
    return code;
  }

  public String getTitle() {
    return title;
  }

  public void setTitle(String title) {
    this.title = title;
  }

  public BigDecimal getPassingMarks() {
    return passingMarks;
  }

  public void setPassingMarks(BigDecimal passingMarks) {
    this.passingMarks = passingMarks;
  }

  public boolean isOpen() {
    return open;
  }

  public void setOpen(boolean open) {
    this.open = open;
  }
}
