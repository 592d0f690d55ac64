package org.ltibridge.learning.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.ltibridge.identity.control.SecurityConfiguration;
import org.ltibridge.launch.entity.Roles;
import org.ltibridge.learning.entity.Course;
import org.ltibridge.learning.entity.Enrolment;
import org.ltibridge.learning.entity.EnrolmentView;
import org.ltibridge.learning.entity.Learner;
import org.ltibridge.system.control.Problem;
import org.ltibridge.system.control.UniqueViolation;

/**
 * Courses, learners and enrolments of the platform role: what the console creates, what the learner
 * page shows, and the auto-enrolment of a launch.
 */
@ApplicationScoped
public class Courses {

  static final String ERROR_CODE = "Give the course a code (letters, digits, - _ .).";
  static final String ERROR_TITLE = "Give the course a title.";
  static final String ERROR_PASSING = "The passing mark is a percentage from 0 to 100.";
  static final String ERROR_EMAIL = "Give the learner's email address.";
  static final String ERROR_PASSWORD = "Choose a password of at least 12 characters.";
  static final String ERROR_TAKEN = "%s already exists.";
  static final String ERROR_NOT_FOUND = "No such course or learner.";

  @PersistenceContext EntityManager em;
  @Inject Pbkdf2PasswordHash hash;
  @Inject Clock clock;

  @Transactional
  public Course createCourse(
      String code, String title, BigDecimal passingMarks, boolean selfEnrol) {
    String c = code == null ? "" : code.strip();
    if (!c.matches("[A-Za-z0-9._-]{1,100}")) {
      throw Problem.badRequest(ERROR_CODE);
    }
    if (title == null || title.isBlank()) {
      throw Problem.badRequest(ERROR_TITLE);
    }
    BigDecimal passing = passingMarks == null ? BigDecimal.valueOf(50) : passingMarks;
    if (passing.signum() < 0 || passing.compareTo(BigDecimal.valueOf(100)) > 0) {
      throw Problem.badRequest(ERROR_PASSING);
    }
    if (!em.createNamedQuery(Course.BY_CODE, Course.class)
        .setParameter("code", c)
        .getResultList()
        .isEmpty()) {
      throw Problem.conflict(String.format(ERROR_TAKEN, "A course with the code " + c));
    }
    Course course = new Course(c, title.strip(), passing, selfEnrol, LocalDateTime.now(clock));
    em.persist(course);
    return course;
  }

  /** A learner; without a password they exist for rosters but cannot sign in. */
  @Transactional
  public Learner createLearner(String email, String givenName, String familyName, String password) {
    String e = email == null ? "" : email.strip().toLowerCase(java.util.Locale.ROOT);
    if (!e.matches("[^@\\s]+@[^@\\s]+")) {
      throw Problem.badRequest(ERROR_EMAIL);
    }
    if (password != null && !password.isEmpty() && password.length() < 12) {
      throw Problem.badRequest(ERROR_PASSWORD);
    }
    if (findLearner(e).isPresent()) {
      throw Problem.conflict(String.format(ERROR_TAKEN, "A learner with the email " + e));
    }
    String passwordHash = null;
    if (password != null && !password.isEmpty()) {
      hash.initialize(SecurityConfiguration.HASH_PARAMETERS);
      passwordHash = hash.generate(password.toCharArray());
    }
    Learner learner =
        new Learner(
            e,
            blankToNull(givenName),
            blankToNull(familyName),
            passwordHash,
            LocalDateTime.now(clock));
    em.persist(learner);
    return learner;
  }

  @Transactional
  public void enrol(long courseId, String learnerEmail, boolean instructor) {
    Course course = em.find(Course.class, courseId);
    Learner learner = findLearner(learnerEmail).orElse(null);
    if (course == null || learner == null) {
      throw Problem.notFound(ERROR_NOT_FOUND);
    }
    if (isEnrolled(course.id(), learner.id())) {
      return;
    }
    em.persist(
        new Enrolment(
            course,
            learner,
            instructor ? Roles.INSTRUCTOR : Roles.LEARNER,
            LocalDateTime.now(clock)));
  }

  /**
   * A learner launching a course open to everyone is enrolled in it if they are not yet. Safe when
   * two launches race (the unique constraint decides; the caller's transaction stays usable because
   * the insert runs in the same statement-level check).
   *
   * @return false if the learner may not take the course (not enrolled, not open)
   */
  public boolean ensureEnrolled(Course course, Learner learner) {
    if (isEnrolled(course.id(), learner.id())) {
      return true;
    }
    if (!course.selfEnrol()) {
      return false;
    }
    try {
      em.persist(new Enrolment(course, learner, Roles.LEARNER, LocalDateTime.now(clock)));
      em.flush();
    } catch (jakarta.persistence.PersistenceException e) {
      if (!UniqueViolation.isCauseOf(e)) {
        throw e;
      }
      throw Problem.conflict("This launch raced another one: try again.");
    }
    return true;
  }

  public boolean isEnrolled(long courseId, long learnerId) {
    return em.createQuery(
                "SELECT COUNT(e) FROM Enrolment e WHERE e.course.id = :c AND e.learner.id = :l",
                Long.class)
            .setParameter("c", courseId)
            .setParameter("l", learnerId)
            .getSingleResult()
        > 0;
  }

  public Optional<Learner> findLearner(String email) {
    if (email == null) {
      return Optional.empty();
    }
    return em.createNamedQuery(Learner.BY_EMAIL, Learner.class)
        .setParameter("email", email.strip().toLowerCase(java.util.Locale.ROOT))
        .getResultStream()
        .findFirst();
  }

  public List<Course> courses() {
    return em.createNamedQuery(Course.ALL, Course.class).getResultList();
  }

  /** Every enrolment (console), newest course first within title order. */
  public List<EnrolmentView> enrolments() {
    return enrolmentViews("", null);
  }

  /** One learner's enrolments (learner page). */
  public List<EnrolmentView> enrolmentsOf(String email) {
    return enrolmentViews(" WHERE l.email = :email", email);
  }

  private List<EnrolmentView> enrolmentViews(String where, String email) {
    var q =
        em.createQuery(
            "SELECT NEW org.ltibridge.learning.entity.EnrolmentView(c.id, c.code, c.title,"
                + " l.email, CONCAT(COALESCE(l.givenName, ''), ' ', COALESCE(l.familyName, '')),"
                + " l.publicId, e.status, e.obtainedMarks, e.progress, e.evaluation,"
                + " c.passingMarks) FROM Enrolment e JOIN e.course c JOIN e.learner l"
                + where
                + " ORDER BY c.title, l.email",
            EnrolmentView.class);
    if (email != null) {
      q.setParameter("email", email);
    }
    return q.setMaxResults(500).getResultList();
  }

  static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
