package org.ltibridge.admin.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.Serializable;
import java.util.List;
import org.ltibridge.access.control.Actor;
import org.ltibridge.activity.control.UnifiedActivityFlow;
import org.ltibridge.admin.control.Callers;
import org.ltibridge.admin.control.ConsoleQueries;
import org.ltibridge.admin.control.ConsoleQueries.ActivityRow;
import org.ltibridge.admin.control.ModelEndpoints;
import org.ltibridge.admin.control.ModelEndpoints.Endpoint;
import org.ltibridge.admin.control.OrganizationAdmin;
import org.ltibridge.admin.control.UnifiedLtiSettings;
import org.ltibridge.admin.control.UnifiedLtiSettings.Summary;
import org.ltibridge.identity.control.ConsoleCaller;
import org.ltibridge.system.boundary.RequestLanguage;
import org.ltibridge.system.control.Problem;
import org.ltibridge.system.control.PublicUrl;
import org.omnifaces.cdi.ViewScoped;

/**
 * Backs the console home {@code admin/index.xhtml}: the Unified LTI credentials, each visible
 * organisation's model endpoint, and the activities. The control classes decide what the caller may
 * see and do; the page only hides what would be refused anyway.
 */
@Named
@ViewScoped(saveInViewState = true)
public class ConsoleBacking implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject ConsoleCaller caller;
  @Inject UnifiedLtiSettings lti;
  @Inject ModelEndpoints modelEndpoints;
  @Inject ConsoleQueries queries;
  @Inject PublicUrl publicUrl;
  @Inject Callers callers;
  @Inject OrganizationAdmin organizations;

  private boolean systemAdmin;
  private String username;
  private String launchUrl;
  private Summary unifiedLti;
  // Not kept when the session is stored or replicated: the admin asks again.
  private transient String secret;
  private String consumerKey;
  private transient String newSecret;
  private List<EndpointForm> endpoints;
  private int defaultMaxConcurrent;
  private List<ActivityRow> activities;
  private String ownOrganizationSlug;
  private String ownOrganizationName;

  /** An organisation's endpoint as edited on the page; the API key field is write-only. */
  public static class EndpointForm implements Serializable {
    private static final long serialVersionUID = 1L;
    private final Long organizationId;
    private final String slug;
    private final String organization;
    private String baseUrl;
    private boolean keySet;
    private transient String apiKey;
    private boolean removeKey;
    // As typed: a person's "abc" is answered by ModelEndpoints' message, not a converter's.
    private String maxConcurrent;

    EndpointForm(Endpoint e) {
      organizationId = e.organizationId();
      slug = e.slug();
      organization = e.organization();
      show(e);
    }

    private void show(Endpoint e) {
      baseUrl = e.baseUrl();
      keySet = e.keySet();
      maxConcurrent = e.maxConcurrent() == null ? "" : e.maxConcurrent().toString();
    }

    public Long getOrganizationId() {
      return organizationId;
    }

    public String getOrganization() {
      return organization;
    }

    public String getBaseUrl() {
      return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
      this.baseUrl = baseUrl;
    }

    public boolean isKeySet() {
      return keySet;
    }

    public String getApiKey() {
      return null;
    }

    public void setApiKey(String apiKey) {
      this.apiKey = apiKey;
    }

    public boolean isRemoveKey() {
      return removeKey;
    }

    public void setRemoveKey(boolean removeKey) {
      this.removeKey = removeKey;
    }

    public String getMaxConcurrent() {
      return maxConcurrent;
    }

    public void setMaxConcurrent(String maxConcurrent) {
      this.maxConcurrent = maxConcurrent;
    }
  }

  @PostConstruct
  void load() {
    FacesContext faces = FacesContext.getCurrentInstance();
    HttpServletRequest request = (HttpServletRequest) faces.getExternalContext().getRequest();
    username = caller.username();
    systemAdmin = caller.isSystemAdmin();
    launchUrl = publicUrl.base(request) + UnifiedActivityFlow.PATH;
    unifiedLti = lti.summary();
    consumerKey = unifiedLti.consumerKey();
    endpoints = modelEndpoints.visible().stream().map(EndpointForm::new).toList();
    defaultMaxConcurrent = modelEndpoints.defaultMaxConcurrent();
    Actor actor = callers.console();
    if (actor.role() == Actor.Role.ORG_ADMIN) {
      try {
        organizations.list(actor).stream()
            .findFirst()
            .ifPresent(
                o -> {
                  ownOrganizationSlug = o.slug();
                  ownOrganizationName = o.name();
                });
      } catch (Problem noOrganization) {
        // An org admin whose account names no organisation has no organisation page.
      }
    }
  }

  public void revealSecret() {
    try {
      secret = lti.revealSecret();
    } catch (Problem refused) {
      error(refused);
    }
  }

  public void changeUnifiedLti() {
    try {
      unifiedLti = lti.change(consumerKey, newSecret);
      consumerKey = unifiedLti.consumerKey();
      secret = null;
      Faces.info("home.change.saved");
    } catch (Problem refused) {
      error(refused);
    } finally {
      newSecret = null;
    }
  }

  public void saveEndpoint(EndpointForm form) {
    try {
      Endpoint saved =
          organizations.changeModelEndpoint(
              callers.console(),
              form.slug,
              form.baseUrl,
              form.apiKey,
              form.removeKey,
              ModelEndpoints.maxConcurrent(form.maxConcurrent));
      form.show(saved);
      form.removeKey = false;
      Faces.info("home.models.saved", saved.organization());
    } catch (Problem refused) {
      error(refused);
    } finally {
      form.apiKey = null;
    }
  }

  public List<ActivityRow> getActivities() {
    if (activities == null) {
      activities = queries.activities();
    }
    return activities;
  }

  private static void error(Problem problem) {
    FacesContext.getCurrentInstance()
        .addMessage(
            null,
            new FacesMessage(
                FacesMessage.SEVERITY_ERROR, problem.detail(RequestLanguage.ofView()), null));
  }

  public boolean isSystemAdmin() {
    return systemAdmin;
  }

  /** The org admin's own organisation (null for a system admin). */
  public String getOwnOrganizationSlug() {
    return ownOrganizationSlug;
  }

  public String getOwnOrganizationName() {
    return ownOrganizationName;
  }

  public String getUsername() {
    return username;
  }

  public String getLaunchUrl() {
    return launchUrl;
  }

  public Summary getUnifiedLti() {
    return unifiedLti;
  }

  public String getSecret() {
    return secret;
  }

  public String getConsumerKey() {
    return consumerKey;
  }

  public void setConsumerKey(String consumerKey) {
    this.consumerKey = consumerKey;
  }

  public String getNewSecret() {
    return null;
  }

  public void setNewSecret(String newSecret) {
    this.newSecret = newSecret;
  }

  public List<EndpointForm> getEndpoints() {
    return endpoints;
  }

  /** The cap of organisations that set none, named in the form's help text. */
  public int getDefaultMaxConcurrent() {
    return defaultMaxConcurrent;
  }
}
