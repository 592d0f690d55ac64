package org.ltibridge.admin.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.ltibridge.admin.control.Callers;
import org.ltibridge.lti13.platform.control.Scopes;
import org.ltibridge.lti13.platform.control.ToolAdmin;
import org.ltibridge.lti13.platform.control.ToolAdmin.Edit;
import org.ltibridge.lti13.platform.control.ToolRegistry.ToolView;
import org.ltibridge.system.control.Problem;
import org.omnifaces.cdi.ViewScoped;

/**
 * The form of {@code admin/platform-tool.xhtml} that edits a registered tool (form {@code edit}):
 * filled from the tool as it is, saved through {@link ToolAdmin#edit}, the same method as the admin
 * API's {@code PUT}.
 */
@Named
@ViewScoped(saveInViewState = true)
public class PlatformToolEditForm implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject Callers callers;
  @Inject ToolAdmin tools;

  private Long toolId;
  private boolean loaded;
  private String name;
  private String loginUrl;
  private String launchUrl;
  private String redirectUris;
  private String jwksUrl;
  private String publicKeyPem;
  private List<String> scopes = new ArrayList<>();

  @PostConstruct
  void load() {
    toolId = PlatformToolBacking.toolParameter();
    if (toolId == null) {
      return;
    }
    try {
      fill(tools.get(callers.console(), toolId));
      loaded = true;
    } catch (Problem refused) {
      // PlatformToolBacking says why the page shows nothing.
    }
  }

  private void fill(ToolView t) {
    name = t.name();
    loginUrl = t.loginUrl();
    launchUrl = t.launchUrl();
    redirectUris = String.join("\n", t.redirectUris());
    jwksUrl = t.jwksUrl();
    publicKeyPem = t.publicKeyPem();
    scopes = new ArrayList<>(t.scopes());
  }

  public void save() {
    try {
      if (toolId == null) {
        throw Problem.notFound("No such tool.");
      }
      ToolView t =
          tools.edit(
              callers.console(),
              toolId,
              new Edit(
                  name,
                  loginUrl,
                  launchUrl,
                  redirectUris,
                  jwksUrl,
                  publicKeyPem,
                  new LinkedHashSet<>(scopes == null ? List.of() : scopes)));
      fill(t);
      PlatformToolBacking.forget();
      Faces.info("tool.saved", t.name(), t.revision());
    } catch (Problem refused) {
      Faces.error(refused);
    }
  }

  public boolean isLoaded() {
    return loaded;
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
}
