package org.ltibridge.lti13.platform.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.StringReader;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.ltibridge.learning.entity.Course;
import org.ltibridge.lti13.platform.entity.CourseConfig;
import org.ltibridge.lti13.platform.entity.Deployment;
import org.ltibridge.lti13.platform.entity.Tool;
import org.ltibridge.system.boundary.JsonValues;
import org.ltibridge.system.control.Problem;

/**
 * The registry of external LTI 1.3 tools: registration (with a first deployment), course
 * placements, and the read models of the console. Every input is checked here, so a refused
 * registration writes nothing whichever page or API sent it.
 */
@ApplicationScoped
public class ToolRegistry {

  static final Problem.Text ERROR_NAME = Problem.text("lti13.platform.ToolRegistry.name");
  static final Problem.Text ERROR_URL = Problem.text("lti13.platform.ToolRegistry.url");
  static final Problem.Text ERROR_KEY = Problem.text("lti13.platform.ToolRegistry.key");
  static final Problem.Text ERROR_SCOPE = Problem.text("lti13.platform.ToolRegistry.scope");
  static final Problem.Text ERROR_CLIENT_TAKEN =
      Problem.text("lti13.platform.ToolRegistry.clientTaken");
  static final Problem.Text ERROR_CUSTOM = Problem.text("lti13.platform.ToolRegistry.custom");
  static final Problem.Text ERROR_NO_TOOL = Problem.text("lti13.platform.ToolRegistry.noTool");
  static final Problem.Text ERROR_NO_COURSE = Problem.text("lti13.platform.ToolRegistry.noCourse");
  static final Problem.Text ERROR_TOO_LONG = Problem.text("lti13.platform.ToolRegistry.tooLong");
  static final Problem.Text ERROR_PLACED = Problem.text("lti13.platform.ToolRegistry.placed");

  static final int MAX_NAME = 200;
  static final int MAX_URL = 1000;
  static final int MAX_REDIRECTS = 4000;
  static final int MAX_PEM = 4000;

  @PersistenceContext EntityManager em;
  @Inject Clock clock;

  /** What an admin enters to register a tool. */
  public record Registration(
      String name,
      String clientId,
      String loginUrl,
      String launchUrl,
      String redirectUris,
      String jwksUrl,
      String publicKeyPem,
      Set<String> scopes) {}

  /** A tool as the console lists it, with its deployments. */
  public record ToolView(
      long id,
      String name,
      String clientId,
      String loginUrl,
      String launchUrl,
      List<String> redirectUris,
      String keySource,
      List<String> scopes,
      List<String> deploymentIds,
      boolean active,
      String jwksUrl,
      String publicKeyPem,
      long revision,
      LocalDateTime updatedAt) {}

  /** A course placed in a tool, as the console and the learner page list it. */
  public record PlacementView(
      long id,
      long courseId,
      String courseTitle,
      long toolId,
      String toolName,
      String deploymentId,
      String contextId,
      String resourceLinkId,
      String externalCourseId,
      String externalCourseUrl,
      boolean autoSyncGrades) {}

  /** A registration whose every field has been checked and normalised. */
  record Checked(
      String name,
      String loginUrl,
      String launchUrl,
      List<String> redirectUris,
      String jwksUrl,
      String publicKeyPem,
      Set<String> scopes) {}

