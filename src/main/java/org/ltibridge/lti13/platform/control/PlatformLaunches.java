package org.ltibridge.lti13.platform.control;

import com.nimbusds.jwt.JWTClaimsSet;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.ltibridge.keys.control.SigningKeys;
import org.ltibridge.launch.entity.LtiClaims;
import org.ltibridge.learning.control.Courses;
import org.ltibridge.learning.entity.Course;
import org.ltibridge.learning.entity.Enrolment;
import org.ltibridge.learning.entity.Learner;
import org.ltibridge.lti13.platform.entity.CourseConfig;
import org.ltibridge.lti13.platform.entity.LaunchSession;
import org.ltibridge.lti13.platform.entity.Tool;
import org.ltibridge.system.boundary.JsonValues;
import org.ltibridge.system.control.Housework;
import org.ltibridge.system.control.Problem;
import org.ltibridge.system.control.Randomness;
import org.ltibridge.system.control.UniqueViolation;

/**
 * Launches a learner out to an external tool (LTI 1.3 Core §5.1, Security Framework §5.1.1): the
 * third-party initiated login towards the tool, then the authentication response, an id_token
 * signed once per launch, posted to the tool through the browser.
 */
@ApplicationScoped
public class PlatformLaunches implements Housework {

  private static final Logger LOG = Logger.getLogger(PlatformLaunches.class.getName());
  static final Duration SESSION_LIFETIME = Duration.ofMinutes(10);
  static final Duration ID_TOKEN_LIFETIME = Duration.ofMinutes(5);

  static final Problem.Text ERROR_DEPLOYMENT =
      Problem.text("lti13.platform.PlatformLaunches.deployment");
  static final Problem.Text ERROR_CONTEXT = Problem.text("lti13.platform.PlatformLaunches.context");
  static final Problem.Text ERROR_NOT_ENROLLED =
      Problem.text("lti13.platform.PlatformLaunches.notEnrolled");
  static final Problem.Text ERROR_DISABLED =
      Problem.text("lti13.platform.PlatformLaunches.disabled");
  static final Problem.Text ERROR_PLACEMENT_INACTIVE =
      Problem.text("lti13.platform.PlatformLaunches.placementInactive");
  static final Problem.Text ERROR_WITHDRAWN =
      Problem.text("lti13.platform.PlatformLaunches.withdrawn");
  static final Problem.Text ERROR_HINT = Problem.text("lti13.platform.PlatformLaunches.hint");
  static final Problem.Text ERROR_USED = Problem.text("lti13.platform.PlatformLaunches.used");
  static final Problem.Text ERROR_CLIENT = Problem.text("lti13.platform.PlatformLaunches.client");
  static final Problem.Text ERROR_INACTIVE =
      Problem.text("lti13.platform.PlatformLaunches.inactive");
  static final Problem.Text ERROR_REDIRECT =
      Problem.text("lti13.platform.PlatformLaunches.redirect");
  static final Problem.Text ERROR_LOGIN_HINT =
      Problem.text("lti13.platform.PlatformLaunches.loginHint");
  static final Problem.Text ERROR_RESPONSE_TYPE =
      Problem.text("lti13.platform.PlatformLaunches.responseType");
  static final Problem.Text ERROR_RESPONSE_MODE =
      Problem.text("lti13.platform.PlatformLaunches.responseMode");
  static final Problem.Text ERROR_SCOPE = Problem.text("lti13.platform.PlatformLaunches.scope");
  static final Problem.Text ERROR_NONCE = Problem.text("lti13.platform.PlatformLaunches.nonce");
  static final Problem.Text ERROR_NONCE_USED =
      Problem.text("lti13.platform.PlatformLaunches.nonceUsed");

  static final String COURSE_OFFERING =
      "http://purl.imsglobal.org/vocab/lis/v2/course#CourseOffering";

  @PersistenceContext EntityManager em;
  @Inject Courses courses;
  @Inject SigningKeys keys;
  @Inject Clock clock;

  @jakarta.annotation.Resource(lookup = "java:comp/env/jdbc/app")
  DataSource dataSource;

