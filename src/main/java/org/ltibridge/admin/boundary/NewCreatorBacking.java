package org.ltibridge.admin.boundary;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import org.ltibridge.access.control.Actor;
import org.ltibridge.admin.control.PeopleAdmin.Created;
import org.ltibridge.admin.control.PeopleAdmin.PersonView;

/** Backs the "Add a creator" form of {@code admin/organization.xhtml}. */
@Named
@ViewScoped
public class NewCreatorBacking extends NewPersonForm {

  private static final long serialVersionUID = 1L;

  @Override
  Created<PersonView> create(Actor actor, String slug, String email, String name) {
    return people.createCreator(actor, slug, email, name);
  }
}
