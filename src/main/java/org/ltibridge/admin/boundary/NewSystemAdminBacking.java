package org.ltibridge.admin.boundary;

import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import org.ltibridge.admin.control.Callers;
import org.ltibridge.admin.control.PeopleAdmin;
import org.ltibridge.admin.control.PeopleAdmin.AdminView;
import org.ltibridge.admin.control.PeopleAdmin.Created;
import org.ltibridge.system.control.Problem;
import org.omnifaces.cdi.ViewScoped;

/**
 * Backs the "Add a system administrator" form of {@code admin/organizations.xhtml}. The one-time
 * password is shown in the answer to the creation; the next action of the form, or opening the page
 * again, forgets it (and it is never serialised with the view).
 */
@Named
@ViewScoped(saveInViewState = true)
public class NewSystemAdminBacking implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject Callers callers;
  @Inject PeopleAdmin people;

  private String username;
  private String name;
  private String createdUsername;
  private transient String oneTimePassword;

  public void create() {
    oneTimePassword = null;
    try {
      Created<AdminView> created = people.createSystemAdmin(callers.console(), username, name);
      createdUsername = created.person().username();
      oneTimePassword = created.oneTimePassword();
      username = null;
      name = null;
    } catch (Problem refused) {
      Faces.error(refused);
    }
  }

  /** The one-time password of the account just created, until the form's next action. */
  public String getOneTimePassword() {
    return oneTimePassword;
  }

  public String getCreatedUsername() {
    return createdUsername;
  }

  public String getUsername() {
    return username;
  }

  public void setUsername(String username) {
    this.username = username;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }
}
