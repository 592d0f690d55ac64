package org.ltibridge.admin.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import org.ltibridge.admin.control.Callers;
import org.ltibridge.admin.control.PeopleAdmin;
import org.ltibridge.admin.control.PeopleAdmin.Created;
import org.ltibridge.admin.control.PeopleAdmin.PersonView;
import org.ltibridge.system.control.Problem;
import org.omnifaces.cdi.ViewScoped;

/**
 * Backs the creators' table of {@code admin/organization.xhtml}: enable and disable (org admins and
 * system admins), promote to org admin and back (system admins). Promoting a creator who has no
 * password yet (Creator LTI, self-service) gives them an account, whose one-time password is shown
 * once here.
 */
@Named
@ViewScoped(saveInViewState = true)
public class CreatorsBacking implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject Callers callers;
  @Inject PeopleAdmin people;

  private String slug;
  private transient List<PersonView> creators;
  private String accountFor;
  private transient String oneTimePassword;

  @PostConstruct
  void load() {
    slug = Faces.organizationParameter();
  }

  public List<PersonView> getCreators() {
    if (creators == null) {
      try {
        creators = people.creators(callers.console(), slug);
      } catch (Problem refused) {
        Faces.error(refused);
        creators = List.of();
      }
    }
    return creators;
  }

  public void enable(PersonView creator, boolean enabled) {
    change(creator, enabled, null, enabled ? "org.creators.enabled" : "org.creators.disabled");
  }

  public void changeRole(PersonView creator, String role) {
    change(
        creator,
        null,
        role,
        "org-admin".equals(role) ? "org.creators.promoted" : "org.creators.demoted");
  }

  /** Shows the new list after another form of the page added a creator. */
  public void reload() {
    creators = null;
  }

  private void change(PersonView creator, Boolean enabled, String role, String message) {
    oneTimePassword = null;
    try {
      Created<PersonView> changed =
          people.updateCreator(callers.console(), slug, creator.id(), enabled, role);
      oneTimePassword = changed.oneTimePassword();
      accountFor = changed.person().email();
      Faces.info(message, changed.person().email());
    } catch (Problem refused) {
      Faces.error(refused);
    }
    creators = null;
  }

  public String getOneTimePassword() {
    return oneTimePassword;
  }

  public String getAccountFor() {
    return accountFor;
  }
}
