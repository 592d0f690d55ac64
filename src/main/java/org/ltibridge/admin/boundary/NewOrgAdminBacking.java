package org.ltibridge.admin.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import org.ltibridge.admin.control.Callers;
import org.ltibridge.admin.control.PeopleAdmin;
import org.ltibridge.admin.control.PeopleAdmin.Created;
import org.ltibridge.admin.control.PeopleAdmin.PersonView;
import org.ltibridge.system.control.Problem;

/**
 * Backs the "Add an org admin" form (system admins only) of {@code admin/organization.xhtml}. The
 * one-time password is shown in the answer to the creation and forgotten at the form's next action
 * (never serialised).
 */
@Named
@ViewScoped
public class NewOrgAdminBacking implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject Callers callers;
  @Inject PeopleAdmin people;

  private String slug;
  private String email;
  private String name;
  private String createdEmail;
  private transient String oneTimePassword;

  @PostConstruct
  void load() {
    slug = Faces.organizationParameter();
  }

  public void create() {
    oneTimePassword = null;
    try {
      Created<PersonView> created = people.createOrgAdmin(callers.console(), slug, email, name);
      createdEmail = created.person().email();
      oneTimePassword = created.oneTimePassword();
      email = null;
      name = null;
    } catch (Problem refused) {
      Faces.error(refused);
    }
  }

  public String getOneTimePassword() {
    return oneTimePassword;
  }

  public String getCreatedEmail() {
    return createdEmail;
  }

  public String getEmail() {
    return email;
  }

  public void setEmail(String email) {
    this.email = email;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }
}
