package org.ltibridge.admin.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import org.ltibridge.admin.control.Callers;
import org.ltibridge.admin.control.StudentLtiAdmin;
import org.ltibridge.admin.control.StudentLtiAdmin.SecretView;
import org.ltibridge.assistant.control.StudentLtiKeys.Source;
import org.ltibridge.system.boundary.ConsoleText;
import org.ltibridge.system.control.Problem;
import org.ltibridge.system.control.PublicUrl;
import org.omnifaces.cdi.ViewScoped;

/**
 * Backs the "Student LTI (legacy links)" section of {@code admin/organization.xhtml}: the launch
 * URL of legacy single-assistant links, the organisation's secret (generate, rotate, remove) and
 * which secret applies to its assistants without their own. The secret arrives only in the answer
 * to generate or rotate; it is shown in that response, forgotten at the next action, and never
 * serialised with the view.
 */
@Named
@ViewScoped(saveInViewState = true)
public class StudentLtiBacking implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject Callers callers;
  @Inject StudentLtiAdmin studentLti;
  @Inject PublicUrl publicUrl;

  private String slug;
  private String launchUrl;
  private transient SecretView view;
  private transient String secret;

  @PostConstruct
  void load() {
    slug = Faces.organizationParameter();
    launchUrl = publicUrl.base(Faces.request()) + StudentLtiAdmin.LAUNCH_PATH;
  }

  public SecretView getView() {
    if (view == null) {
      try {
        view = studentLti.get(callers.console(), slug);
      } catch (Problem refused) {
        Faces.error(refused);
        view = new SecretView(false, null, false, Source.NONE, null);
      }
    }
    return view;
  }

  /** Generates the secret, or replaces it. */
  public void generate() {
    secret = null;
    try {
      view = studentLti.rotate(callers.console(), slug);
      secret = view.secret();
      Faces.info("org.studentLti.generated");
    } catch (Problem refused) {
      Faces.error(refused);
    }
  }

  public void remove() {
    secret = null;
    try {
      view = studentLti.remove(callers.console(), slug);
      Faces.info("org.studentLti.removed");
    } catch (Problem refused) {
      Faces.error(refused);
    }
  }

  /** Which secret checks the links of assistants without their own, in words. */
  public String getFallback() {
    return switch (getView().appliesWithoutOwn()) {
      case ORGANIZATION -> ConsoleText.text("org.studentLti.fallback.organization");
      case INSTANCE -> ConsoleText.text("org.studentLti.fallback.instance");
      default -> ConsoleText.text("org.studentLti.fallback.none");
    };
  }

  public String getSecret() {
    return secret;
  }

  public String getLaunchUrl() {
    return launchUrl;
  }
}
