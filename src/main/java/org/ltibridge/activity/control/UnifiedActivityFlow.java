package org.ltibridge.activity.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.ltibridge.activity.entity.Activity;
import org.ltibridge.activity.entity.ActivityRole;
import org.ltibridge.activity.entity.ActivityUser;
import org.ltibridge.activity.entity.Availability;
import org.ltibridge.activity.entity.TokenKind;
import org.ltibridge.fastpath.SingleUse;
import org.ltibridge.identity.control.InstructorIdentification;
import org.ltibridge.identity.control.SelfService;
import org.ltibridge.identity.control.SyntheticIdentity;
import org.ltibridge.identity.entity.CreatorUser;
import org.ltibridge.launch.control.LaunchFlow;
import org.ltibridge.launch.entity.CourseContext;
import org.ltibridge.launch.entity.Launch;
import org.ltibridge.launch.entity.LaunchOutcome;
import org.ltibridge.system.control.Problem;

/**
 * The full way of a launch at LAMB's Unified LTI path: gathers the facts of the launch (the
 * activity at the placement, the role, the instructor's creator accounts, the student's consent),
 * asks {@link UnifiedDecision#decide} where it goes (LAMB's public {@code
 * Documentation/lti_landscape.md} §10.1) and writes what that destination needs. It decides nothing
 * itself, and a refusal (a disabled activity or organisation) writes nothing.
 *
 * <h2>What happens on a student launch, file by file</h2>
 *
 * <ol>
 *   <li><b>Verifier.</b> LTI 1.1: {@code lti11/boundary/ReturningLaunchFilter} reads the signed
 *       form before JAX-RS and checks the OAuth 1.0a signature, timestamp and consumer key ({@code
 *       lti11/control/Lti11Launcher}, {@code OAuth1Verifier}; the security model of the 1EdTech LTI
 *       1.1 Implementation Guide, RFC 5849). LTI 1.3: {@code lti13/tool/boundary/Lti13LaunchFilter}
 *       answers the OIDC login and, at the id_token POST, checks the state against its binding
 *       cookie, the JWT signature against the platform's keys, {@code nonce}, {@code exp}, {@code
 *       aud} and the deployment ({@code lti13/tool/control/Lti13Launcher}; 1EdTech Security
 *       Framework 1.0 §5.1.3, LTI Core 1.3 §5.3). Either way the result is one {@code
 *       launch/entity/Launch}, whatever the wire format.
 *   <li><b>Router.</b> {@code launch/control/LaunchRouter} finds the {@code LaunchFlow} serving the
 *       launch's target path: this class for {@link #PATH}. The filters first ask it {@code
 *       quickly}, the resources ({@code UnifiedLaunchResource}, {@code Lti13Resource}) then {@code
 *       route}.
 *   <li><b>Quick way</b> (a returning student, {@link #quickly}): {@link
 *       ReturningLaunches#redirect} looks the student up in this instance's {@link
 *       ReturningStudents}, asks {@link UnifiedDecision#decide} with the cached facts, and in one
 *       database round trip checks that the rows still lead there ({@link
 *       ReturningLaunches#STILL_SO}), uses up the nonce or OIDC state, counts the visit and stores
 *       the page token. The filter answers 303 to the consent page or the chat. Anything else (not
 *       cached, an instructor, a change in the rows) writes nothing and goes on:
 *   <li><b>Full way</b> ({@link #handle}, in the resource's transaction, after the single-use value
 *       is recorded): the facts from the entities, {@link UnifiedDecision#decide}, then the
 *       destination: the student arrives ({@link ActivityUsers#arrive}), is remembered in {@link
 *       ReturningStudents} for the quick way next time, and gets a consent or chat token ({@link
 *       PageTokens}); an instructor a dashboard or setup token; a disabled activity its 403 page.
 *   <li><b>Page.</b> The student's browser follows the 303: {@code chat/boundary/ChatPageFilter}
 *       opens the chat token in one statement ({@link PageTokens#openQuickly}), or the consent page
 *       ({@code activity/boundary/ActivityPagesResource}) records the consent and forgets the
 *       student in {@link ReturningStudents}.
 * </ol>
 *
 * <p>The quick way's SQL restates the student part of the decision; {@code StillSoCases} holds it
 * against {@link UnifiedDecision#decide}, and {@code QuickAndFullLaunchIT} holds the quick and the
 * full way against each other over HTTP.
 */
@ApplicationScoped
public class UnifiedActivityFlow implements LaunchFlow {

  /** LAMB's Unified LTI launch path (LAMB lti_landscape.md §7.4). */
  public static final String PATH = "/lamb/v1/lti/launch";

