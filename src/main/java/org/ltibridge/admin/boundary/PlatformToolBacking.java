package org.ltibridge.admin.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.ltibridge.admin.control.Callers;
import org.ltibridge.lti13.platform.control.ToolAdmin;
import org.ltibridge.lti13.platform.control.ToolAdmin.Diagnostics;
import org.ltibridge.lti13.platform.control.ToolAdmin.ErrorRow;
import org.ltibridge.lti13.platform.control.ToolAdmin.LineItemRow;
import org.ltibridge.lti13.platform.control.ToolAdmin.ScoreRow;
import org.ltibridge.lti13.platform.control.ToolRegistry.ToolView;
import org.ltibridge.system.control.Problem;
import org.omnifaces.cdi.ViewScoped;

/**
 * Backs {@code admin/platform-tool.xhtml?tool=…}: one registered tool of the platform role, its
 * state (deactivate, reactivate, remove) and its diagnostics (line items, last scores received,
 * last errors answered to it). The edit form has a bean of its own ({@link PlatformToolEditForm}).
 * Every action goes through {@link ToolAdmin}, as the admin API's do.
 */
@Named
@ViewScoped(saveInViewState = true)
public class PlatformToolBacking implements Serializable {

  private static final long serialVersionUID = 1L;
  static final Problem.Text CONFIRM = Problem.text("admin.PlatformToolBacking.confirm");
  private static final String DIAGNOSTICS = PlatformToolBacking.class.getName() + ".diagnostics";

  @Inject Callers callers;
  @Inject ToolAdmin tools;

  private Long toolId;
  private boolean unavailable;
  private boolean confirmRemoval;

  @PostConstruct
  void load() {
    toolId = toolParameter();
  }

  /** The {@code tool} query parameter, read when the view is first built. */
  static Long toolParameter() {
    String id = Faces.request().getParameter("tool");
    try {
      return id == null ? null : Long.valueOf(id.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * The tool and its diagnostics, read once per request (the edit form's save, in the same request,
   * comes before the page renders them); null, with a message, when they cannot be shown.
   */
  public Diagnostics getDiagnostics() {
    Map<Object, Object> request = FacesContext.getCurrentInstance().getAttributes();
    if (unavailable) {
      return null;
    }
    if (!request.containsKey(DIAGNOSTICS)) {
      Diagnostics d = null;
      try {
        if (toolId == null) {
          throw Problem.notFound("No such tool.");
        }
        d = tools.diagnostics(callers.console(), toolId);
      } catch (Problem refused) {
        Faces.error(refused);
        unavailable = true; // nothing to show
      }
      request.put(DIAGNOSTICS, d);
    }
    return (Diagnostics) request.get(DIAGNOSTICS);
  }

  /** Reads them again at the next use (after a change, whichever form made it). */
  static void forget() {
    FacesContext.getCurrentInstance().getAttributes().remove(DIAGNOSTICS);
  }

  public void deactivate() {
    act(false);
  }

  public void activate() {
    act(true);
  }

  private void act(boolean active) {
    try {
      String name = tools.setActive(callers.console(), id(), active).name();
      Faces.info(active ? "tool.reactivated" : "tool.deactivatedDone", name);
    } catch (Problem refused) {
      Faces.error(refused);
    }
    forget();
  }

  public void remove() {
    if (!confirmRemoval) {
      Faces.error(Problem.badRequest(CONFIRM));
      return;
    }
    try {
      String name = getDiagnostics() == null ? "The tool" : getDiagnostics().tool().name();
      tools.remove(callers.console(), id());
      unavailable = true;
      Faces.info("tool.removed", name);
    } catch (Problem refused) {
      Faces.error(refused);
    }
    forget();
    confirmRemoval = false;
  }

  private long id() {
    if (toolId == null) {
      throw Problem.notFound("No such tool.");
    }
    return toolId;
  }

  public ToolView getTool() {
    return getDiagnostics() == null ? null : getDiagnostics().tool();
  }

  public List<LineItemRow> getLineItems() {
    return getDiagnostics() == null ? List.of() : getDiagnostics().lineItems();
  }

  public List<ScoreRow> getScores() {
    return getDiagnostics() == null ? List.of() : getDiagnostics().scores();
  }

  public List<ErrorRow> getErrors() {
    return getDiagnostics() == null ? List.of() : getDiagnostics().errors();
  }

  public Long getToolId() {
    return toolId;
  }

  public boolean isConfirmRemoval() {
    return confirmRemoval;
  }

  public void setConfirmRemoval(boolean confirmRemoval) {
    this.confirmRemoval = confirmRemoval;
  }
}
