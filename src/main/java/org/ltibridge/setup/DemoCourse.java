package org.ltibridge.setup;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.logging.Logger;
import org.ltibridge.learning.control.Courses;
import org.ltibridge.learning.entity.Course;
import org.ltibridge.learning.entity.Learner;
import org.ltibridge.system.control.DataDirectory;
import org.ltibridge.system.control.Randomness;

/**
 * Demo data of the platform role ({@code LTI_BRIDGE_DEMO=true}): the course {@value #CODE}, open to
 * every learner, with three learners enrolled and the demo instructor teaching it. They share one
 * random password, written once to {@value #PASSWORD_FILE} in the private data directory (never a
 * default password).
 */
@ApplicationScoped
public class DemoCourse {

  private static final Logger LOG = Logger.getLogger(DemoCourse.class.getName());
  public static final String CODE = "intro-ai";
  static final String PASSWORD_FILE = "demo-learners-password.txt";
  static final String[][] LEARNERS = {
    {"ada.learner@example.edu", "Ada", "Lovelace"},
    {"alan.learner@example.edu", "Alan", "Turing"},
    {"grace.learner@example.edu", "Grace", "Hopper"}
  };

  @PersistenceContext EntityManager em;
  @Inject Courses courses;
  @Inject DataDirectory dataDirectory;

  @Transactional
  public void load() {
    if (!em.createNamedQuery(Course.BY_CODE, Course.class)
        .setParameter("code", CODE)
        .getResultList()
        .isEmpty()) {
      return;
    }
    Course course = courses.createCourse(CODE, "Introduction to AI", BigDecimal.valueOf(60), true);
    byte[] raw = new byte[15];
    Randomness.SECURE.nextBytes(raw);
    String password = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    StringBuilder file =
        new StringBuilder("Demo learners of the course " + CODE + " (sign in at /learn):\n");
    for (String[] l : LEARNERS) {
      if (courses.findLearner(l[0]).isEmpty()) {
        Learner learner = courses.createLearner(l[0], l[1], l[2], password);
        file.append(learner.email()).append('\n');
      }
      courses.enrol(course.id(), l[0], false);
    }
    // The demo instructor (creator account of the demo organisation) teaches the course, so the
    // built-in test LMS can launch the "AI assistants" activity as an instructor too.
    if (courses.findLearner(DemoData.INSTRUCTOR).isEmpty()) {
      courses.createLearner(DemoData.INSTRUCTOR, "Demo", "Instructor", password);
      file.append(DemoData.INSTRUCTOR).append(" (instructor)\n");
    }
    courses.enrol(course.id(), DemoData.INSTRUCTOR, true);
    file.append("password: ").append(password).append('\n');
    if (dataDirectory.createPrivate(PASSWORD_FILE, file.toString())) {
      LOG.info(
          "Loaded the demo course "
              + CODE
              + "; its learners' password is in "
              + dataDirectory.pathOf(PASSWORD_FILE));
    }
  }
}
