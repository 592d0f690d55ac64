package org.ltibridge.admin.boundary;

import jakarta.inject.Named;
import org.ltibridge.access.control.Actor;
import org.ltibridge.admin.control.PeopleAdmin.Created;
import org.ltibridge.admin.control.PeopleAdmin.PersonView;
import org.omnifaces.cdi.ViewScoped;

/** Backs the "Add a creator" form of {@code admin/organization.xhtml}. */
@Named
@ViewScoped(saveInViewState = true)
public class NewCreatorBacking extends NewPersonForm {

  private static final long serialVersionUID = 1L;

  @Override
  Created<PersonView> create(Actor actor, String slug, String email, String name) {
    return people.createCreator(actor, slug, email, name);
  }
}
