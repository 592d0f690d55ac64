package org.ltibridge.activity.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.ltibridge.activity.entity.Activity;
import org.ltibridge.activity.entity.ActivityRole;
import org.ltibridge.activity.entity.ActivityUser;
import org.ltibridge.activity.entity.Availability;
import org.ltibridge.activity.entity.IdentityPolicy;
import org.ltibridge.activity.entity.PageToken;
import org.ltibridge.activity.entity.TokenKind;
import org.ltibridge.assistant.control.AssistantCatalog;
import org.ltibridge.assistant.entity.Assistant;
import org.ltibridge.identity.control.InstructorIdentification;
import org.ltibridge.identity.entity.CreatorUser;
import org.ltibridge.launch.entity.LmsUser;
import org.ltibridge.system.control.Problem;
import org.ltibridge.system.control.UniqueViolation;

/**
 * The steps after a launch: setup and configure (ownership to the first instructor, LAMB
 * lti_landscape.md §18.6), reconfigure (owner only), the dashboard's access check, consent (LAMB
 * lti_landscape.md §10.4) and entering the chat. Every check happens before anything is written.
 */
@ApplicationScoped
public class Configuration {

  static final Problem.Text ERROR_NOT_CREATOR_IN_ORG =
      Problem.text("activity.Configuration.notCreatorInOrg");
  static final Problem.Text ERROR_NOT_OWNER = Problem.text("activity.Configuration.notOwner");
  static final Problem.Text ERROR_GONE = Problem.text("activity.Configuration.gone");
  static final int MAX_NAME = 300;

  @Inject PageTokens tokens;
  @Inject Activities activities;
  @Inject ActivityUsers users;
  @Inject AssistantCatalog catalog;
  @Inject InstructorIdentification instructors;
  @Inject UnifiedActivityFlow flow;
  @Inject ActivityInstructors activityInstructors;

  /**
   * The dashboard's activity and who is looking at it.
   *
   * @param owner whether they own it now (ownership may have moved since the token was issued)
   */
  public record Opened(Activity activity, Claims.Dashboard who, boolean owner) {}

  @Transactional
  public PageModels.Setup setupPage(String token) {
    PageToken t = tokens.openPage(token, TokenKind.SETUP);
    Claims.Setup setup = Claims.read(t.payload(), Claims.Setup.class);
    List<CreatorUser> accounts = accounts(setup);
    List<PageModels.Org> orgs =
        accounts.stream()
            .map(c -> new PageModels.Org(c.organization().id(), c.organization().name()))
            .distinct()
            .toList();
    List<PageModels.Choice> choices =
        catalog.published(orgs.stream().map(PageModels.Org::id).toList()).stream()
            .map(a -> choice(a, false))
            .toList();
    String name =
        Optional.ofNullable(setup.resourceLinkTitle())
            .or(() -> Optional.ofNullable(setup.contextTitle()).map(t2 -> "AI assistants – " + t2))
            .orElse("AI assistants");
    return new PageModels.Setup(
        token,
        name,
        Objects.requireNonNullElse(setup.contextTitle(), ""),
        orgs,
        choices,
        false,
        Objects.requireNonNullElse(setup.name(), Objects.requireNonNullElse(setup.email(), "")));
  }

