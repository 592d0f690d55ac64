package org.ltibridge.admin.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import org.ltibridge.admin.control.Callers;
import org.ltibridge.admin.control.CreatorLtiAdmin;
import org.ltibridge.admin.control.CreatorLtiAdmin.KeyView;
import org.ltibridge.system.control.Problem;
import org.ltibridge.system.control.PublicUrl;
import org.omnifaces.cdi.ViewScoped;

/**
 * Backs the Creator LTI section of {@code admin/organization.xhtml}: the URLs an LMS administrator
 * enters, and generate, rotate, disable and remove. The secret arrives only in the answer to
 * generate or rotate; it is shown in that response, forgotten at the next action, and never
 * serialised with the view.
 */
@Named
@ViewScoped(saveInViewState = true)
public class CreatorLtiBacking implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject Callers callers;
  @Inject CreatorLtiAdmin creatorLti;
  @Inject PublicUrl publicUrl;

  private String slug;
  private String launchUrl;
  private String infoUrl;
  private transient KeyView key;
  private String consumerKey;
  private transient String secret;

  @PostConstruct
  void load() {
    slug = Faces.organizationParameter();
    String base = publicUrl.base(Faces.request());
    launchUrl = base + CreatorLtiAdmin.LAUNCH_PATH;
    infoUrl = base + CreatorLtiAdmin.INFO_PATH;
  }

  public KeyView getKey() {
    if (key == null) {
      try {
        key = creatorLti.get(callers.console(), slug);
      } catch (Problem refused) {
        Faces.error(refused);
        key = new KeyView(false, null, false, null, null, null);
      }
    }
    return key;
  }

  /** Generates the key (first time), or gives it a new secret and enables it. */
  public void generate() {
    secret = null;
    try {
      key = creatorLti.put(callers.console(), slug, true, consumerKey);
      secret = key.secret();
      consumerKey = null;
      Faces.info("org.creatorLti.generated");
    } catch (Problem refused) {
      Faces.error(refused);
    }
  }

  public void disable() {
    secret = null;
    try {
      key = creatorLti.put(callers.console(), slug, false, null);
      Faces.info("org.creatorLti.disabled");
    } catch (Problem refused) {
      Faces.error(refused);
    }
  }

  public void remove() {
    secret = null;
    try {
      creatorLti.delete(callers.console(), slug);
      key = null;
      Faces.info("org.creatorLti.removed");
    } catch (Problem refused) {
      Faces.error(refused);
    }
  }

  public String getSecret() {
    return secret;
  }

  public String getLaunchUrl() {
    return launchUrl;
  }

  public String getInfoUrl() {
    return infoUrl;
  }

  public String getConsumerKey() {
    return consumerKey;
  }

  public void setConsumerKey(String consumerKey) {
    this.consumerKey = consumerKey;
  }
}
