package org.ltibridge.lti13.tool.control;

import com.nimbusds.jwt.JWTClaimsSet;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.ltibridge.activity.control.Activities;
import org.ltibridge.activity.control.Claims;
import org.ltibridge.activity.control.PageModels;
import org.ltibridge.activity.control.PageTokens;
import org.ltibridge.activity.control.UnifiedActivityFlow;
import org.ltibridge.activity.entity.PageToken;
import org.ltibridge.activity.entity.TokenKind;
import org.ltibridge.assistant.control.AssistantCatalog;
import org.ltibridge.assistant.entity.Assistant;
import org.ltibridge.identity.control.InstructorIdentification;
import org.ltibridge.identity.entity.CreatorUser;
import org.ltibridge.keys.control.SigningKeys;
import org.ltibridge.launch.entity.CourseContext;
import org.ltibridge.launch.entity.LaunchOutcome;
import org.ltibridge.launch.entity.LtiClaims;
import org.ltibridge.lti13.tool.control.Lti13Messages.DeepLinkingRequest;
import org.ltibridge.system.control.Problem;
import org.ltibridge.system.control.Randomness;

/**
 * LTI Deep Linking 2.0: an instructor in the LMS's "add external tool" dialog picks assistants; LTI
 * Bridge configures the activity (or one activity per assistant) right away, owned by that
 * instructor, and answers the platform with a signed {@code LtiDeepLinkingResponse} whose {@code
 * ltiResourceLink} items carry a reference to the activity in a custom parameter. The first launch
 * of the resulting link binds the activity to its resource link id, so students find it configured.
 */
@ApplicationScoped
public class DeepLinking {

  public static final String PAGE = ToolUrls.DEEP_LINKING + "?token=";

  /** What we sign lives shorter than our retired keys stay published (2 h). */
  static final Duration RESPONSE_LIFETIME = Duration.ofMinutes(10);

  static final Problem.Text ERROR_NOT_INSTRUCTOR =
      Problem.text("lti13.tool.DeepLinking.notInstructor");
  static final Problem.Text ERROR_NONE_CHOSEN = Problem.text("lti13.tool.DeepLinking.noneChosen");
  static final Problem.Text ERROR_SINGLE = Problem.text("lti13.tool.DeepLinking.single");
  static final Problem.Text ERROR_ORG = Problem.text("lti13.tool.DeepLinking.org");

  @Inject InstructorIdentification instructors;
  @Inject PageTokens tokens;
  @Inject AssistantCatalog catalog;
  @Inject Activities activities;
  @Inject SigningKeys keys;
  @Inject Clock clock;

  /** What the deep linking token carries between the request and the answer. */
  public record Pending(
      String platformKey,
      String issuer,
      String clientId,
      String deploymentId,
      String returnUrl,
      String data,
      boolean acceptMultiple,
      String contextId,
      String contextTitle,
      String lmsUserId,
      String name,
      String email,
      List<Long> creatorUserIds) {}

  /** Model of the picking page. */
  public record Page(
      String token,
      String activityName,
      String contextTitle,
      List<PageModels.Org> organizations,
      List<PageModels.Choice> assistants,
      boolean acceptMultiple,
      String instructorName) {

    public boolean severalOrganizations() {
      return organizations.size() > 1;
    }
  }

  /** Model of the page that posts the response back to the platform. */
  public record Answer(String returnUrl, String jwt, int links) {}

  /** How the chosen assistants become links. */
  public enum Mode {
    /** One activity offering every chosen assistant. */
    ONE,
    /** One activity (and link) per assistant. */
    EACH
  }

  /** The verified request: instructors go on to the picking page. */
  public LaunchOutcome start(DeepLinkingRequest r) {
    if (!r.roles().isInstructor()) {
      throw Problem.forbidden(ERROR_NOT_INSTRUCTOR);
    }
    List<CreatorUser> accounts = instructors.creatorAccounts(r.platform(), r.user());
    if (accounts.isEmpty()) {
      return new LaunchOutcome.Page(
          403,
          "contact-admin",
          new UnifiedActivityFlow.ContactAdminPage(r.user().email().orElse(null), null));
    }
    Pending pending =
        new Pending(
            r.platform().value(),
            r.issuer(),
            r.clientId(),
            r.deploymentId(),
            r.returnUrl().toString(),
            r.data().orElse(null),
            r.acceptMultiple(),
            r.context().map(CourseContext::id).orElse(null),
            r.context().flatMap(CourseContext::title).orElse(null),
            r.user().id(),
            r.user().name().orElse(null),
            r.user().email().orElse(null),
            accounts.stream().map(CreatorUser::id).toList());
    return new LaunchOutcome.Redirect(
        PAGE + tokens.issue(TokenKind.DEEP_LINK, null, null, Claims.write(pending)));
  }