  /**
   * Creates the activity with the instructor as owner and returns a dashboard token. If another
   * instructor configured the placement first, this one is sent to its dashboard instead.
   */
  public String configure(
      String token,
      Long organizationId,
      List<Long> assistantIds,
      boolean chatVisibility,
      String activityName) {
    PageToken t = tokens.require(token, TokenKind.SETUP);
    Claims.Setup setup = Claims.read(t.payload(), Claims.Setup.class);
    List<CreatorUser> accounts = accounts(setup);
    CreatorUser owner =
        accounts.stream()
            .filter(c -> organizationId == null || c.organization().id().equals(organizationId))
            .findFirst()
            .orElseThrow(() -> Problem.forbidden(ERROR_NOT_CREATOR_IN_ORG));
    List<Assistant> chosen = catalog.choose(owner.organization().id(), assistantIds);
    String name = cleanName(activityName);

    Optional<Activity> existing = activities.at(setup.platformKey(), setup.resourceLinkId());
    if (existing.isEmpty()) {
      try {
        tokens.consume(token, TokenKind.SETUP);
        Long id = activities.create(setup, owner, name, chatVisibility, chosen);
        Activity created = activities.find(id);
        activityInstructors.arrived(created, List.of(owner), setup.lmsUserId());
        return flow.dashboardToken(created, dashboardClaims(setup, owner.id(), true));
      } catch (PersistenceException | jakarta.transaction.TransactionalException e) {
        if (!UniqueViolation.isCauseOf(e)) {
          throw e;
        }
        existing = activities.at(setup.platformKey(), setup.resourceLinkId());
      }
    }
    // Someone configured it first: this instructor is not the owner and sees the dashboard.
    Activity activity = existing.orElseThrow(() -> Problem.notFound(ERROR_GONE));
    boolean isOwner = activity.isOwnedBy(owner);
    return flow.dashboardToken(activity, dashboardClaims(setup, owner.id(), isOwner));
  }

  /**
   * The owner changes name, assistants, transcript review and, if {@code policy} is given, the
   * identity policy (as {@link #chooseIdentityPolicy}); returns a fresh dashboard token. Every
   * check comes before any write.
   */
  @Transactional
  public String reconfigure(
      String token,
      List<Long> assistantIds,
      boolean chatVisibility,
      String activityName,
      Optional<IdentityPolicy> policy) {
    Opened opened = dashboardAccess(token);
    Activity activity = opened.activity();
    if (!opened.owner()) {
      throw Problem.forbidden(ERROR_NOT_OWNER.with(activity.ownerName()));
    }
    if (policy.orElse(null) == IdentityPolicy.NAMED
        && !activity.organization().namedIdentitiesAllowed()) {
      throw Problem.forbidden(ERROR_NAMES_NOT_ALLOWED);
    }
    List<Assistant> chosen = catalog.choose(activity.organization().id(), assistantIds);
    activities.reconfigure(activity.id(), cleanName(activityName), chatVisibility, chosen);
    policy.ifPresent(p -> activities.chooseIdentityPolicy(activity.id(), p));
    return flow.dashboardToken(activity, opened.who());
  }

  static final Problem.Text ERROR_NAMES_NOT_ALLOWED =
      Problem.text("activity.Configuration.namesNotAllowed");
  static final Problem.Text ERROR_POLICY_NOT_OWNER =
      Problem.text("activity.Configuration.policyNotOwner");

  /**
   * The owner chooses what the activity's instructors see of who a student is; names only where the
   * organisation allows them (403 otherwise, nothing written). Students are asked again at their
   * next launch when what they are told changes ({@link UnifiedDecision#notice}).
   */
  @Transactional
  public IdentityChoice chooseIdentityPolicy(String token, IdentityPolicy policy) {
    Opened opened = dashboardAccess(token);
    Activity activity = opened.activity();
    if (!opened.owner()) {
      throw Problem.forbidden(ERROR_POLICY_NOT_OWNER.with(activity.ownerName()));
    }
    if (policy == IdentityPolicy.NAMED && !activity.organization().namedIdentitiesAllowed()) {
      throw Problem.forbidden(ERROR_NAMES_NOT_ALLOWED);
    }
    activities.chooseIdentityPolicy(activity.id(), policy);
    return IdentityChoice.of(activities.find(activity.id()));
  }

  /**
   * An activity's identity policy as the owner sees it.
   *
   * @param namesAllowed whether the organisation allows names
   * @param namesShown whether instructors see names now
   */
  public record IdentityChoice(String identityPolicy, boolean namesAllowed, boolean namesShown) {

    public static IdentityChoice of(Activity activity) {
      return new IdentityChoice(
          activity.identityPolicy().value(),
          activity.organization().namedIdentitiesAllowed(),
          activity.namesShown());
    }
  }

