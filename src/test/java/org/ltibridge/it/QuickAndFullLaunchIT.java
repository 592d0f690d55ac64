package org.ltibridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ltibridge.activity.control.UnifiedDecision;
import org.ltibridge.activity.entity.Availability;
import org.ltibridge.identity.control.SyntheticIdentity;
import org.ltibridge.launch.entity.LmsUser;
import org.ltibridge.testsupport.FakePlatform;

/**
 * Differential test of the launch (issue #15): the quick way of a returning student (the filters,
 * {@code ReturningLaunches}) and the full way ({@code UnifiedActivityFlow}) give the same answer
 * and leave the same rows, over LTI 1.1 and LTI 1.3, on the database of the integration tests.
 *
 * <p>How both ways run on the same input: per case, two twins in one activity. Twin X is let in by
 * a real launch, so this instance remembers them ({@code ReturningStudents}) and their next launch
 * goes the quick way (falling back to the full way where the database no longer leads where the
 * cache does, as it must). Twin Y gets the same row written directly, so this instance has never
 * seen them and their launch goes the full way. Then the case's state is written (activity active
 * or disabled, transcript review on or off, consent to this notice version, an older one or none),
 * as another instance or an administrator would, and both launch with the case's role. Their
 * answers (status, page or redirect, security headers, the page behind the redirect) and their rows
 * (visits, last access, consent columns, page tokens by kind and lifetime, instructors, the
 * single-use value) must be the same, and what {@link UnifiedDecision#decide} says for the case.
 *
 * <p>A disabled organisation is left to {@code StillSoCases} (JDBC level, H2 and PostgreSQL): the
 * activities here live in the demo organisation the other integration tests share.
 */
class QuickAndFullLaunchIT extends ItBase {

  static final String NOTICE = "2026-11";
  static final String OLDER = "2025-09";

  static FakePlatform platform;

  @BeforeAll
  static void startPlatform() throws IOException {
    platform = FakePlatform.start();
  }

  @AfterAll
  static void stopPlatform() {
    platform.close();
  }

  /** The student's answer to the notice: the version answered, and whether they agreed. */
  enum Consent {
    NEVER(null, false),
    OLDER_VERSION(OLDER, true),
    THIS_VERSION(NOTICE, true),
    DECLINED_THIS_VERSION(NOTICE, false);

    final String version;
    final boolean agreed;

    Consent(String version, boolean agreed) {
      this.version = version;
      this.agreed = agreed;
    }
  }

  /**
   * One case.
   *
   * @param primedReview transcript review when twin X was let in (what the cache holds)
   */
  record Case(
      boolean primedReview, boolean disabled, boolean review, Consent consent, boolean instructor) {

    UnifiedDecision.Verdict decision() {
      return UnifiedDecision.decide(
          new UnifiedDecision.Facts(
              true,
              disabled ? Availability.ACTIVITY_DISABLED : Availability.USABLE,
              instructor,
              false,
              review,
              false,
              consent.version,
              NOTICE));
    }
  }

  static List<Case> cases() {
    List<Case> all = new ArrayList<>();
    for (boolean primedReview : new boolean[] {false, true}) {
      for (boolean disabled : new boolean[] {false, true}) {
        for (boolean review : new boolean[] {false, true}) {
          for (Consent consent : Consent.values()) {
            for (boolean instructor : new boolean[] {false, true}) {
              all.add(new Case(primedReview, disabled, review, consent, instructor));
            }
          }
        }
      }
    }
    return all;
  }

  /** A person of the LMS: their LMS user id and their identity in a placement. */
  record Person(String lmsUserId, String username) {}

  /** A launch sent, and whether its single-use value (nonce, OIDC state) is used up now. */
  record Sent(Http.Res res, BooleanSupplier used) {}

  /** An LMS speaking one LTI version. */
  interface Channel {
    String configuredPlacement(boolean review);

    Person person();

    /** The person's identity (synthetic email) in the placement, as the verifier makes it. */
    String email(Person p, String placement);

