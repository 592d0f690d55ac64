package org.ltibridge.admin.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ltibridge.admin.control.ActivityAdmin;
import org.ltibridge.admin.control.Callers;
import org.ltibridge.admin.control.StudentErasure;
import org.ltibridge.admin.control.StudentErasure.Erased;
import org.ltibridge.system.boundary.ConsoleText;
import org.ltibridge.system.control.Problem;
import org.omnifaces.cdi.ViewScoped;

/**
 * Backs the erasure form of {@code admin/organization.xhtml}: whom and where, then a confirmation
 * step that repeats the request before {@link StudentErasure#erase}, as the admin API does in one
 * call.
 */
@Named
@ViewScoped(saveInViewState = true)
public class ErasureBacking implements Serializable {

  private static final long serialVersionUID = 1L;
  static final String ALL = "all";

  @Inject Callers callers;
  @Inject ActivityAdmin activities;
  @Inject StudentErasure erasure;

  private String slug;
  private String where = "";
  private String lmsUserId;
  private String username;
  private String pseudonym;
  private String platform;
  private boolean confirming;
  private Map<String, String> places = new LinkedHashMap<>();

  @PostConstruct
  void load() {
    slug = Faces.organizationParameter();
    try {
      places.put(ConsoleText.text("org.erasure.choose"), "");
      places.put(ConsoleText.text("org.erasure.all"), ALL);
      for (ActivityAdmin.ActivityView a : activities.list(callers.console(), slug)) {
        places.put(
            ConsoleText.text("org.erasure.activity", a.name(), a.course(), a.id()),
            a.id().toString());
      }
    } catch (Problem refused) {
      // The page shows the refusal of OrganizationBacking and no section.
    }
  }

  /** The first step: checks the request and asks for confirmation; erases nothing. */
  public void review() {
    try {
      request();
      confirming = true;
    } catch (Problem refused) {
      Faces.error(refused);
    }
  }

  /** The second step. */
  public void erase() {
    try {
      Erased e = erasure.erase(callers.console(), slug, request());
      Faces.info(
          "org.erasure.erased",
          e.activities(),
          ConsoleText.text(
              e.activities() == 1 ? "org.erasure.oneActivity" : "org.erasure.activities"),
          e.identities(),
          ConsoleText.text(
              e.identities() == 1 ? "org.erasure.oneIdentity" : "org.erasure.identities"),
          e.conversations(),
          e.messages(),
          e.pageTokens());
      lmsUserId = username = pseudonym = platform = null;
      where = "";
    } catch (Problem refused) {
      Faces.error(refused);
    }
    confirming = false;
  }

  public void cancel() {
    confirming = false;
  }

  private StudentErasure.Request request() {
    boolean all = ALL.equals(where);
    Long activity = null;
    if (!all && where != null && !where.isBlank()) {
      activity = Long.valueOf(where);
    }
    StudentErasure.Request r =
        new StudentErasure.Request(activity, all, lmsUserId, username, platform, pseudonym);
    erasure.check(r);
    return r;
  }

  /** What the confirmation step repeats. */
  public String getSummary() {
    String place =
        ALL.equals(where)
            ? ConsoleText.text("org.erasure.allLower")
            : places.entrySet().stream()
                .filter(e -> e.getValue().equals(where))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse(where);
    StringBuilder who = new StringBuilder();
    append(who, ConsoleText.text("org.erasure.lmsUserId"), lmsUserId);
    append(who, ConsoleText.text("org.erasure.username"), username);
    append(who, ConsoleText.text("org.erasure.pseudonym"), pseudonym);
    append(who, ConsoleText.text("org.erasure.lms"), platform);
    return ConsoleText.text("org.erasure.summary", who, place);
  }

  private static void append(StringBuilder out, String what, String value) {
    if (value != null && !value.isBlank()) {
      out.append(out.isEmpty() ? "" : ", ")
          .append(what)
          .append(" “")
          .append(value.strip())
          .append("”");
    }
  }

  public Map<String, String> getPlaces() {
    return places;
  }

  public boolean isConfirming() {
    return confirming;
  }

  public String getWhere() {
    return where;
  }

  public void setWhere(String where) {
    this.where = where;
  }

  public String getLmsUserId() {
    return lmsUserId;
  }

  public void setLmsUserId(String lmsUserId) {
    this.lmsUserId = lmsUserId;
  }

  public String getUsername() {
    return username;
  }

  public void setUsername(String username) {
    this.username = username;
  }

  public String getPseudonym() {
    return pseudonym;
  }

  public void setPseudonym(String pseudonym) {
    this.pseudonym = pseudonym;
  }

  public String getPlatform() {
    return platform;
  }

  public void setPlatform(String platform) {
    this.platform = platform;
  }
}