  /** The authentication request of OIDC Core §3.1.2.1 as the tool sent it. */
  public record AuthRequest(
      String scope,
      String responseType,
      String responseMode,
      String clientId,
      String redirectUri,
      String loginHint,
      String messageHint,
      String nonce,
      String state,
      String prompt) {}

  /** The auto-submitting form of the authentication response. */
  public record FormPost(String action, String idToken, String state) {}

  /**
   * "Launch course": checks the placement and the learner's enrolment (enrolling them in a course
   * open to everyone), records the launch session and answers the tool's OIDC login URL with the
   * login initiation parameters (Core §5.1.1 / Security Framework §5.1.1.1).
   */
  @Transactional
  public URI start(String learnerEmail, String deploymentId, String contextId, PlatformUrls urls) {
    Learner learner =
        courses.findLearner(learnerEmail).orElseThrow(() -> Problem.forbidden(ERROR_NOT_ENROLLED));
    if (!learner.enabled()) {
      throw Problem.forbidden(ERROR_DISABLED);
    }
    List<CourseConfig> found =
        em.createQuery(
                "SELECT c FROM CourseConfig c JOIN FETCH c.tool JOIN FETCH c.course JOIN FETCH"
                    + " c.deployment WHERE c.deployment.deploymentId = :d",
                CourseConfig.class)
            .setParameter("d", deploymentId)
            .getResultList();
    if (found.isEmpty()) {
      throw Problem.notFound(ERROR_DEPLOYMENT.with(deploymentId));
    }
    CourseConfig config =
        found.stream()
            .filter(c -> c.contextId().equals(contextId))
            .findFirst()
            .orElseThrow(() -> Problem.notFound(ERROR_CONTEXT));
    refuseClosed(config, learner);
    Course course = config.course();
    if (!courses.ensureEnrolled(course, learner)) {
      throw Problem.forbidden(ERROR_NOT_ENROLLED);
    }
    Tool tool = config.tool();
    String target =
        config.externalCourseUrl() != null ? config.externalCourseUrl() : tool.launchUrl();
    String hint = random();
    LocalDateTime now = LocalDateTime.now(clock);
    em.persist(new LaunchSession(hint, config, learner, target, now, now.plus(SESSION_LIFETIME)));
    Map<String, String> params = new LinkedHashMap<>();
    params.put("iss", urls.issuer());
    params.put("login_hint", learner.publicId());
    params.put("lti_message_hint", hint);
    params.put("target_link_uri", target);
    params.put("client_id", tool.clientId());
    params.put("lti_deployment_id", deploymentId);
    return URI.create(withQuery(tool.loginUrl(), params));
  }