  /** First GET of the dashboard page. */
  @Transactional
  public Opened openDashboard(String token) {
    PageToken t = tokens.openPage(token, TokenKind.DASHBOARD);
    return opened(t);
  }

  /** The dashboard's API and forms: a live dashboard token for an existing activity. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Opened dashboardAccess(String token) {
    return opened(tokens.require(token, TokenKind.DASHBOARD));
  }

  private Opened opened(PageToken t) {
    Activity activity = usable(t);
    Claims.Dashboard who = Claims.read(t.payload(), Claims.Dashboard.class);
    boolean owner =
        who.creatorUserId() != null && who.creatorUserId().equals(activity.owner().id());
    return new Opened(activity, who, owner);
  }

  /**
   * The token's activity, if it may be used now ({@link Activity#availability}); otherwise a 403
   * saying why, and the caller's transaction rolls back (nothing is written).
   */
  private Activity usable(PageToken t) {
    Activity activity =
        t.activityId().map(activities::find).orElseThrow(() -> Problem.notFound(ERROR_GONE));
    Availability availability = activity.availability();
    if (!availability.usable()) {
      throw Problem.forbidden(availability.notice());
    }
    return activity;
  }

  @Transactional
  public PageModels.Consent consentPage(String token) {
    PageToken t = tokens.openPage(token, TokenKind.CONSENT);
    Activity activity = usable(t);
    return new PageModels.Consent(
        token,
        activity.name(),
        flow.noticeVersion(activity),
        activity.chatVisibilityEnabled(),
        activity.namesShown());
  }

  /**
   * Records the student's answer to the notice, consent or not, and returns a chat token: either
   * way they chat; only with consent are their transcripts reviewable.
   */
  @Transactional
  public String consent(String token, boolean agrees) {
    PageToken t = tokens.consume(token, TokenKind.CONSENT);
    Activity activity = usable(t);
    Long userId = t.activityUserId().orElseThrow(() -> Problem.notFound(ERROR_GONE));
    if (agrees) {
      users.giveConsent(userId, flow.noticeVersion(activity));
    } else {
      users.declineConsent(userId, flow.noticeVersion(activity));
    }
    return tokens.issue(TokenKind.CHAT, t.activityId().orElseThrow(), userId, null);
  }

  /** An instructor's own chat identity in the activity; returns a chat token. */
  public String enterChat(String dashboardToken) {
    Opened opened = dashboardAccess(dashboardToken);
    Claims.Dashboard who = opened.who();
    LmsUser instructor =
        new LmsUser(
            who.lmsUserId(),
            Optional.ofNullable(who.name()),
            Optional.ofNullable(who.email()),
            Optional.empty());
    ActivityUser me = users.arrive(opened.activity(), instructor, ActivityRole.INSTRUCTOR);
    return tokens.issue(TokenKind.CHAT, opened.activity().id(), me.id(), null);
  }

  /** Checkboxes for the owner's "Manage assistants" form. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<PageModels.Choice> choicesFor(Activity activity, Set<Long> selected) {
    return catalog.published(List.of(activity.organization().id())).stream()
        .map(a -> choice(a, selected.contains(a.id())))
        .toList();
  }

  private List<CreatorUser> accounts(Claims.Setup setup) {
    return setup.creatorUserIds().stream()
        .map(instructors::find)
        .filter(Objects::nonNull)
        .filter(CreatorUser::mayCreate)
        .toList();
  }

  private static Claims.Dashboard dashboardClaims(
      Claims.Setup setup, Long creatorId, boolean owner) {
    return new Claims.Dashboard(creatorId, owner, setup.lmsUserId(), setup.name(), setup.email());
  }

  private static PageModels.Choice choice(Assistant a, boolean checked) {
    return new PageModels.Choice(a.id(), a.name(), a.description(), a.organization().id(), checked);
  }

  private static String cleanName(String name) {
    if (name == null || name.isBlank()) {
      return null;
    }
    String n = name.strip();
    return n.length() > MAX_NAME ? n.substring(0, MAX_NAME) : n;
  }
}