  @Transactional
  public Page page(String token) {
    PageToken t = tokens.openPage(token, TokenKind.DEEP_LINK);
    Pending p = Claims.read(t.payload(), Pending.class);
    List<CreatorUser> accounts = accounts(p);
    List<PageModels.Org> orgs =
        accounts.stream()
            .map(c -> new PageModels.Org(c.organization().id(), c.organization().name()))
            .distinct()
            .toList();
    List<PageModels.Choice> choices =
        catalog.published(orgs.stream().map(PageModels.Org::id).toList()).stream()
            .map(
                a ->
                    new PageModels.Choice(
                        a.id(), a.name(), a.description(), a.organization().id(), false))
            .toList();
    String name =
        Optional.ofNullable(p.contextTitle())
            .map(t2 -> "AI assistants – " + t2)
            .orElse("AI assistants");
    return new Page(
        token,
        name,
        Objects.requireNonNullElse(p.contextTitle(), ""),
        orgs,
        choices,
        p.acceptMultiple(),
        Objects.requireNonNullElse(p.name(), Objects.requireNonNullElse(p.email(), "")));
  }

  /**
   * Configures the chosen activities and signs the answer. Everything is checked before the token
   * is used up; the activities are created in the same transaction.
   */
  @Transactional
  public Answer answer(
      String token,
      Long organizationId,
      List<Long> assistantIds,
      Mode mode,
      String activityName,
      boolean chatVisibility,
      ToolUrls urls) {
    PageToken t = tokens.require(token, TokenKind.DEEP_LINK);
    Pending p = Claims.read(t.payload(), Pending.class);
    CreatorUser owner =
        accounts(p).stream()
            .filter(c -> organizationId == null || c.organization().id().equals(organizationId))
            .findFirst()
            .orElseThrow(() -> Problem.forbidden(ERROR_ORG));
    List<Assistant> chosen = catalog.choose(owner.organization().id(), assistantIds);
    if (chosen.isEmpty()) {
      throw Problem.badRequest(ERROR_NONE_CHOSEN);
    }
    if (mode == Mode.EACH && chosen.size() > 1 && !p.acceptMultiple()) {
      throw Problem.badRequest(ERROR_SINGLE);
    }
    tokens.consume(token, TokenKind.DEEP_LINK);

    String name = cleanName(activityName);
    List<Map<String, Object>> items = new ArrayList<>();
    List<List<Assistant>> groups =
        mode == Mode.EACH ? chosen.stream().map(List::of).toList() : List.of(chosen);
    for (List<Assistant> group : groups) {
      String reference = reference();
      String title = mode == Mode.EACH ? group.get(0).name() : name;
      Claims.Setup setup =
          new Claims.Setup(
              p.platformKey(),
              Activities.PRECONFIGURED + reference,
              p.contextId(),
              p.contextTitle(),
              title,
              p.lmsUserId(),
              p.name(),
              p.email(),
              p.creatorUserIds());
      activities.create(setup, owner, title, chatVisibility, group);
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("type", "ltiResourceLink");
      item.put("title", title);
      item.put("url", urls.target());
      item.put("custom", Map.of(UnifiedActivityFlow.PRECONFIGURED_PARAMETER, reference));
      items.add(item);
    }

    Date now = Date.from(clock.instant());
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .issuer(p.clientId())
            .audience(p.issuer())
            .issueTime(now)
            .expirationTime(Date.from(clock.instant().plus(RESPONSE_LIFETIME)))
            .jwtID(Randomness.token(16))
            .claim("nonce", reference())
            .claim(LtiClaims.MESSAGE_TYPE, LtiClaims.DEEP_LINKING_RESPONSE)
            .claim(LtiClaims.VERSION, LtiClaims.VERSION_1_3)
            .claim(LtiClaims.DEPLOYMENT_ID, p.deploymentId())
            .claim(LtiClaims.DL_CONTENT_ITEMS, items)
            .claim(
                LtiClaims.DL_MSG,
                items.size() == 1
                    ? "Added " + items.get(0).get("title")
                    : "Added " + items.size() + " AI assistant links");
    if (p.data() != null) {
      claims.claim(LtiClaims.DL_DATA, p.data());
    }
    return new Answer(p.returnUrl(), keys.sign(claims.build()), items.size());
  }

  private List<CreatorUser> accounts(Pending p) {
    return p.creatorUserIds().stream()
        .map(instructors::find)
        .filter(Objects::nonNull)
        .filter(CreatorUser::enabled)
        .toList();
  }

  private static String reference() {
    return Randomness.token(16);
  }

  private static String cleanName(String name) {
    if (name == null || name.isBlank()) {
      return "AI assistants";
    }
    String n = name.strip();
    return n.length() > 300 ? n.substring(0, 300) : n;
  }
}
