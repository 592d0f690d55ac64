package org.ltibridge.lti13.platform.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.event.Event;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.ltibridge.learning.control.Courses;
import org.ltibridge.learning.entity.Course;
import org.ltibridge.learning.entity.EnrolmentView;
import org.ltibridge.lti13.platform.control.PlatformReached;
import org.ltibridge.lti13.platform.control.PlatformUrls;
import org.ltibridge.lti13.platform.control.Scopes;
import org.ltibridge.lti13.platform.control.ToolRegistry;
import org.ltibridge.lti13.platform.control.ToolRegistry.PlacementView;
import org.ltibridge.lti13.platform.control.ToolRegistry.Registration;
import org.ltibridge.lti13.platform.control.ToolRegistry.ToolView;
import org.ltibridge.org.control.ConsoleCaller;
import org.ltibridge.system.control.Problem;

/**
 * Backs {@code admin/platform.xhtml}: the platform values a tool's admin needs, tool registration,
 * course placements, courses, learners and enrolments (with marks and progress). System admins
 * only; each action asks {@link ConsoleCaller} again.
 */
@Named
@ViewScoped
public class PlatformConsoleBacking implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject Event<PlatformReached> reached;
  @Inject ConsoleCaller caller;
  @Inject ToolRegistry registry;
  @Inject Courses courses;
  @Inject Platform platform;

  private PlatformUrls urls;
  private boolean allowed;

  // register a tool
  private String name;
  private String clientId;
  private String loginUrl;
  private String launchUrl;
  private String redirectUris;
  private String jwksUrl;
  private String publicKeyPem;
  private List<String> scopes = new ArrayList<>(Scopes.ALL);

  // place a course
  private Long placeToolId;
  private Long placeCourseId;
  private String externalCourseId;
  private String externalCourseUrl;
  private String contextIdOverride;
  private String resourceLinkIdOverride;
  private String customParams;
  private boolean autoSync = true;

  // courses and learners
  private String courseCode;
  private String courseTitle;
  private BigDecimal passingMarks = BigDecimal.valueOf(50);
  private boolean selfEnrol;
  private String learnerEmail;
  private String givenName;
  private String familyName;
  private transient String learnerPassword;
  private Long enrolCourseId;
  private String enrolEmail;

  @PostConstruct
  void load() {
    urls =
        platform.urls(
            (HttpServletRequest)
                FacesContext.getCurrentInstance().getExternalContext().getRequest());
    reached.fire(new PlatformReached(urls));
    allowed = caller.isSystemAdmin();
  }

  public void register() {
    act(
        () -> {
          ToolView tool =
              registry.register(
                  new Registration(
                      name,
                      clientId,
                      loginUrl,
                      launchUrl,
                      redirectUris,
                      jwksUrl,
                      publicKeyPem,
                      new LinkedHashSet<>(scopes)));
          name = clientId = loginUrl = launchUrl = redirectUris = jwksUrl = publicKeyPem = null;
          return "Registered " + tool.name() + " (client id " + tool.clientId() + ").";
        });
  }

  public void place() {
    act(
        () -> {
          if (placeToolId == null || placeCourseId == null) {
            throw Problem.badRequest("Choose a tool and a course.");
          }
          PlacementView p =
              registry.place(
                  placeToolId,
                  placeCourseId,
                  externalCourseId,
                  externalCourseUrl,
                  contextIdOverride,
                  resourceLinkIdOverride,
                  customParams,
                  autoSync);
          externalCourseId = externalCourseUrl = contextIdOverride = resourceLinkIdOverride = null;
          customParams = null;
          return "Placed " + p.courseTitle() + " in " + p.toolName() + ".";
        });
  }

  public void createCourse() {
    act(
        () -> {
          Course c = courses.createCourse(courseCode, courseTitle, passingMarks, selfEnrol);
          courseCode = courseTitle = null;
          return "Created the course " + c.title() + ".";
        });
  }

  public void createLearner() {
    try {
      act(
          () -> {
            courses.createLearner(learnerEmail, givenName, familyName, learnerPassword);
            String done = "Created the learner " + learnerEmail + ".";
            learnerEmail = givenName = familyName = null;
            return done;
          });
    } finally {
      learnerPassword = null;
    }
  }

  public void enrol() {
    act(
        () -> {
          if (enrolCourseId == null) {
            throw Problem.badRequest("Choose a course.");
          }
          courses.enrol(enrolCourseId, enrolEmail, false);
          String done = "Enrolled " + enrolEmail + ".";
          enrolEmail = null;
          return done;
        });
  }

  private void act(java.util.function.Supplier<String> action) {
    FacesContext faces = FacesContext.getCurrentInstance();
    try {
      caller.requireSystemAdmin();
      faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, action.get(), null));
    } catch (Problem refused) {
      faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, refused.detail(), null));
    }
  }

  public boolean isAllowed() {
    return allowed;
  }

  public PlatformUrls getUrls() {
    return urls;
  }

  public List<ToolView> getTools() {
    return allowed ? registry.tools() : List.of();
  }

  public List<PlacementView> getPlacements() {
    return allowed ? registry.placements() : List.of();
  }

  public List<Course> getCourses() {
    return allowed ? courses.courses() : List.of();
  }

  public List<EnrolmentView> getEnrolments() {
    return allowed ? courses.enrolments() : List.of();
  }

  public List<String> getAllScopes() {
    return Scopes.ALL;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getClientId() {
    return clientId;
  }

  public void setClientId(String clientId) {
    this.clientId = clientId;
  }

  public String getLoginUrl() {
    return loginUrl;
  }

  public void setLoginUrl(String loginUrl) {
    this.loginUrl = loginUrl;
  }

  public String getLaunchUrl() {
    return launchUrl;
  }

  public void setLaunchUrl(String launchUrl) {
    this.launchUrl = launchUrl;
  }

  public String getRedirectUris() {
    return redirectUris;
  }

  public void setRedirectUris(String redirectUris) {
    this.redirectUris = redirectUris;
  }

  public String getJwksUrl() {
    return jwksUrl;
  }

  public void setJwksUrl(String jwksUrl) {
    this.jwksUrl = jwksUrl;
  }

  public String getPublicKeyPem() {
    return publicKeyPem;
  }

  public void setPublicKeyPem(String publicKeyPem) {
    this.publicKeyPem = publicKeyPem;
  }

  public List<String> getScopes() {
    return scopes;
  }

  public void setScopes(List<String> scopes) {
    this.scopes = scopes;
  }

  public Long getPlaceToolId() {
    return placeToolId;
  }

  public void setPlaceToolId(Long placeToolId) {
    this.placeToolId = placeToolId;
  }

  public Long getPlaceCourseId() {
    return placeCourseId;
  }

  public void setPlaceCourseId(Long placeCourseId) {
    this.placeCourseId = placeCourseId;
  }

  public String getExternalCourseId() {
    return externalCourseId;
  }

  public void setExternalCourseId(String externalCourseId) {
    this.externalCourseId = externalCourseId;
  }

  public String getExternalCourseUrl() {
    return externalCourseUrl;
  }

  public void setExternalCourseUrl(String externalCourseUrl) {
    this.externalCourseUrl = externalCourseUrl;
  }

  public String getContextIdOverride() {
    return contextIdOverride;
  }

  public void setContextIdOverride(String contextIdOverride) {
    this.contextIdOverride = contextIdOverride;
  }

  public String getResourceLinkIdOverride() {
    return resourceLinkIdOverride;
  }

  public void setResourceLinkIdOverride(String resourceLinkIdOverride) {
    this.resourceLinkIdOverride = resourceLinkIdOverride;
  }

  public String getCustomParams() {
    return customParams;
  }

  public void setCustomParams(String customParams) {
    this.customParams = customParams;
  }

  public boolean isAutoSync() {
    return autoSync;
  }

  public void setAutoSync(boolean autoSync) {
    this.autoSync = autoSync;
  }

  public String getCourseCode() {
    return courseCode;
  }

  public void setCourseCode(String courseCode) {
    this.courseCode = courseCode;
  }

  public String getCourseTitle() {
    return courseTitle;
  }

  public void setCourseTitle(String courseTitle) {
    this.courseTitle = courseTitle;
  }

  public BigDecimal getPassingMarks() {
    return passingMarks;
  }

  public void setPassingMarks(BigDecimal passingMarks) {
    this.passingMarks = passingMarks;
  }

  public boolean isSelfEnrol() {
    return selfEnrol;
  }

  public void setSelfEnrol(boolean selfEnrol) {
    this.selfEnrol = selfEnrol;
  }

  public String getLearnerEmail() {
    return learnerEmail;
  }

  public void setLearnerEmail(String learnerEmail) {
    this.learnerEmail = learnerEmail;
  }

  public String getGivenName() {
    return givenName;
  }

  public void setGivenName(String givenName) {
    this.givenName = givenName;
  }

  public String getFamilyName() {
    return familyName;
  }

  public void setFamilyName(String familyName) {
    this.familyName = familyName;
  }

  public String getLearnerPassword() {
    return null;
  }

  public void setLearnerPassword(String learnerPassword) {
    this.learnerPassword = learnerPassword;
  }

  public Long getEnrolCourseId() {
    return enrolCourseId;
  }

  public void setEnrolCourseId(Long enrolCourseId) {
    this.enrolCourseId = enrolCourseId;
  }

  public String getEnrolEmail() {
    return enrolEmail;
  }

  public void setEnrolEmail(String enrolEmail) {
    this.enrolEmail = enrolEmail;
  }
}