    Sent launch(String placement, Person p, boolean instructor);
  }

  static final class Lti11 implements Channel {
    private final Lms lms = lms();

    @Override
    public String configuredPlacement(boolean review) {
      String placement = Lms.newPlacement();
      Activities.configure(lms, placement, review);
      return placement;
    }

    @Override
    public Person person() {
      String id = UUID.randomUUID().toString().substring(0, 8);
      return new Person("s-" + id, "twin" + id);
    }

    @Override
    public String email(Person p, String placement) {
      return SyntheticIdentity.email(
          new LmsUser(
              p.lmsUserId(), Optional.of("Twin"), Optional.empty(), Optional.of(p.username())),
          placement);
    }

    @Override
    public Sent launch(String placement, Person p, boolean instructor) {
      Lms.Person who =
          new Lms.Person(
              p.lmsUserId(), "Twin", null, p.username(), instructor ? "Instructor" : "Learner");
      Map<String, String> signed = lms.signed(lms.params(who, placement));
      String nonce = signed.get("oauth_nonce");
      Http.Res res = http().postForm(Lms.UNIFIED, Lms.body(signed), "Accept", "text/html");
      return new Sent(
          res, () -> db().count("SELECT COUNT(*) FROM oauth_nonces WHERE nonce = ?", nonce) == 1);
    }
  }

  static final class Lti13 implements Channel {
    private final Lms13 lms = new Lms13(platform).register();

    @Override
    public String configuredPlacement(boolean review) {
      String placement = "rl13-" + UUID.randomUUID();
      Http.Res setup = lms.instructor(placement, UnifiedLaunchIT.DEMO_INSTRUCTOR);
      Http.Res configured =
          http()
              .postForm(
                  "/lamb/v1/lti/configure",
                  "token="
                      + setup.locationToken()
                      + "&assistant_ids="
                      + db().demoAssistant("Physics Tutor")
                      + (review ? "&chat_visibility_enabled=1" : ""));
      assertEquals(303, configured.status(), configured.body());
      return placement;
    }

    @Override
    public Person person() {
      return new Person("s-" + UUID.randomUUID(), null);
    }

    @Override
    public String email(Person p, String placement) {
      return SyntheticIdentity.email(
          new LmsUser(p.lmsUserId(), Optional.empty(), Optional.empty(), Optional.empty()),
          placement);
    }

    @Override
    public Sent launch(String placement, Person p, boolean instructor) {
      Lms13.Login login = lms.login();
      String idToken =
          platform.sign(
              lms.claims(
                      login,
                      placement,
                      p.lmsUserId(),
                      instructor ? Lms13.INSTRUCTOR : Lms13.LEARNER)
                  .build());
      Http.Res res = lms.launch(login, idToken);
      String state = Lti13LaunchIT.sha256(login.state());
      return new Sent(
          res,
          () ->
              db().count(
                          "SELECT COUNT(*) FROM lti13_oidc_states WHERE consumed_at IS NOT NULL"
                              + " AND state_hash = ?",
                          state)
                  == 1);
    }
  }

  /**
   * A first launch (issue #18: a student's first launch as cheap as a returning one). Per case, two
   * activities configured alike: at A another student has launched, so this instance knows the
   * placement ({@code ReturningStudents.Placement}) and a newcomer's launch goes the quick way
   * (falling back where the database no longer says what this instance saw); at B nobody has, so a
   * newcomer's launch goes the full way. Then both get the case's state and a newcomer launches at
   * each with the case's role: their answers and their rows (the identity created, with its role,
   * first visit, pseudonym and no consent; page tokens; instructors; the single-use value) must be
   * the same, and what {@link UnifiedDecision#decide} says for a student who never consented.
   */
  record FirstCase(boolean primedReview, boolean disabled, boolean review, boolean instructor) {

