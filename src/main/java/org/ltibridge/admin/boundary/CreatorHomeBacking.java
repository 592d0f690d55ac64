package org.ltibridge.admin.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import org.ltibridge.activity.control.UnifiedActivityFlow;
import org.ltibridge.admin.control.CreatorHome;
import org.ltibridge.admin.control.CreatorHome.Home;
import org.ltibridge.admin.control.UnifiedLtiSettings;
import org.ltibridge.system.boundary.RequestLanguage;
import org.ltibridge.system.control.Problem;
import org.ltibridge.system.control.PublicUrl;
import org.omnifaces.cdi.ViewScoped;

/**
 * Backs {@code creator/index.xhtml}, where a creator lands after signing in: who they are, their
 * organisation, the activities they own, and the LTI 1.1 values an instructor pastes into the LMS.
 */
@Named
@ViewScoped(saveInViewState = true)
public class CreatorHomeBacking implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject CreatorFrame creatorFrame;
  @Inject CreatorHome creatorHome;
  @Inject UnifiedLtiSettings lti;
  @Inject PublicUrl publicUrl;

  private transient Home home;
  private String refusal;
  private String launchUrl;
  private String consumerKey;

  @PostConstruct
  void load() {
    launchUrl = publicUrl.base(Faces.request()) + UnifiedActivityFlow.PATH;
    getHome();
  }

  /**
   * Read afresh after every postback: the bean travels in the page's view state, its transient
   * fields do not.
   */
  public Home getHome() {
    if (home == null && refusal == null) {
      try {
        home = creatorHome.of(creatorFrame.actor());
        consumerKey = lti.summary().consumerKey();
      } catch (Problem refused) {
        refusal = refused.detail(RequestLanguage.ofView());
      }
    }
    return home;
  }

  public String getRefusal() {
    return refusal;
  }

  public String getLaunchUrl() {
    return launchUrl;
  }

  public String getConsumerKey() {
    return consumerKey;
  }
}
