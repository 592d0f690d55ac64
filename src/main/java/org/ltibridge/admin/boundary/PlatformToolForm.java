package org.ltibridge.admin.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.ltibridge.admin.control.Callers;
import org.ltibridge.lti13.platform.control.Scopes;
import org.ltibridge.lti13.platform.control.ToolAdmin;
import org.ltibridge.lti13.platform.control.ToolRegistry.Registration;
import org.ltibridge.lti13.platform.control.ToolRegistry.ToolView;

/**
 * The platform console's form that registers a tool ({@code admin/platform.xhtml}, form {@code
 * register}).
 */
@Named
@RequestScoped
public class PlatformToolForm {

  @Inject Callers callers;
  @Inject ToolAdmin tools;

  private String name;
  private String clientId;
  private String loginUrl;
  private String launchUrl;
  private String redirectUris;
  private String jwksUrl;
  private String publicKeyPem;
  private List<String> scopes = new ArrayList<>(Scopes.ALL);

  public void register() {
    PlatformForms.act(
        () -> {
          ToolView tool =
              tools.register(
                  callers.console(),
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
          return PlatformForms.done("platform.tool.registered", tool.name(), tool.clientId());
        });
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
}
