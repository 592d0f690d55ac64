package org.ltibridge.lti13.tool.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.Serializable;
import java.util.List;
import org.ltibridge.lti13.tool.control.Lti13Console;
import org.ltibridge.lti13.tool.control.ToolUrls;
import org.ltibridge.lti13.tool.entity.PlatformEndpoints;
import org.ltibridge.lti13.tool.entity.RegistrationStatus;
import org.ltibridge.system.boundary.ConsoleText;
import org.ltibridge.system.boundary.RequestLanguage;
import org.ltibridge.system.control.Problem;
import org.ltibridge.system.control.PublicUrl;
import org.omnifaces.cdi.ViewScoped;

/**
 * Backs {@code admin/lti13.xhtml}: the values an LMS administrator copies, each organisation's
 * Dynamic Registration URL, the registrations and the manual registration form.
 */
@Named
@ViewScoped(saveInViewState = true)
public class Lti13Backing implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject Lti13Console console;
  @Inject PublicUrl publicUrl;

  private ToolUrls urls;
  private List<Lti13Console.Row> registrations;
  private List<Lti13Console.OrgRow> organizations;

  // Manual registration form
  private Long organizationId;
  private String issuer;
  private String clientId;
  private String authLoginUrl;
  private String tokenUrl;
  private String tokenAudience;
  private String jwksUrl;
  private String deploymentIds;
  private String newDeployment;

  @PostConstruct
  void load() {
    HttpServletRequest request =
        (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest();
    urls = new ToolUrls(publicUrl.base(request));
    reload();
  }

  private void reload() {
    registrations = console.registrations();
    organizations = console.organizations();
    if (organizationId == null && !organizations.isEmpty()) {
      organizationId = organizations.get(0).id();
    }
  }

  public void register() {
    try {
      console.registerManually(
          organizationId == null ? -1 : organizationId,
          new PlatformEndpoints(issuer, clientId, authLoginUrl, tokenUrl, tokenAudience, jwksUrl),
          deploymentIds == null ? List.of() : List.of(deploymentIds));
      info(ConsoleText.text("lti13.registered", issuer, clientId));
      issuer = clientId = authLoginUrl = tokenUrl = tokenAudience = jwksUrl = deploymentIds = null;
      reload();
    } catch (Problem refused) {
      error(refused);
    }
  }

  public void enable(long id) {
    status(id, RegistrationStatus.ENABLED);
  }

  public void disable(long id) {
    status(id, RegistrationStatus.DISABLED);
  }

  private void status(long id, RegistrationStatus status) {
    try {
      console.changeStatus(id, status);
      info(ConsoleText.text("lti13.saved"));
      reload();
    } catch (Problem refused) {
      error(refused);
    }
  }

  public void addDeployment(long id) {
    try {
      console.deploy(id, newDeployment);
      newDeployment = null;
      info(ConsoleText.text("lti13.saved"));
      reload();
    } catch (Problem refused) {
      error(refused);
    }
  }

  public void removeDeployment(long id, String deploymentId) {
    try {
      console.undeploy(id, deploymentId);
      info(ConsoleText.text("lti13.saved"));
      reload();
    } catch (Problem refused) {
      error(refused);
    }
  }

  public void delete(long id) {
    try {
      console.delete(id);
      info(ConsoleText.text("lti13.saved"));
      reload();
    } catch (Problem refused) {
      error(refused);
    }
  }

  public void toggleApproval(long organization) {
    try {
      boolean now =
          organizations.stream()
              .filter(o -> o.id() == organization)
              .findFirst()
              .map(Lti13Console.OrgRow::approvalRequired)
              .orElse(false);
      console.requireApproval(organization, !now);
      info(ConsoleText.text("lti13.saved"));
      reload();
    } catch (Problem refused) {
      error(refused);
    }
  }

  public String registrationUrl(String ref) {
    return urls.register(ref);
  }

  private static void info(String message) {
    FacesContext.getCurrentInstance()
        .addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, message, null));
  }

  private static void error(Problem problem) {
    FacesContext.getCurrentInstance()
        .addMessage(
            null,
            new FacesMessage(
                FacesMessage.SEVERITY_ERROR, problem.detail(RequestLanguage.ofView()), null));
  }

  public ToolUrls getUrls() {
    return urls;
  }

  public List<Lti13Console.Row> getRegistrations() {
    return registrations;
  }

  public List<Lti13Console.OrgRow> getOrganizations() {
    return organizations;
  }

  public Long getOrganizationId() {
    return organizationId;
  }

  public void setOrganizationId(Long organizationId) {
    this.organizationId = organizationId;
  }

  public String getIssuer() {
    return issuer;
  }

  public void setIssuer(String issuer) {
    this.issuer = issuer;
  }

  public String getClientId() {
    return clientId;
  }

  public void setClientId(String clientId) {
    this.clientId = clientId;
  }

  public String getAuthLoginUrl() {
    return authLoginUrl;
  }

  public void setAuthLoginUrl(String authLoginUrl) {
    this.authLoginUrl = authLoginUrl;
  }

  public String getTokenUrl() {
    return tokenUrl;
  }

  public void setTokenUrl(String tokenUrl) {
    this.tokenUrl = tokenUrl;
  }

  public String getTokenAudience() {
    return tokenAudience;
  }

  public void setTokenAudience(String tokenAudience) {
    this.tokenAudience = tokenAudience;
  }

  public String getJwksUrl() {
    return jwksUrl;
  }

  public void setJwksUrl(String jwksUrl) {
    this.jwksUrl = jwksUrl;
  }

  public String getDeploymentIds() {
    return deploymentIds;
  }

  public void setDeploymentIds(String deploymentIds) {
    this.deploymentIds = deploymentIds;
  }

  public String getNewDeployment() {
    return newDeployment;
  }

  public void setNewDeployment(String newDeployment) {
    this.newDeployment = newDeployment;
  }
}