    UnifiedDecision.Verdict decision() {
      return UnifiedDecision.decide(
          new UnifiedDecision.Facts(
              true,
              disabled ? Availability.ACTIVITY_DISABLED : Availability.USABLE,
              instructor,
              false,
              review,
              false,
              null,
              NOTICE));
    }
  }

  static List<FirstCase> firstCases() {
    List<FirstCase> all = new ArrayList<>();
    for (boolean primedReview : new boolean[] {false, true}) {
      for (boolean disabled : new boolean[] {false, true}) {
        for (boolean review : new boolean[] {false, true}) {
          for (boolean instructor : new boolean[] {false, true}) {
            all.add(new FirstCase(primedReview, disabled, review, instructor));
          }
        }
      }
    }
    return all;
  }

  @Test
  void lti11FirstLaunchQuickAndFullAgree() {
    runAllFirst(new Lti11());
  }

  @Test
  void lti13FirstLaunchQuickAndFullAgree() {
    runAllFirst(new Lti13());
  }

  private static void runAllFirst(Channel channel) {
    List<String> wrong = new ArrayList<>();
    for (FirstCase c : firstCases()) {
      try {
        runFirst(channel, c);
      } catch (AssertionError | RuntimeException e) {
        wrong.add(c + ": " + e.getMessage());
      }
    }
    assertEquals(List.of(), wrong, wrong.size() + " of " + firstCases().size() + " cases differ");
  }

  private static void runFirst(Channel channel, FirstCase c) {
    String known = channel.configuredPlacement(c.primedReview());
    String unknown = channel.configuredPlacement(c.primedReview());
    Sent primed = channel.launch(known, channel.person(), false);
    assertEquals(303, primed.res().status(), "priming the placement: " + primed.res().body());
    long a = db().count("SELECT id FROM lti_activities WHERE resource_link_id = ?", known);
    long b = db().count("SELECT id FROM lti_activities WHERE resource_link_id = ?", unknown);
    for (long activity : new long[] {a, b}) {
      db().update(
              "UPDATE lti_activities SET status = ?, chat_visibility_enabled = ? WHERE id = ?",
              c.disabled() ? "DISABLED" : "ACTIVE",
              c.review(),
              activity);
    }

    FirstOutcome quick = observeFirst(channel, known, a, c.instructor());
    FirstOutcome full = observeFirst(channel, unknown, b, c.instructor());
    assertEquals(full, quick, "quick way (at A) and full way (at B)");

    String expected =
        switch (c.decision().destination()) {
          case DISABLED -> "403 page";
          case DASHBOARD -> "303 /lamb/v1/lti/dashboard";
          case CONSENT -> "303 /lamb/v1/lti/consent";
          case CHAT -> "303 /lamb/v1/lti/chat";
          default -> throw new AssertionError(c.decision().toString());
        };
    assertEquals(expected, full.answer(), "what the decision says");
  }

  /** What a newcomer's launch answered and wrote. */
  record FirstOutcome(
      String answer,
      String body,
      List<String> headers,
      int followed,
      boolean singleUseUsed,
      List<Object> identity,
      List<String> newTokens,
      long newInstructors) {}

