package org.ltibridge.keys.boundary;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.ltibridge.identity.control.ConsoleCaller;
import org.ltibridge.keys.control.KeySchedule;
import org.ltibridge.keys.control.SigningKeys;
import org.ltibridge.system.boundary.ConsoleText;
import org.ltibridge.system.boundary.RequestLanguage;
import org.ltibridge.system.control.Problem;
import org.omnifaces.cdi.ViewScoped;

/** Backs {@code admin/keys.xhtml}: our signing keys, their state, and an admin's rotation. */
@Named
@ViewScoped(saveInViewState = true)
public class KeysBacking implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject SigningKeys keys;
  @Inject ConsoleCaller caller;

  /**
   * One key as the page shows it; its state is {@code signing}, {@code waiting} or {@code retired}.
   */
  public record KeyRow(String kid, int generation, String state, LocalDateTime signsFrom)
      implements Serializable {}

  public List<KeyRow> getRows() {
    List<KeySchedule.Times> all = keys.schedule();
    String signing = keys.signingKid();
    List<KeyRow> rows = new ArrayList<>();
    boolean afterSigning = false;
    for (KeySchedule.Times t : all) {
      String state;
      if (t.kid().equals(signing)) {
        state = "signing";
        afterSigning = true;
      } else if (afterSigning) {
        state = "waiting";
      } else {
        state = "retired";
      }
      rows.add(new KeyRow(t.kid(), t.generation(), state, t.signsFrom()));
    }
    Collections.reverse(rows);
    return rows;
  }

  public boolean isSystemAdmin() {
    return caller.isSystemAdmin();
  }

  public void rotate() {
    try {
      caller.requireSystemAdmin();
      String kid = keys.rotate();
      FacesContext.getCurrentInstance()
          .addMessage(
              null,
              new FacesMessage(
                  FacesMessage.SEVERITY_INFO, ConsoleText.text("keys.rotated", kid), null));
    } catch (Problem refused) {
      FacesContext.getCurrentInstance()
          .addMessage(
              null,
              new FacesMessage(
                  FacesMessage.SEVERITY_ERROR, refused.detail(RequestLanguage.ofView()), null));
    }
  }
}
