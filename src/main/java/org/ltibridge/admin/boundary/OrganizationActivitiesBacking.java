package org.ltibridge.admin.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import org.ltibridge.admin.control.ActivityAdmin;
import org.ltibridge.admin.control.ActivityAdmin.ActivityView;
import org.ltibridge.admin.control.Callers;
import org.ltibridge.admin.control.PeopleAdmin;
import org.ltibridge.admin.control.PeopleAdmin.PersonView;
import org.ltibridge.system.control.Problem;
import org.omnifaces.cdi.ViewScoped;

/**
 * Backs the activities' table of {@code admin/organization.xhtml}: rename, disable and enable, and
 * transfer ownership to another enabled creator of the organisation.
 */
@Named
@ViewScoped(saveInViewState = true)
public class OrganizationActivitiesBacking implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject Callers callers;
  @Inject ActivityAdmin activities;
  @Inject PeopleAdmin people;

  private String slug;
  private transient List<Row> rows;
  private transient List<String> owners;

  /** One activity as the table edits it. */
  public static class Row {
    private ActivityView view;
    private String newName;
    private String newOwner;

    Row(ActivityView view) {
      this.view = view;
      this.newName = view.name();
      this.newOwner = view.ownerEmail();
    }

    public ActivityView getView() {
      return view;
    }

    public String getAssistants() {
      return String.join(", ", view.assistants());
    }

    public String getNewName() {
      return newName;
    }

    public void setNewName(String newName) {
      this.newName = newName;
    }

    public String getNewOwner() {
      return newOwner;
    }

    public void setNewOwner(String newOwner) {
      this.newOwner = newOwner;
    }
  }

  @PostConstruct
  void load() {
    slug = Faces.organizationParameter();
  }

  public List<Row> getRows() {
    if (rows == null) {
      try {
        rows = activities.list(callers.console(), slug).stream().map(Row::new).toList();
      } catch (Problem refused) {
        Faces.error(refused);
        rows = List.of();
      }
    }
    return rows;
  }

  /** The emails an activity may be handed to: the organisation's enabled creators. */
  public List<String> getOwners() {
    if (owners == null) {
      try {
        owners =
            people.creators(callers.console(), slug).stream()
                .filter(PersonView::enabled)
                .map(PersonView::email)
                .toList();
      } catch (Problem refused) {
        owners = List.of();
      }
    }
    return owners;
  }

  public void rename(Row row) {
    try {
      row.view = activities.update(callers.console(), slug, row.view.id(), row.newName, null);
      Faces.info("org.organizationActivities.renamed", row.view.name());
    } catch (Problem refused) {
      Faces.error(refused);
    }
    row.newName = row.view.name();
  }

  public void enable(Row row, boolean enabled) {
    try {
      row.view =
          activities.update(
              callers.console(), slug, row.view.id(), null, enabled ? "active" : "disabled");
      Faces.info(
          enabled ? "org.organizationActivities.enabled" : "org.organizationActivities.disabled",
          row.view.name());
    } catch (Problem refused) {
      Faces.error(refused);
    }
  }

  public void transfer(Row row) {
    try {
      row.view = activities.transfer(callers.console(), slug, row.view.id(), row.newOwner);
      Faces.info("org.organizationActivities.transferred", row.view.name(), row.view.ownerEmail());
    } catch (Problem refused) {
      Faces.error(refused);
    }
    row.newOwner = row.view.ownerEmail();
  }
}
