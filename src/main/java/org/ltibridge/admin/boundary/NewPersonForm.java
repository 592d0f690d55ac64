package org.ltibridge.admin.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import java.io.Serializable;
import org.ltibridge.access.control.Actor;
import org.ltibridge.admin.control.Callers;
import org.ltibridge.admin.control.PeopleAdmin;
import org.ltibridge.admin.control.PeopleAdmin.Created;
import org.ltibridge.admin.control.PeopleAdmin.PersonView;
import org.ltibridge.system.control.Problem;

/**
 * What the forms of {@code admin/organization.xhtml} that add a person of the organisation share:
 * email and name in, the one-time password out. The password is shown in the answer to the creation
 * and forgotten at the form's next action (never serialised). Each form says which {@link
 * PeopleAdmin} action it calls.
 */
abstract class NewPersonForm implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject Callers callers;
  @Inject PeopleAdmin people;

  private String slug;
  private String email;
  private String name;
  private String createdEmail;
  private transient String oneTimePassword;

  /** The creation this form stands for. */
  abstract Created<PersonView> create(Actor actor, String slug, String email, String name);

  @PostConstruct
  void load() {
    slug = Faces.organizationParameter();
  }

  public void create() {
    oneTimePassword = null;
    try {
      Created<PersonView> created = create(callers.console(), slug, email, name);
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