  public static final String SETUP = "/lamb/v1/lti/setup?token=";
  public static final String DASHBOARD = "/lamb/v1/lti/dashboard?token=";
  public static final String CONSENT = "/lamb/v1/lti/consent?token=";
  public static final String CHAT = "/lamb/v1/lti/chat?token=";

  @Inject Activities activities;
  @Inject ActivityUsers users;
  @Inject InstructorIdentification instructors;
  @Inject PageTokens tokens;
  @Inject ReturningStudents returning;
  @Inject ReturningLaunches returningLaunches;
  @Inject SelfService selfService;
  @Inject ActivityInstructors activityInstructors;

  /**
   * The version of the transcript-review notice a student consents to (LAMB lti_landscape.md
   * §10.4).
   */
  static final String NOTICE_VERSION = "activity.consent-notice-version";

  /** Its default; {@link ReturningLaunches} checks consent against the same value. */
  static final String NOTICE_VERSION_DEFAULT = "2026-11";

  @Inject
  @ConfigProperty(name = NOTICE_VERSION, defaultValue = NOTICE_VERSION_DEFAULT)
  String noticeVersion;

  /**
   * Custom parameter naming an activity configured by deep linking; bound to the placement at its
   * first launch.
   */
  public static final String PRECONFIGURED_PARAMETER = "ltibridge_activity";

  @Override
  public boolean serves(String path) {
    return path.endsWith(PATH);
  }

  /** A returning student's launch in one statement ({@link ReturningLaunches}). */
  @Override
  public Optional<String> quickly(Launch launch, SingleUse used) {
    return quickly(launch, SyntheticIdentity.studentEmail(launch), used);
  }

  /**
   * The same, for a student known as {@code identity} ({@link Activity#identityOf}): another flow
   * whose placements are Unified activities (a legacy link) asks it too.
   */
  public Optional<String> quickly(Launch launch, String identity, SingleUse used) {
    return returningLaunches.redirect(launch, identity, used);
  }

  @Override
  public LaunchOutcome handle(Launch launch) {
    Optional<Activity> found =
        activities
            .at(launch.platform(), launch.resourceLink())
            .or(
                () ->
                    Optional.ofNullable(launch.custom().get(PRECONFIGURED_PARAMETER))
                        .flatMap(
                            ref ->
                                activities.bindPreconfigured(
                                    launch.platform(), ref, launch.resourceLink())));
    // The facts, read without writing anything, except what makes a fact true: binding a
    // deep-linked activity to its placement (above), and self-service giving an instructor at an
    // unconfigured placement the account that then takes them to setup. In a legacy
    // single-assistant link everyone chats with its assistant, as in LAMB's Student LTI: an
    // instructor's role does not lead to a dashboard there.
    boolean instructor =
        launch.roles().isInstructor() && !found.map(Activity::isLegacy).orElse(false);
    List<CreatorUser> accounts = instructor ? instructors.creatorAccounts(launch) : List.of();
    if (instructor && found.isEmpty() && accounts.isEmpty()) {
      accounts = selfService.enrol(launch).map(List::of).orElse(List.of());
    }
    Optional<ActivityUser> student =
        found.isPresent() && !instructor
            ? users.find(found.get(), launch.user())
            : Optional.empty();
    UnifiedDecision.Verdict verdict =
        UnifiedDecision.decide(
            new UnifiedDecision.Facts(
                found.isPresent(),
                found.map(Activity::availability).orElse(Availability.USABLE),
                instructor,
                !accounts.isEmpty(),
                found.map(Activity::chatVisibilityEnabled).orElse(false),
                found.map(Activity::namesShown).orElse(false),
                student.map(ActivityUser::answeredNoticeVersion).orElse(null),
                noticeVersion));
    return switch (verdict.destination()) {
      case DISABLED ->
          new LaunchOutcome.Page(
              403, "waiting", new InfoPage(found.get().name(), true, verdict.notice()));
      case DASHBOARD -> toDashboard(found.get(), launch, accounts);
      case CONSENT, CHAT -> toStudent(found.get(), launch, student, verdict.destination());
      case SETUP ->
          new LaunchOutcome.Redirect(
              SETUP
                  + tokens.issue(
                      TokenKind.SETUP, null, null, Claims.write(setupClaims(launch, accounts))));
      case CONTACT_ADMIN ->
          new LaunchOutcome.Page(
              403,
              "contact-admin",
              new ContactAdminPage(
                  launch.user().email().orElse(null),
                  instructors.onlyInDisabledOrganizations(launch)
                      ? Availability.ORGANIZATION_DISABLED.notice()
                      : null));
      case WAITING ->
          new LaunchOutcome.Page(
              200,
              "waiting",
              new InfoPage(
                  launch.context().flatMap(CourseContext::title).orElse("this course"),
                  false,
                  null));
    };
  }