  /**
   * The authentication request (Security Framework §5.1.1.2): the launch session named by {@code
   * lti_message_hint} must be unused, unexpired, for this client, user and an exactly registered
   * redirect URI; the nonce is recorded once. Then one id_token is signed.
   */
  @Transactional
  public FormPost authorize(AuthRequest r, PlatformUrls urls) {
    if (r.messageHint() == null || r.messageHint().isBlank()) {
      throw Problem.badRequest(ERROR_HINT);
    }
    // No fetch join through the fetched config: JPA 3.1 §4.4.5.3 allows no alias there (Hibernate
    // refuses one); its tool, course and deployment load in this transaction.
    LaunchSession session =
        em.createQuery(
                "SELECT s FROM LaunchSession s JOIN FETCH s.learner JOIN FETCH s.config"
                    + " WHERE s.messageHint = :h",
                LaunchSession.class)
            .setParameter("h", r.messageHint())
            .getResultStream()
            .findFirst()
            .orElseThrow(() -> Problem.badRequest(ERROR_HINT));
    LocalDateTime now = LocalDateTime.now(clock);
    if (!session.usableAt(now)) {
      throw Problem.gone(ERROR_USED);
    }
    CourseConfig config = session.config();
    Tool tool = config.tool();
    if (!tool.clientId().equals(r.clientId())) {
      throw Problem.badRequest(ERROR_CLIENT);
    }
    if (!tool.allowsRedirect(r.redirectUri())) {
      throw Problem.badRequest(ERROR_REDIRECT);
    }
    if (!session.learner().publicId().equals(r.loginHint())) {
      throw Problem.badRequest(ERROR_LOGIN_HINT);
    }
    // What changed since the launch began counts too (a few minutes at most).
    refuseClosed(config, session.learner());
    if (!"id_token".equals(r.responseType())) {
      throw Problem.badRequest(ERROR_RESPONSE_TYPE);
    }
    if (!"form_post".equals(r.responseMode())) {
      throw Problem.badRequest(ERROR_RESPONSE_MODE);
    }
    if (!Scopes.parse(r.scope()).contains("openid")) {
      throw Problem.badRequest(ERROR_SCOPE);
    }
    if (r.nonce() == null || r.nonce().isBlank() || r.nonce().length() > 255) {
      throw Problem.badRequest(ERROR_NONCE);
    }
    int consumed =
        em.createQuery(
                "UPDATE LaunchSession s SET s.consumedAt = :now WHERE s.id = :id AND s.consumedAt"
                    + " IS NULL")
            .setParameter("now", now)
            .setParameter("id", session.id())
            .executeUpdate();
    if (consumed != 1) {
      throw Problem.gone(ERROR_USED);
    }
    // JDBC rather than a native JPA query: a refused duplicate is expected here and EclipseLink
    // would log it as a stack trace.
    try (Connection c = dataSource.getConnection();
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO lti_platform_nonces (tool_id, nonce, expires_at) VALUES (?, ?, ?)")) {
      insert.setLong(1, tool.id());
      insert.setString(2, r.nonce());
      insert.setTimestamp(3, Timestamp.valueOf(now.plus(SESSION_LIFETIME)));
      insert.executeUpdate();
    } catch (SQLException e) {
      if (UniqueViolation.isCauseOf(e)) {
        throw Problem.badRequest(ERROR_NONCE_USED);
      }
      throw new IllegalStateException("Recording a nonce failed", e);
    }
    String idToken = keys.sign(claims(session, r, urls));
    LOG.fine(() -> "id_token issued to " + tool.clientId() + " for " + config.contextId());
    return new FormPost(r.redirectUri(), idToken, r.state());
  }

  /**
   * The one check of what an admin may have closed, at both steps of a launch: a disabled learner
   * account, a deactivated tool, a deactivated placement, a withdrawn enrolment. Each is refused
   * with a page that says which (403), whatever old link or bookmark the learner followed.
   */
  private void refuseClosed(CourseConfig config, Learner learner) {
    if (!learner.enabled()) {
      throw Problem.forbidden(ERROR_DISABLED);
    }
    if (!config.tool().active()) {
      throw Problem.forbidden(ERROR_INACTIVE.with(config.tool().name()));
    }
    if (!config.active()) {
      throw Problem.forbidden(ERROR_PLACEMENT_INACTIVE.with(config.tool().name()));
    }
    if (courses
        .enrolment(config.course().id(), learner.id())
        .filter(Enrolment::withdrawn)
        .isPresent()) {
      throw Problem.forbidden(ERROR_WITHDRAWN);
    }
  }