  /**
   * Checks what an admin entered for a tool, whether to register or to edit it: refused with a
   * message naming the field, before anything is written.
   */
  static Checked check(Registration r) {
    String name = required(r.name(), ERROR_NAME);
    if (name.length() > MAX_NAME) {
      throw Problem.badRequest(
          ERROR_TOO_LONG.with(Problem.text("lti13.platform.field.name"), MAX_NAME));
    }
    String loginUrl = url(r.loginUrl(), Problem.text("lti13.platform.field.loginUrl"));
    String launchUrl = url(r.launchUrl(), Problem.text("lti13.platform.field.launchUrl"));
    List<String> redirects = new ArrayList<>();
    if (r.redirectUris() != null) {
      for (String line : r.redirectUris().split("[\\r\\n]+")) {
        if (!line.isBlank()) {
          redirects.add(url(line, Problem.text("lti13.platform.field.redirectUri")));
        }
      }
    }
    if (redirects.isEmpty()) {
      redirects.add(launchUrl);
    }
    if (String.join("\n", redirects).length() > MAX_REDIRECTS) {
      throw Problem.badRequest(
          ERROR_TOO_LONG.with(Problem.text("lti13.platform.field.redirectUris"), MAX_REDIRECTS));
    }
    String jwksUrl = blankToNull(r.jwksUrl());
    String pem = blankToNull(r.publicKeyPem());
    if ((jwksUrl == null) == (pem == null)) {
      throw Problem.badRequest(ERROR_KEY);
    }
    if (jwksUrl != null) {
      jwksUrl = url(jwksUrl, Problem.text("lti13.platform.field.jwksUrl"));
    } else {
      if (pem.length() > MAX_PEM) {
        throw Problem.badRequest(
            ERROR_TOO_LONG.with(Problem.text("lti13.platform.field.publicKey"), MAX_PEM));
      }
      try {
        ToolKeys.parsePem(pem);
      } catch (IllegalArgumentException e) {
        throw Problem.badRequest(e.getMessage() + ".");
      }
    }
    Set<String> scopes = new LinkedHashSet<>();
    for (String s : r.scopes() == null ? Set.<String>of() : r.scopes()) {
      if (!Scopes.ALL.contains(s)) {
        throw Problem.badRequest(ERROR_SCOPE.with(s));
      }
      scopes.add(s);
    }
    return new Checked(name, loginUrl, launchUrl, redirects, jwksUrl, pem, scopes);
  }

  @Transactional
  public ToolView register(Registration r) {
    Checked c = check(r);
    String clientId =
        Optional.ofNullable(blankToNull(r.clientId()))
            .orElseGet(() -> UUID.randomUUID().toString());
    if (!em.createNamedQuery(Tool.BY_CLIENT, Tool.class)
        .setParameter("clientId", clientId)
        .getResultList()
        .isEmpty()) {
      throw Problem.conflict(ERROR_CLIENT_TAKEN.with(clientId));
    }
    LocalDateTime now = LocalDateTime.now(clock);
    Tool tool =
        new Tool(
            c.name(),
            clientId,
            c.loginUrl(),
            c.launchUrl(),
            c.redirectUris(),
            c.jwksUrl(),
            c.publicKeyPem(),
            c.scopes(),
            now);
    em.persist(tool);
    em.persist(new Deployment(tool, UUID.randomUUID().toString(), "Default", now));
    em.flush();
    return view(tool);
  }

  /** Places a course in a tool (under the tool's first deployment). */
  @Transactional
  public PlacementView place(
      long toolId,
      long courseId,
      String externalCourseId,
      String externalCourseUrl,
      String contextIdOverride,
      String resourceLinkIdOverride,
      String customParamsJson,
      boolean autoSyncGrades) {
    Tool tool = em.find(Tool.class, toolId);
    if (tool == null) {
      throw Problem.notFound(ERROR_NO_TOOL);
    }
    Course course = em.find(Course.class, courseId);
    if (course == null) {
      throw Problem.notFound(ERROR_NO_COURSE);
    }
    String url = blankToNull(externalCourseUrl);
    if (url != null) {
      url = url(url, Problem.text("lti13.platform.field.externalCourseUrl"));
    }
    String custom = customParams(customParamsJson);
    Deployment deployment =
        em.createQuery(
                "SELECT d FROM ToolDeployment d WHERE d.tool = :t ORDER BY d.id", Deployment.class)
            .setParameter("t", tool)
            .setMaxResults(1)
            .getSingleResult();
    CourseConfig config =
        new CourseConfig(
            course,
            deployment,
            blankToNull(externalCourseId),
            url,
            blankToNull(contextIdOverride),
            blankToNull(resourceLinkIdOverride),
            custom,
            autoSyncGrades,
            LocalDateTime.now(clock));
    long clashes =
        em.createQuery(
                "SELECT COUNT(c) FROM CourseConfig c WHERE c.tool = :t AND (c.contextId = :ctx"
                    + " OR c.course = :course)",
                Long.class)
            .setParameter("t", tool)
            .setParameter("ctx", config.contextId())
            .setParameter("course", course)
            .getSingleResult();
    if (clashes > 0) {
      throw Problem.conflict(ERROR_PLACED);
    }
    em.persist(config);
    em.flush();
    return placement(config);
  }