  private static FirstOutcome observeFirst(
      Channel channel, String placement, long activity, boolean instructor) {
    Person p = channel.person();
    List<String> tokensBefore = tokens(activity, -1);
    long instructorsBefore = instructors(activity);

    Sent sent = channel.launch(placement, p, instructor);
    Http.Res res = sent.res();

    long row =
        db().count(
                "SELECT COALESCE(MAX(id), -1) FROM lti_activity_users WHERE activity_id = ?"
                    + " AND user_email = ?",
                activity,
                channel.email(p, placement));
    List<Object> identity =
        row < 0
            ? List.of("no identity")
            : db()
                .rows(
                    "SELECT role, access_count, last_access_at >= created_at, consent_given_at,"
                        + " consent_notice_version, lms_user_id = ?, pseudonym"
                        + " FROM lti_activity_users WHERE id = ?",
                    p.lmsUserId(),
                    row)
                .get(0)
                .stream()
                .map(v -> v instanceof String s && s.startsWith("Student ") ? pseudonym(s) : v)
                .map(v -> v instanceof Number n ? (Object) n.longValue() : v)
                .toList();
    List<String> added = new ArrayList<>(tokens(activity, row));
    tokensBefore.forEach(added::remove);
    boolean redirect = res.status() == 303;
    int followed = redirect ? http().follow(res).status() : 0;
    return new FirstOutcome(
        redirect ? "303 " + res.location().replaceFirst("\\?.*", "") : res.status() + " page",
        redirect ? "" : res.body(),
        Stream.of(
                "Cache-Control",
                "Content-Type",
                "Content-Security-Policy",
                "Referrer-Policy",
                "X-Content-Type-Options",
                "X-Frame-Options")
            .map(h -> h + ": " + res.header(h).orElse("-"))
            .toList(),
        followed,
        sent.used().getAsBoolean(),
        identity,
        added.stream().sorted().toList(),
        instructors(activity) - instructorsBefore);
  }

  /** A pseudonym's shape (LAMB lti_landscape.md §18.7: random, five readable characters). */
  private static String pseudonym(String value) {
    return value.matches("Student [A-HJKMNP-Z2-9]{5}")
        ? "a pseudonym"
        : "not a pseudonym: " + value;
  }

  @Test
  void lti11ReturningLaunchQuickAndFullAgree() {
    runAll(new Lti11());
  }

  @Test
  void lti13LaunchPostQuickAndFullAgree() {
    runAll(new Lti13());
  }

  private static void runAll(Channel channel) {
    List<String> wrong = new ArrayList<>();
    for (Case c : cases()) {
      try {
        run(channel, c);
      } catch (AssertionError | RuntimeException e) {
        wrong.add(c + ": " + e.getMessage());
      }
    }
    assertEquals(List.of(), wrong, wrong.size() + " of " + cases().size() + " cases differ");
  }

  private static void run(Channel channel, Case c) {
    String placement = channel.configuredPlacement(c.primedReview());
    long activity =
        db().count("SELECT id FROM lti_activities WHERE resource_link_id = ?", placement);
    Person x = channel.person();
    Person y = channel.person();

    Sent primed = channel.launch(placement, x, false);
    assertEquals(303, primed.res().status(), "priming X: " + primed.res().body());
    long xRow = studentRow(activity, channel.email(x, placement));
    db().update(
            "INSERT INTO lti_activity_users (activity_id, user_email, lms_user_id, user_name,"
                + " display_name, role, pseudonym, consent_given_at, consent_notice_version,"
                + " last_access_at, access_count, created_at) SELECT activity_id, ?, ?, user_name,"
                + " display_name, role, ?, consent_given_at, consent_notice_version, last_access_at,"
                + " access_count, created_at FROM lti_activity_users WHERE id = ?",
            channel.email(y, placement),
            y.lmsUserId(),
            "Twin-" + UUID.randomUUID().toString().substring(0, 8),
            xRow);
    long yRow = studentRow(activity, channel.email(y, placement));

    // The case's state, written as another instance or an administrator would.
    db().update(
            "UPDATE lti_activities SET status = ?, chat_visibility_enabled = ? WHERE id = ?",
            c.disabled() ? "DISABLED" : "ACTIVE",
            c.review(),
            activity);
    db().update(
            "UPDATE lti_activity_users SET consent_given_at = ?, consent_notice_version = ?"
                + " WHERE id IN (?, ?)",
            c.consent().agreed ? Timestamp.valueOf(LocalDateTime.now().minusDays(1)) : null,
            c.consent().version,
            xRow,
            yRow);

    Outcome quick = observe(channel, placement, activity, x, xRow, c.instructor());
    Outcome full = observe(channel, placement, activity, y, yRow, c.instructor());
    assertEquals(full, quick, "quick way (X) and full way (Y)");

    UnifiedDecision.Verdict decision = c.decision();
    String expected =
        switch (decision.destination()) {
          case DISABLED -> "403 page";
          case DASHBOARD -> "303 /lamb/v1/lti/dashboard";
          case CONSENT -> "303 /lamb/v1/lti/consent";
          case CHAT -> "303 /lamb/v1/lti/chat";
          default -> throw new AssertionError(decision.toString());
        };
    assertEquals(expected, full.answer(), "what the decision says");
    if (decision.notice() != null
        && !full.body().contains(decision.notice().english().substring(0, 40))) {
      throw new AssertionError("the page does not say " + decision.notice().english());
    }
  }

