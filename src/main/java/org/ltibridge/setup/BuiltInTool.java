package org.ltibridge.setup;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.ltibridge.learning.entity.Course;
import org.ltibridge.lti13.platform.control.PlatformReached;
import org.ltibridge.lti13.platform.control.PlatformUrls;
import org.ltibridge.lti13.platform.control.Scopes;
import org.ltibridge.lti13.platform.control.ToolRegistry;
import org.ltibridge.lti13.platform.entity.Tool;
import org.ltibridge.lti13.tool.control.Registrations;
import org.ltibridge.lti13.tool.control.ToolUrls;
import org.ltibridge.lti13.tool.entity.PlatformEndpoints;
import org.ltibridge.lti13.tool.entity.Registration;
import org.ltibridge.lti13.tool.entity.RegistrationSource;
import org.ltibridge.lti13.tool.entity.RegistrationStatus;
import org.ltibridge.org.entity.Organization;
import org.ltibridge.system.control.Problem;

/**
 * The built-in test LMS: LTI Bridge's own tool role registered as a tool of its own platform role,
 * placed in the demo course, so that a new user can launch the "AI assistants" activity over LTI
 * 1.3 as an instructor or a student without any LMS. Both halves are ordinary data: a tool row on
 * the platform side, a platform registration (demo organisation) on the tool side, sharing one
 * client id and deployment id.
 *
 * <p>The URLs are those the launching browser uses, so the rows are brought in line with the
 * request's base URL before each launch of this tool (a deployment reached as localhost and later
 * as a host name keeps working): whenever a page of the platform role is opened ({@link
 * PlatformReached}). Only with the demo data: without the demo organisation and course there is
 * nothing to launch.
 *
 * <p>Start-up and demo wiring, not part of either role: it is the one place that knows both.
 */
@ApplicationScoped
public class BuiltInTool {

  private static final Logger LOG = Logger.getLogger(BuiltInTool.class.getName());
  public static final String CLIENT_ID = "lti-bridge-built-in";
  public static final String NAME = "AI assistants (LTI Bridge, built in)";
  static final String PLATFORM_NAME = "LTI Bridge (built-in test LMS)";

  @PersistenceContext EntityManager em;
  @Inject ToolRegistry tools;
  @Inject Registrations registrations;
  @Inject Clock clock;

  /** Follows the address the browser uses (demo data only). */
  @Transactional
  void follow(@Observes PlatformReached reached) {
    ensure(reached.urls());
  }

  /** Whether this deployment id is the built-in tool's. */
  public boolean isBuiltIn(String deploymentId) {
    return tool()
        .map(t -> tools.tool(t.id()).orElseThrow().deploymentIds().contains(deploymentId))
        .orElse(false);
  }

  /**
   * Creates or updates both halves for these URLs; does nothing without the demo organisation and
   * course. Returns whether the built-in tool is in place.
   */
  @Transactional
  public boolean ensure(PlatformUrls urls) {
    Optional<Organization> org = demoOrganization();
    Optional<Course> course = demoCourse();
    if (org.isEmpty() || course.isEmpty()) {
      return false;
    }
    ToolUrls ours = new ToolUrls(urls.base());
    Tool tool = tool().orElse(null);
    if (tool == null) {
      long id =
          tools
              .register(
                  new ToolRegistry.Registration(
                      NAME,
                      CLIENT_ID,
                      ours.login(),
                      ours.target(),
                      ours.launch(),
                      ours.jwks(),
                      null,
                      new LinkedHashSet<>(Scopes.ALL)))
              .id();
      tools.place(id, course.get().id(), null, null, null, null, null, true);
      tool = em.find(Tool.class, id);
      LOG.info(() -> "Registered the built-in tool in the built-in test LMS at " + urls.base());
    } else if (!tool.loginUrl().equals(ours.login())) {
      tool.moveTo(
          ours.login(),
          ours.target(),
          List.of(ours.launch()),
          ours.jwks(),
          LocalDateTime.now(clock));
    }
    String deployment = tools.tool(tool.id()).orElseThrow().deploymentIds().get(0);
    PlatformEndpoints platform =
        new PlatformEndpoints(
            urls.issuer(), CLIENT_ID, urls.authorize(), urls.token(), null, urls.jwks());
    Optional<Registration> registered =
        registrations.inOrganization(org.get().id()).stream()
            .filter(r -> r.issuer().equals(urls.issuer()) && r.clientId().equals(CLIENT_ID))
            .findFirst();
    try {
      if (registered.isEmpty()) {
        registrations.register(
            org.get().id(),
            platform,
            List.of(deployment),
            RegistrationStatus.ENABLED,
            RegistrationSource.MANUAL,
            PLATFORM_NAME);
      } else if (!registered.get().endpoints().equals(platform)) {
        registrations.changeEndpoints(registered.get().id(), platform);
      }
    } catch (Problem refused) {
      // e.g. a plain-http public URL that is not loopback: the tool role refuses such a platform.
      LOG.warning(
          "The built-in test LMS cannot register itself at "
              + urls.base()
              + ": "
              + refused.detail());
      return false;
    }
    return true;
  }

  private Optional<Tool> tool() {
    return em.createNamedQuery(Tool.BY_CLIENT, Tool.class)
        .setParameter("clientId", CLIENT_ID)
        .getResultStream()
        .findFirst();
  }

  private Optional<Organization> demoOrganization() {
    return em.createNamedQuery(Organization.BY_SLUG, Organization.class)
        .setParameter("slug", DemoData.SLUG)
        .getResultStream()
        .findFirst();
  }

  private Optional<Course> demoCourse() {
    return em.createNamedQuery(Course.BY_CODE, Course.class)
        .setParameter("code", DemoCourse.CODE)
        .getResultStream()
        .findFirst();
  }
}