  /** The placement of {@code toolId} whose context id is {@code contextId}, if any. */
  public Optional<ContextRef> context(long toolId, String contextId) {
    return em.createQuery(
            "SELECT NEW org.ltibridge.lti13.platform.control.ContextRef(c.id, c.course.id,"
                + " c.contextId, c.course.code, c.course.title, c.resourceLinkId) FROM CourseConfig"
                + " c WHERE c.tool.id = :t AND c.contextId = :ctx AND c.active = TRUE",
            ContextRef.class)
        .setParameter("t", toolId)
        .setParameter("ctx", contextId)
        .getResultStream()
        .findFirst();
  }

  public Optional<ToolView> tool(long toolId) {
    return Optional.ofNullable(em.find(Tool.class, toolId)).map(this::view);
  }

  public List<ToolView> tools() {
    return em.createNamedQuery(Tool.ALL, Tool.class).getResultStream().map(this::view).toList();
  }

  public List<PlacementView> placements() {
    return em.createQuery(
            "SELECT c FROM CourseConfig c JOIN FETCH c.course JOIN FETCH c.tool JOIN FETCH"
                + " c.deployment ORDER BY c.course.title, c.id",
            CourseConfig.class)
        .getResultStream()
        .map(ToolRegistry::placement)
        .toList();
  }

  ToolView view(Tool t) {
    List<String> deployments =
        em.createQuery(
                "SELECT d.deploymentId FROM ToolDeployment d WHERE d.tool = :t ORDER BY d.id",
                String.class)
            .setParameter("t", t)
            .getResultList();
    return new ToolView(
        t.id(),
        t.name(),
        t.clientId(),
        t.loginUrl(),
        t.launchUrl(),
        t.redirectUris(),
        t.jwksUrl() != null ? t.jwksUrl() : "public key (PEM)",
        t.scopes().stream().sorted().toList(),
        deployments,
        t.active(),
        t.jwksUrl(),
        t.publicKeyPem(),
        t.revision(),
        t.updatedAt());
  }

  static PlacementView placement(CourseConfig c) {
    return new PlacementView(
        c.id(),
        c.course().id(),
        c.course().title(),
        c.tool().id(),
        c.tool().name(),
        c.deployment().deploymentId(),
        c.contextId(),
        c.resourceLinkId(),
        c.externalCourseId(),
        c.externalCourseUrl(),
        c.autoSyncGrades());
  }

  /** Custom parameters as a JSON object of string values (LTI 1.3 Core §5.4.6), or null. */
  static String customParams(String json) {
    String text = blankToNull(json);
    if (text == null) {
      return null;
    }
    try {
      JsonObject o = JsonValues.reader(new StringReader(text)).readObject();
      for (JsonValue v : o.values()) {
        if (v.getValueType() != JsonValue.ValueType.STRING) {
          throw Problem.badRequest(ERROR_CUSTOM);
        }
      }
      return o.toString();
    } catch (JsonException | IllegalStateException e) {
      throw Problem.badRequest(ERROR_CUSTOM);
    }
  }

  static String url(String value, Problem.Text what) {
    String v = value == null ? "" : value.strip();
    if (v.length() > MAX_URL) {
      throw Problem.badRequest(ERROR_TOO_LONG.with(what, MAX_URL));
    }
    try {
      URI uri = URI.create(v);
      if (uri.isAbsolute()
          && ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
          && uri.getHost() != null) {
        return v;
      }
    } catch (IllegalArgumentException e) {
      // refused below
    }
    throw Problem.badRequest(ERROR_URL.with(what));
  }

  static String required(String value, Problem.Text error) {
    String v = blankToNull(value);
    if (v == null) {
      throw Problem.badRequest(error);
    }
    return v;
  }

  static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
