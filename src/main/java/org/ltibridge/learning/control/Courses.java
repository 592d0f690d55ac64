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
import org.ltibridge.access.control.Actor;
import org.ltibridge.access.control.Permissions;
import org.ltibridge.access.control.Permissions.Action;
import org.ltibridge.identity.control.SecurityConfiguration;
import org.ltibridge.launch.entity.Roles;
import org.ltibridge.learning.entity.Course;
import org.ltibridge.learning.entity.Enrolment;
import org.ltibridge.learning.entity.EnrolmentView;
import org.ltibridge.learning.entity.Learner;
import org.ltibridge.system.control.AuditLog;
import org.ltibridge.system.control.Problem;
import org.ltibridge.system.control.UniqueViolation;

/**
 * Courses, learners and enrolments of the platform role: what the console creates and changes, what
 * the learner page shows, and the auto-enrolment of a launch. The changes (a course's title,
 * passing mark and openness; a learner account disabled or enabled; an enrolment withdrawn or
 * restored) are the console's and the admin API's alike: each asks {@link Permissions} first,
 * checks every input before it writes, and records itself in the {@link AuditLog}.
 */
@ApplicationScoped
public class Courses {

  static final Problem.Text ERROR_CODE = Problem.text("learning.Courses.code");
  static final Problem.Text ERROR_TITLE = Problem.text("learning.Courses.title");
  static final Problem.Text ERROR_PASSING = Problem.text("learning.Courses.passing");
  static final Problem.Text ERROR_EMAIL = Problem.text("learning.Courses.email");
  static final Problem.Text ERROR_PASSWORD = Problem.text("learning.Courses.password");
  static final Problem.Text ERROR_TAKEN = Problem.text("learning.Courses.taken");
  static final Problem.Text ERROR_NOT_FOUND = Problem.text("learning.Courses.notFound");
  static final Problem.Text ERROR_NO_COURSE = Problem.text("learning.Courses.noCourse");
  static final Problem.Text ERROR_NO_LEARNER = Problem.text("learning.Courses.noLearner");
  static final Problem.Text ERROR_NO_ENROLMENT = Problem.text("learning.Courses.noEnrolment");
  static final Problem.Text ERROR_TITLE_LONG = Problem.text("learning.Courses.titleLong");
  static final Problem.Text ERROR_WITHDRAWN = Problem.text("learning.Courses.withdrawn");
  static final Problem.Text ERROR_NOTHING = Problem.text("learning.Courses.nothing");
  static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  @PersistenceContext EntityManager em;
  @Inject Pbkdf2PasswordHash hash;
  @Inject Clock clock;
  @Inject AuditLog audit;
  @Inject ScoreTargets targets;

  /** A course's new values; a null one stays as it is. */
  public record CourseChange(String title, BigDecimal passingMarks, Boolean open) {}