  /** What a launch answered and wrote. */
  record Outcome(
      String answer,
      String body,
      List<String> headers,
      int followed,
      boolean singleUseUsed,
      long visits,
      boolean lastAccessMoved,
      List<Object> consentAfter,
      List<String> newTokens,
      long newInstructors) {}

  private static Outcome observe(
      Channel channel, String placement, long activity, Person p, long row, boolean instructor) {
    List<Object> before = studentState(row);
    List<String> tokensBefore = tokens(activity, row);
    long instructorsBefore = instructors(activity);

    Sent sent = channel.launch(placement, p, instructor);
    Http.Res res = sent.res();

    List<Object> after = studentState(row);
    List<String> tokensAfter = tokens(activity, row);
    List<String> added = new ArrayList<>(tokensAfter);
    tokensBefore.forEach(added::remove);
    boolean redirect = res.status() == 303;
    int followed = redirect ? http().follow(res).status() : 0;
    return new Outcome(
        redirect ? "303 " + res.location().replaceFirst("\\?.*", "") : res.status() + " page",
        redirect ? "" : res.body(),
        Stream.of(
                "Cache-Control",
                "Content-Type",
                "Content-Security-Policy",
                "Referrer-Policy",
                "X-Content-Type-Options",
                "X-Frame-Options")
            .map(h -> h + ": " + res.header(h).orElse("-"))
            .toList(),
        followed,
        sent.used().getAsBoolean(),
        ((Number) after.get(0)).longValue() - ((Number) before.get(0)).longValue(),
        !after.get(1).equals(before.get(1)),
        List.of(after.get(2) != null, String.valueOf(after.get(3))),
        added.stream().sorted().toList(),
        instructors(activity) - instructorsBefore);
  }

  private static long studentRow(long activity, String email) {
    return db().count(
            "SELECT id FROM lti_activity_users WHERE activity_id = ? AND user_email = ?",
            activity,
            email);
  }

  /** Visits, last access, consent time and version. */
  private static List<Object> studentState(long row) {
    return db().rows(
            "SELECT access_count, last_access_at, consent_given_at, consent_notice_version"
                + " FROM lti_activity_users WHERE id = ?",
            row)
        .get(0);
  }

  /** The activity's page tokens: kind, lifetime, whose (this twin's, nobody's), opened, used. */
  private static List<String> tokens(long activity, long row) {
    return db()
        .rows(
            "SELECT kind, created_at, expires_at, activity_user_id, opened_at, consumed_at"
                + " FROM page_tokens WHERE activity_id = ?",
            activity)
        .stream()
        .map(
            r ->
                r.get(0)
                    + " lives "
                    + Duration.between(
                            ((Timestamp) r.get(1)).toLocalDateTime(),
                            ((Timestamp) r.get(2)).toLocalDateTime())
                        .toSeconds()
                    + "s, of "
                    + (r.get(3) == null
                        ? "nobody"
                        : ((Number) r.get(3)).longValue() == row ? "the twin" : "someone else")
                    + (r.get(4) == null ? "" : ", opened")
                    + (r.get(5) == null ? "" : ", used"))
        .toList();
  }

  private static long instructors(long activity) {
    return db().count(
            "SELECT COUNT(*) FROM lti_activity_instructors WHERE activity_id = ?", activity);
  }
}
