package org.ltibridge.admin.boundary;

import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import org.ltibridge.admin.control.Callers;
import org.ltibridge.admin.control.OrganizationAdmin;
import org.ltibridge.admin.control.OrganizationAdmin.OrganizationView;
import org.ltibridge.system.control.Problem;
import org.omnifaces.cdi.ViewScoped;

/** Backs the table of {@code admin/organizations.xhtml}: rename, disable and enable. */
@Named
@ViewScoped(saveInViewState = true)
public class OrganizationsBacking implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject Callers callers;
  @Inject OrganizationAdmin organizations;

  private transient List<Row> rows;

  /** One organisation as the table edits it. */
  public static class Row {
    private OrganizationView view;
    private String newName;

    Row(OrganizationView view) {
      this.view = view;
      this.newName = view.name();
    }

    public OrganizationView getView() {
      return view;
    }

    public String getNewName() {
      return newName;
    }

    public void setNewName(String newName) {
      this.newName = newName;
    }
  }

  public List<Row> getRows() {
    if (rows == null) {
      try {
        rows = organizations.list(callers.console()).stream().map(Row::new).toList();
      } catch (Problem refused) {
        Faces.error(refused);
        rows = List.of();
      }
    }
    return rows;
  }

  public void rename(Row row) {
    change(row, row.newName, null, "orgs.organizations.renamed");
  }

  public void enable(Row row, boolean enabled) {
    change(
        row, null, enabled, enabled ? "orgs.organizations.enabled" : "orgs.organizations.disabled");
  }

  private void change(Row row, String name, Boolean enabled, String message) {
    try {
      row.view = organizations.update(callers.console(), row.view.slug(), name, enabled);
      row.newName = row.view.name();
      Faces.info(message, row.view.name());
    } catch (Problem refused) {
      Faces.error(refused);
    }
  }
}