  /** Where a student's page opens: {@link #CONSENT} or {@link #CHAT}, followed by the token. */
  static String pageOf(UnifiedDecision.Destination destination) {
    return destination == UnifiedDecision.Destination.CONSENT ? CONSENT : CHAT;
  }

  /** A dashboard token for an instructor of a configured activity. */
  public String dashboardToken(Activity activity, Claims.Dashboard who) {
    return tokens.issue(TokenKind.DASHBOARD, activity.id(), null, Claims.write(who));
  }

  private LaunchOutcome toDashboard(Activity activity, Launch launch, List<CreatorUser> accounts) {
    returning.remember(launch.platform().value(), launch.resourceLink().value(), activity);
    activityInstructors.arrived(activity, accounts, launch.user().id());
    Optional<CreatorUser> owner = accounts.stream().filter(activity::isOwnedBy).findFirst();
    Long creatorId =
        owner.or(() -> accounts.stream().findFirst()).map(CreatorUser::id).orElse(null);
    Claims.Dashboard who =
        new Claims.Dashboard(
            creatorId,
            owner.isPresent(),
            launch.user().id(),
            launch.user().name().orElse(null),
            launch.user().email().orElse(null));
    return new LaunchOutcome.Redirect(DASHBOARD + dashboardToken(activity, who));
  }

  private LaunchOutcome toStudent(
      Activity activity,
      Launch launch,
      Optional<ActivityUser> known,
      UnifiedDecision.Destination destination) {
    boolean learner = !launch.roles().isInstructor();
    returning.remember(launch.platform().value(), launch.resourceLink().value(), activity);
    ActivityUser student =
        users.arrive(
            activity,
            launch.user(),
            learner ? ActivityRole.STUDENT : ActivityRole.INSTRUCTOR,
            known);
    if (learner) {
      returning.remember(
          launch.platform().value(),
          launch.resourceLink().value(),
          activity.identityOf(launch.user()),
          new ReturningStudents.Student(
              activity.id(),
              student.id(),
              activity.chatVisibilityEnabled(),
              activity.namesShown(),
              student.answeredNoticeVersion()));
    }
    TokenKind kind = destination.token().orElseThrow();
    return new LaunchOutcome.Redirect(
        pageOf(destination) + tokens.issue(kind, activity.id(), student.id(), null));
  }

  private static Claims.Setup setupClaims(Launch launch, List<CreatorUser> accounts) {
    return new Claims.Setup(
        launch.platform().value(),
        launch.resourceLink().value(),
        launch.context().map(CourseContext::id).orElse(null),
        launch.context().flatMap(CourseContext::title).orElse(null),
        launch.resourceLinkTitle().orElse(null),
        launch.user().id(),
        launch.user().name().orElse(null),
        launch.user().email().orElse(null),
        accounts.stream().map(CreatorUser::id).toList());
  }

  /**
   * The notice in force for the activity's students ({@link UnifiedDecision#notice}); where none is
   * due, the configured version (a consent given through "Your data" is recorded under it).
   */
  public String noticeVersion(Activity activity) {
    return UnifiedDecision.notice(
            noticeVersion, activity.chatVisibilityEnabled(), activity.namesShown())
        .orElse(noticeVersion);
  }

  /**
   * Whether the student was told, in the notice in force, that instructors see their name: only
   * then is it shown to them.
   */
  public boolean nameShownOf(ActivityUser student) {
    return namesShownAt(student.activity()).test(student);
  }

  /**
   * {@link #nameShownOf} for many students of one activity: the activity's policy and notice are
   * read once (a page of the dashboard lists 20 to 100 students; each looked up its activity).
   */
  public Predicate<ActivityUser> namesShownAt(Activity activity) {
    if (!activity.namesShown()) {
      return student -> false;
    }
    String notice = noticeVersion(activity);
    return student -> notice.equals(student.answeredNoticeVersion());
  }

  /**
   * Model of the waiting page (a student at an unconfigured activity, anyone at one not usable
   * now).
   *
   * @param notice why it is not usable ({@link Availability#notice}), when {@code disabled}
   */
  public record InfoPage(String title, boolean disabled, Problem.Text notice) {}

  /**
   * Model of the contact-admin page.
   *
   * @param disabledNotice set when the instructor's accounts are all in disabled organisations
   */
  public record ContactAdminPage(String email, Problem.Text disabledNotice) {}
}