  private JWTClaimsSet claims(LaunchSession session, AuthRequest r, PlatformUrls urls) {
    CourseConfig config = session.config();
    Tool tool = config.tool();
    Course course = config.course();
    Learner learner = session.learner();
    Instant now = clock.instant();
    String role =
        em.createQuery(
                "SELECT e.role FROM Enrolment e WHERE e.course = :c AND e.learner = :l",
                String.class)
            .setParameter("c", course)
            .setParameter("l", learner)
            .getResultStream()
            .findFirst()
            .orElse(org.ltibridge.launch.entity.Roles.LEARNER);

    JWTClaimsSet.Builder b =
        new JWTClaimsSet.Builder()
            .issuer(urls.issuer())
            .subject(learner.publicId())
            .audience(tool.clientId())
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(ID_TOKEN_LIFETIME)))
            .jwtID(UUID.randomUUID().toString())
            .claim("azp", tool.clientId())
            .claim("nonce", r.nonce())
            .claim("email", learner.email())
            .claim(LtiClaims.MESSAGE_TYPE, LtiClaims.RESOURCE_LINK_REQUEST)
            .claim(LtiClaims.VERSION, LtiClaims.VERSION_1_3)
            .claim(LtiClaims.DEPLOYMENT_ID, config.deployment().deploymentId())
            .claim(LtiClaims.TARGET_LINK_URI, session.targetLinkUri())
            .claim(LtiClaims.ROLES, List.of(role))
            .claim(
                LtiClaims.RESOURCE_LINK,
                Map.of("id", config.resourceLinkId(), "title", course.title()))
            .claim(
                LtiClaims.CONTEXT,
                Map.of(
                    "id",
                    config.contextId(),
                    "label",
                    course.code(),
                    "title",
                    course.title(),
                    "type",
                    List.of(COURSE_OFFERING)))
            .claim(
                LtiClaims.TOOL_PLATFORM,
                Map.of(
                    "guid",
                    urls.issuer(),
                    "name",
                    "LTI Bridge",
                    "product_family_code",
                    "lti-bridge"))
            .claim(LtiClaims.LAUNCH_PRESENTATION, Map.of("document_target", "window"));
    if (!learner.name().isEmpty()) {
      b.claim("name", learner.name());
    }
    if (learner.givenName() != null) {
      b.claim("given_name", learner.givenName());
    }
    if (learner.familyName() != null) {
      b.claim("family_name", learner.familyName());
    }
    Map<String, Object> custom = new LinkedHashMap<>();
    if (config.externalCourseId() != null) {
      custom.put("external_course_id", config.externalCourseId());
    }
    if (config.customParams() != null) {
      JsonObject o = JsonValues.reader(new StringReader(config.customParams())).readObject();
      o.forEach((k, v) -> custom.put(k, ((JsonString) v).getString()));
    }
    if (!custom.isEmpty()) {
      b.claim(LtiClaims.CUSTOM, custom);
    }
    List<String> agsScopes = new ArrayList<>();
    for (String s : Scopes.AGS) {
      if (tool.scopes().contains(s)) {
        agsScopes.add(s);
      }
    }
    if (!agsScopes.isEmpty()) {
      Map<String, Object> ags = new LinkedHashMap<>();
      ags.put("scope", agsScopes);
      ags.put("lineitems", urls.lineItems(config.contextId()));
      em.createQuery(
              "SELECT li.id FROM LineItem li WHERE li.configId = :c AND li.resourceLinkId = :r"
                  + " ORDER BY li.id",
              Long.class)
          .setParameter("c", config.id())
          .setParameter("r", config.resourceLinkId())
          .setMaxResults(1)
          .getResultStream()
          .findFirst()
          .ifPresent(id -> ags.put("lineitem", urls.lineItem(id)));
      b.claim(LtiClaims.AGS, ags);
    }
    if (tool.scopes().contains(Scopes.MEMBERSHIP)) {
      b.claim(
          LtiClaims.NRPS,
          Map.of(
              "context_memberships_url",
              urls.memberships(config.contextId()),
              "service_versions",
              List.of("2.0")));
    }
    return b.build();
  }

  static String withQuery(String url, Map<String, String> params) {
    StringBuilder s = new StringBuilder(url);
    char sep = url.contains("?") ? '&' : '?';
    for (Map.Entry<String, String> e : params.entrySet()) {
      s.append(sep)
          .append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
      sep = '&';
    }
    return s.toString();
  }

  static String random() {
    return Randomness.token(32);
  }

  /** Deletes launch sessions and nonces past their expiry (Housekeeping). */
  @Transactional
  public int purgeExpired(LocalDateTime now) {
    int s =
        em.createQuery("DELETE FROM LaunchSession s WHERE s.expiresAt < :now")
            .setParameter("now", now)
            .executeUpdate();
    int n =
        em.createNativeQuery("DELETE FROM lti_platform_nonces WHERE expires_at < ?")
            .setParameter(1, Timestamp.valueOf(now))
            .executeUpdate();
    return s + n;
  }

  /** Housekeeping's minutely share ({@link Housework}). */
  @Override
  @Transactional
  public int everyMinute(LocalDateTime now) {
    return purgeExpired(now);
  }

  @Override
  public String what() {
    return "platform launch sessions and launch nonces";
  }
}