  /** A learner account as the console and the admin API list it. */
  public record LearnerView(
      long id, String email, String name, String userId, boolean enabled, boolean hasPassword) {}

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
    BigDecimal passing = passing(passingMarks == null ? BigDecimal.valueOf(50) : passingMarks);
    if (!em.createNamedQuery(Course.BY_CODE, Course.class)
        .setParameter("code", c)
        .getResultList()
        .isEmpty()) {
      throw Problem.conflict(ERROR_TAKEN.with(Problem.text("learning.Courses.courseCode", c)));
    }
    Course course = new Course(c, title.strip(), passing, selfEnrol, LocalDateTime.now(clock));
    em.persist(course);
    return course;
  }

  /** A course (the console's form and {@code POST /api/v1/admin/platform/courses}). */
  @Transactional
  public Course createCourse(
      Actor actor, String code, String title, BigDecimal passingMarks, boolean selfEnrol) {
    Permissions.require(actor, Action.MANAGE_PLATFORM_COURSES, null);
    Course course = createCourse(code, title, passingMarks, selfEnrol);
    audit.record(actor.name(), null, "course.create", course.code(), null);
    em.flush(); // its id, for the answer
    return course;
  }

  /** A learner (the console's form and {@code POST /api/v1/admin/platform/learners}). */
  @Transactional
  public LearnerView createLearner(
      Actor actor, String email, String givenName, String familyName, String password) {
    Permissions.require(actor, Action.MANAGE_PLATFORM_COURSES, null);
    Learner learner = createLearner(email, givenName, familyName, password);
    audit.record(actor.name(), null, "learner.create", learner.email(), null);
    em.flush(); // its id, for the answer
    return view(learner);
  }

  /**
   * Enrols a learner (the console's form and {@code POST /api/v1/admin/platform/enrolments}); an
   * enrolment that exists already is answered as it is.
   */
  @Transactional
  public EnrolmentView enrol(Actor actor, long courseId, String learnerEmail, boolean instructor) {
    Permissions.require(actor, Action.MANAGE_PLATFORM_COURSES, null);
    enrol(courseId, learnerEmail, instructor);
    em.flush();
    Learner learner = findLearner(learnerEmail).orElseThrow();
    Enrolment enrolment = enrolment(courseId, learner.id()).orElseThrow();
    audit.record(
        actor.name(), null, "enrolment.create", learner.email() + " in course " + courseId, null);
    return enrolment(actor, enrolment.id());
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
      throw Problem.conflict(ERROR_TAKEN.with(Problem.text("learning.Courses.learnerEmail", e)));
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
    Optional<Enrolment> existing = enrolment(course.id(), learner.id());
    if (existing.isPresent()) {
      if (existing.get().withdrawn()) {
        throw Problem.conflict(ERROR_WITHDRAWN.with(learner.email()));
      }
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
   * @return false if the learner may not take the course (not enrolled and not open, or their
   *     enrolment is withdrawn: a withdrawn learner is not enrolled again by launching)
   */
  public boolean ensureEnrolled(Course course, Learner learner) {
    Optional<Enrolment> existing = enrolment(course.id(), learner.id());
    if (existing.isPresent()) {
      return !existing.get().withdrawn();
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
      throw Problem.conflict(Problem.text("learning.Courses.raced"));
    }
    return true;
  }

  /** The learner's enrolment in the course, withdrawn or not. */
  public Optional<Enrolment> enrolment(long courseId, long learnerId) {
    return em.createQuery(
            "SELECT e FROM Enrolment e WHERE e.course.id = :c AND e.learner.id = :l",
            Enrolment.class)
        .setParameter("c", courseId)
        .setParameter("l", learnerId)
        .getResultStream()
        .findFirst();
  }

  // --- changes (console and admin API) ---------------------------------------------------------

  /**
   * Changes a course's title, passing mark and openness (null values stay). A new passing mark
   * decides the evaluation of every marked enrolment again ({@link ScoreRule#evaluation}), so that
   * what the learner page shows agrees with the mark it shows beside it.
   */
  @Transactional
  public Course changeCourse(Actor actor, long courseId, CourseChange change) {
    Permissions.require(actor, Action.MANAGE_PLATFORM_COURSES, null);
    Course course = em.find(Course.class, courseId);
    if (course == null) {
      throw Problem.notFound(ERROR_NO_COURSE);
    }
    if (change.title() == null && change.passingMarks() == null && change.open() == null) {
      throw Problem.badRequest(ERROR_NOTHING);
    }
    String title = course.title();
    if (change.title() != null) {
      if (change.title().isBlank()) {
        throw Problem.badRequest(ERROR_TITLE);
      }
      title = change.title().strip();
      if (title.length() > 300) {
        throw Problem.badRequest(ERROR_TITLE_LONG);
      }
    }
    BigDecimal passing =
        change.passingMarks() == null ? course.passingMarks() : passing(change.passingMarks());
    boolean open = change.open() == null ? course.selfEnrol() : change.open();
    boolean newPassing = passing.compareTo(course.passingMarks()) != 0;
    String before = describe(course);
    course.change(title, passing, open);
    if (newPassing) {
      LocalDateTime now = LocalDateTime.now(clock);
      em.createQuery(
              "SELECT e FROM Enrolment e WHERE e.course = :c AND e.obtainedMarks IS NOT NULL",
              Enrolment.class)
          .setParameter("c", course)
          .getResultStream()
          .forEach(e -> e.evaluate(ScoreRule.evaluation(e.obtainedMarks(), passing), now));
    }
    audit.record(
        actor.name(), null, "course.update", course.code(), before + " -> " + describe(course));
    // Scores read the passing mark from a cache; this instance forgets it at once.
    targets.forgetAllAtCommit();
    return course;
  }

  /** Disables or enables a learner account: a disabled one cannot sign in or launch. */
  @Transactional
  public LearnerView changeLearner(Actor actor, long learnerId, Boolean enabled) {
    Permissions.require(actor, Action.MANAGE_PLATFORM_COURSES, null);
    Learner learner = em.find(Learner.class, learnerId);
    if (learner == null) {
      throw Problem.notFound(ERROR_NO_LEARNER);
    }
    if (enabled == null) {
      throw Problem.badRequest(ERROR_NOTHING);
    }
    if (learner.enabled() != enabled) {
      learner.enable(enabled);
      audit.record(
          actor.name(),
          null,
          enabled ? "learner.enable" : "learner.disable",
          learner.email(),
          null);
    }
    return view(learner);
  }

  /**
   * Withdraws or restores an enrolment. A withdrawn one is left out of rosters (NRPS), cannot be
   * launched, and takes no score ({@link ScoreRule}); it keeps its marks, progress and status.
   */
  @Transactional
  public EnrolmentView changeEnrolment(Actor actor, long enrolmentId, Boolean withdrawn) {
    Permissions.require(actor, Action.MANAGE_PLATFORM_COURSES, null);
    Enrolment enrolment = em.find(Enrolment.class, enrolmentId);
    if (enrolment == null) {
      throw Problem.notFound(ERROR_NO_ENROLMENT);
    }
    if (withdrawn == null) {
      throw Problem.badRequest(ERROR_NOTHING);
    }
    if (enrolment.withdrawn() != withdrawn) {
      LocalDateTime now = LocalDateTime.now(clock);
      if (withdrawn) {
        enrolment.withdraw(now);
      } else {
        enrolment.restore(now);
      }
      audit.record(
          actor.name(),
          null,
          withdrawn ? "enrolment.withdraw" : "enrolment.restore",
          enrolment.course().code() + " " + enrolment.learner().email(),
          null);
    }
    em.flush();
    return enrolmentViews(" WHERE e.id = :id", "id", enrolmentId).get(0);
  }

  // --- reads of the admin API (system admins) --------------------------------------------------

  public List<Course> courses(Actor actor) {
    Permissions.require(actor, Action.MANAGE_PLATFORM_COURSES, null);
    return courses();
  }

  public Course course(Actor actor, long courseId) {
    Permissions.require(actor, Action.MANAGE_PLATFORM_COURSES, null);
    return Optional.ofNullable(em.find(Course.class, courseId))
        .orElseThrow(() -> Problem.notFound(ERROR_NO_COURSE));
  }

  public List<LearnerView> learners(Actor actor) {
    Permissions.require(actor, Action.MANAGE_PLATFORM_COURSES, null);
    return learners();
  }

  public LearnerView learner(Actor actor, long learnerId) {
    Permissions.require(actor, Action.MANAGE_PLATFORM_COURSES, null);
    return Optional.ofNullable(em.find(Learner.class, learnerId))
        .map(Courses::view)
        .orElseThrow(() -> Problem.notFound(ERROR_NO_LEARNER));
  }

  /** Every enrolment, or one course's. */
  public List<EnrolmentView> enrolments(Actor actor, Long courseId) {
    Permissions.require(actor, Action.MANAGE_PLATFORM_COURSES, null);
    return courseId == null ? enrolments() : enrolmentViews(" WHERE c.id = :id", "id", courseId);
  }

  public EnrolmentView enrolment(Actor actor, long enrolmentId) {
    Permissions.require(actor, Action.MANAGE_PLATFORM_COURSES, null);
    return enrolmentViews(" WHERE e.id = :id", "id", enrolmentId).stream()
        .findFirst()
        .orElseThrow(() -> Problem.notFound(ERROR_NO_ENROLMENT));
  }

  /** Every learner account (the console lists them; the page checks the caller itself). */
  public List<LearnerView> learners() {
    return em.createNamedQuery(Learner.ALL, Learner.class)
        .setMaxResults(500)
        .getResultStream()
        .map(Courses::view)
        .toList();
  }

  static LearnerView view(Learner l) {
    return new LearnerView(
        l.id(), l.email(), l.name(), l.publicId(), l.enabled(), l.passwordHash() != null);
  }

  private static String describe(Course c) {
    return "\""
        + c.title()
        + "\", pass "
        + c.passingMarks().stripTrailingZeros().toPlainString()
        + " %, "
        + (c.selfEnrol() ? "open" : "closed");
  }

  /** A passing mark, a percentage from 0 to 100 with at most two decimals. */
  static BigDecimal passing(BigDecimal p) {
    if (p.signum() < 0 || p.compareTo(HUNDRED) > 0 || p.stripTrailingZeros().scale() > 2) {
      throw Problem.badRequest(ERROR_PASSING);
    }
    return p;
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
    return enrolmentViews("", null, null);
  }

  /** One learner's enrolments (learner page). */
  public List<EnrolmentView> enrolmentsOf(String email) {
    return enrolmentViews(" WHERE l.email = :email", "email", email);
  }

  private List<EnrolmentView> enrolmentViews(String where, String name, Object value) {
    var q =
        em.createQuery(
            "SELECT NEW org.ltibridge.learning.entity.EnrolmentView(c.id, c.code, c.title,"
                + " l.email, CONCAT(COALESCE(l.givenName, ''), ' ', COALESCE(l.familyName, '')),"
                + " l.publicId, e.status, e.obtainedMarks, e.progress, e.evaluation,"
                + " c.passingMarks, e.id, l.id, e.withdrawnAt) FROM Enrolment e JOIN e.course c"
                + " JOIN e.learner l"
                + where
                + " ORDER BY c.title, l.email",
            EnrolmentView.class);
    if (name != null) {
      q.setParameter(name, value);
    }
    return q.setMaxResults(500).getResultList();
  }

  static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
