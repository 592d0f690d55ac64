package org.ltibridge.admin.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.ltibridge.admin.control.CreatorHome;
import org.ltibridge.admin.control.CreatorHome.Home;
import org.ltibridge.system.boundary.RequestLanguage;
import org.ltibridge.system.control.Problem;

/**
 * Backs {@code lti-creator/index.xhtml}, the creator interface in the LMS's frame: who is signed
 * in, in which organisation. Request-scoped, as everything on that page must be: a view-scoped bean
 * would open an HTTP session, whose cookie the frame cannot keep.
 */
@Named
@RequestScoped
public class LtiCreatorBacking {

  @Inject CreatorFrame creatorFrame;
  @Inject CreatorHome creatorHome;

  private Home home;
  private String refusal;

  @PostConstruct
  void load() {
    try {
      home = creatorHome.of(creatorFrame.actor());
    } catch (Problem refused) {
      refusal = refused.detail(RequestLanguage.ofView());
    }
  }

  /** A postback that reads the page again (and shows that the session travels with the form). */
  public void refresh() {
    load();
  }

  public Home getHome() {
    return home;
  }

  public String getRefusal() {
    return refusal;
  }
}
