package org.ltibridge.admin.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.ltibridge.access.control.Actor;
import org.ltibridge.activity.entity.ActivityKind;
import org.ltibridge.assistant.control.AssistantAuthoring;
import org.ltibridge.assistant.control.AssistantAuthoring.AssistantView;
import org.ltibridge.assistant.control.AssistantAuthoring.Draft;
import org.ltibridge.assistant.control.AssistantAuthoring.VersionView;
import org.ltibridge.assistant.control.ModelChoice;
import org.ltibridge.launch.entity.LaunchOutcome;
import org.ltibridge.legacy.control.PlacementAdmin;
import org.ltibridge.legacy.control.PlacementAdmin.NewOwner;
import org.ltibridge.legacy.control.PlacementAdmin.PlacementView;
import org.ltibridge.system.boundary.ConsoleText;
import org.ltibridge.system.control.Problem;
import org.ltibridge.system.control.PublicUrl;

/**
 * Backs the creator interface ({@code WEB-INF/creator/workspace.xhtml}) on the console and inside
 * the LMS iframe: the organisation's assistants, the editor of one, its versions and publication.
 * Request-scoped, because inside the iframe there is no session to keep a view in: which assistant
 * the editor shows travels in the form's hidden {@code assistant} field. {@link AssistantAuthoring}
 * decides who may see and change what.
 */
@Named("workspace")
@RequestScoped
public class CreatorWorkspaceBacking {

  /** The form field (and console query parameter) naming the assistant in the editor. */
  static final String ASSISTANT = "assistant";

  static final String NEW = "new";

  /** The form fields of the "Legacy LTI placements" panel: the ticked placements, the owner. */
  static final String PLACEMENT = "placement";

  static final String NEW_OWNER = "new_owner";

  /** The bundle's keys of the fields a version changed: this, then the field's API name. */
  static final String FIELD = "workspace.field.";

  static final Problem.Text ERROR_PLACEMENT =
      Problem.text("admin.CreatorWorkspaceBacking.placement");

  /** Where a legacy single-assistant link launches (LAMB lti_landscape.md §11.1). */
  static final String STUDENT_LTI = "/lamb/v1/lti_users/lti";

  @Inject CreatorFrame frame;
  @Inject AssistantAuthoring assistants;
  @Inject PublicUrl publicUrl;
  @Inject PlacementAdmin placementAdmin;

  private Actor actor;
  private List<AssistantView> all = List.of();
  private AssistantView selected;
  private boolean editing;
  private List<VersionView> versions = List.of();
  private ModelChoice models;

  /** The selected assistant's legacy placements, read when the page first asks for them. */
  private List<PlacementView> placements;

  /** What the last preview or migration of this request changed (or would change). */
  private PlacementAdmin.Result migration;

  /** The assistant's own secret, in the one answer to generating it; never kept. */
  private String ltiSecret;

  private String name;
  private String description;
  private String systemPrompt;
  private String model;
  private Double temperature;
  private String promptTemplate;
  private boolean showSystemPrompt;

  @PostConstruct
  void load() {
    actor = frame.actor();
    reloadList();
    // A page opened at an assistant (from a legacy link's chat) names it; else the form does.
    Object openedAt = Faces.request().getAttribute(LaunchOutcome.Frame.ASSISTANT);
    String chosen =
        openedAt != null ? openedAt.toString() : Faces.request().getParameter(ASSISTANT);
    if (NEW.equals(chosen)) {
      startNew();
    } else if (chosen != null && !chosen.isBlank()) {
      try {
        show(Long.valueOf(chosen.strip()));
      } catch (NumberFormatException e) {
        editing = false;
      }
    }
  }

  private void reloadList() {
    try {
      all = assistants.list(actor, null);
    } catch (Problem refused) {
      all = List.of();
    }
  }

  /** Shows one assistant in the editor, its fields filled in. */
  private void show(Long id) {
    try {
      selected = assistants.get(actor, id);
      versions = assistants.versions(actor, id);
      editing = true;
      fill(selected);
    } catch (Problem refused) {
      Faces.error(refused);
      selected = null;
      editing = false;
    }
  }

  private void fill(AssistantView a) {
    name = a.name();
    description = a.description();
    systemPrompt = a.systemPrompt();
    model = a.model();
    temperature = a.temperature();
    promptTemplate = a.promptTemplate();
    showSystemPrompt = a.showSystemPrompt();
  }

  public void open(Long id) {
    show(id);
  }

  public void startNew() {
    selected = null;
    versions = List.of();
    editing = true;
    name = description = systemPrompt = model = promptTemplate = null;
    temperature = null;
    showSystemPrompt = false;
  }

  public void close() {
    editing = false;
    selected = null;
  }

  public void save() {
    Draft draft =
        new Draft(
            name,
            description == null ? "" : description,
            systemPrompt == null ? "" : systemPrompt,
            model == null ? "" : model,
            Optional.ofNullable(temperature),
            promptTemplate == null ? "" : promptTemplate,
            showSystemPrompt);
    try {
      if (selected == null) {
        AssistantView created = assistants.create(actor, draft);
        Faces.info("workspace.created", created.name());
        reloadList();
        show(created.id());
      } else {
        Integer before = selected.version();
        AssistantView saved = assistants.edit(actor, selected.id(), draft);
        if (java.util.Objects.equals(saved.version(), before)) {
          Faces.info("workspace.unchanged");
        } else {
          Faces.info("workspace.saved", saved.version());
        }
        reloadList();
        show(saved.id());
      }
    } catch (Problem refused) {
      Faces.error(refused);
    }
  }

  public void publish(boolean published) {
    if (selected == null) {
      return;
    }
    try {
      AssistantView changed = assistants.publish(actor, selected.id(), published);
      Faces.info(published ? "workspace.published" : "workspace.unpublished", changed.name());
      reloadList();
      show(changed.id());
    } catch (Problem refused) {
      Faces.error(refused);
    }
  }

  public void delete() {
    if (selected == null) {
      return;
    }
    try {
      assistants.delete(actor, selected.id());
      Faces.info("workspace.deleted", selected.name());
      close();
      reloadList();
    } catch (Problem refused) {
      Faces.error(refused);
    }
  }

  /** A new secret of the assistant's own for its legacy link, shown in this answer only. */
  public void rotateLtiSecret() {
    if (selected == null) {
      return;
    }
    try {
      AssistantAuthoring.NewSecret rotated = assistants.rotateLtiSecret(actor, selected.id());
      ltiSecret = rotated.secret();
      Faces.info("workspace.secretSet", rotated.assistant().name());
      show(rotated.assistant().id());
    } catch (Problem refused) {
      Faces.error(refused);
    }
  }

  public void removeLtiSecret() {
    if (selected == null) {
      return;
    }
    try {
      AssistantView changed = assistants.removeLtiSecret(actor, selected.id());
      show(changed.id());
      Faces.info("workspace.secretRemoved", changed.name(), secretSource());
    } catch (Problem refused) {
      Faces.error(refused);
    }
  }

  /**
   * Which secret checks the selected assistant's legacy link, in plain words of the page's
   * language: "its own secret (set 2026-12-02)", "the organisation's Student LTI secret", "the
   * instance-wide LTI_SECRET", or none.
   */
  public String secretSource() {
    if (selected == null) {
      return "";
    }
    return switch (selected.ltiSecretSource()) {
      case ASSISTANT ->
          selected.ltiSecretSetAt() == null
              ? ConsoleText.text("workspace.secret.own")
              : ConsoleText.text(
                  "workspace.secret.ownSince", selected.ltiSecretSetAt().substring(0, 10));
      case ORGANIZATION -> ConsoleText.text("workspace.secret.organization");
      case INSTANCE -> ConsoleText.text("workspace.secret.instance");
      case NONE -> ConsoleText.text("workspace.secret.none");
    };
  }

  public String getSecretSource() {
    return secretSource();
  }

  public String getLtiSecret() {
    return ltiSecret;
  }

  /**
   * The selected assistant's legacy placements, newest launch first; empty when the viewer may not
   * author it (the panel is not shown then).
   */
  public List<PlacementView> getPlacements() {
    if (placements == null) {
      placements = List.of();
      if (selected != null && isMayEdit()) {
        try {
          placements = placementAdmin.list(actor, selected.id());
        } catch (Problem refused) {
          Faces.error(refused);
        }
      }
    }
    return placements;
  }

  public boolean isAnyLegacyPlacement() {
    return getPlacements().stream().anyMatch(this::legacy);
  }

  /** Whether the placement is still a legacy link (else it has been migrated). */
  public boolean legacy(PlacementView p) {
    return ActivityKind.LEGACY.name().equals(p.kind());
  }

  /** Shows what migrating the ticked placements (all legacy ones when none) would change. */
  public void previewMigration() {
    migrate(true);
  }

  /** Migrates the ticked placements (all legacy ones when none) into Unified activities. */
  public void migratePlacements() {
    migrate(false);
  }

  private void migrate(boolean dryRun) {
    if (selected == null) {
      return;
    }
    try {
      PlacementAdmin.Result result =
          placementAdmin.migrate(actor, selected.id(), chosenPlacements(), getNewOwner(), dryRun);
      if (result.changes().isEmpty()) {
        Faces.info("workspace.nothingToMigrate");
      }
      migration = result;
      placements = null;
    } catch (Problem refused) {
      Faces.error(refused);
    }
  }

  /** The placement ids ticked in the panel's form. */
  private List<Long> chosenPlacements() {
    String[] values = Faces.request().getParameterValues(PLACEMENT);
    List<Long> ids = new ArrayList<>();
    if (values != null) {
      for (String v : values) {
        try {
          ids.add(Long.valueOf(v.strip()));
        } catch (NumberFormatException e) {
          throw Problem.badRequest(ERROR_PLACEMENT);
        }
      }
    }
    return ids;
  }

  /** Whether the placement was ticked in the form just sent (kept ticked after a preview). */
  public boolean ticked(long placementId) {
    String[] values = Faces.request().getParameterValues(PLACEMENT);
    return migration != null
        && migration.dryRun()
        && values != null
        && Set.of(values).contains(String.valueOf(placementId));
  }

  /** The chosen new owner: each placement's first instructor unless "me" was chosen. */
  public NewOwner getNewOwner() {
    return NewOwner.ME.name().equals(Faces.request().getParameter(NEW_OWNER))
        ? NewOwner.ME
        : NewOwner.FIRST_INSTRUCTOR;
  }

  public PlacementAdmin.Result getMigration() {
    return migration;
  }

  /** A placement's course in words: its context title, else its context id, else its link. */
  public String placementCourse(PlacementView p) {
    if (p.contextTitle() != null && !p.contextTitle().isBlank()) {
      return p.contextTitle();
    }
    if (p.contextId() != null && !p.contextId().isBlank()) {
      return p.contextId();
    }
    return p.resourceLinkId();
  }

  /** A change's course in words, from the listed placements (the change carries the title). */
  public String changeCourse(PlacementAdmin.Change c) {
    if (c.contextTitle() != null && !c.contextTitle().isBlank()) {
      return c.contextTitle();
    }
    return getPlacements().stream()
        .filter(p -> p.id() == c.placementId())
        .findFirst()
        .map(this::placementCourse)
        .orElseGet(() -> ConsoleText.text("workspace.placements.placement", c.placementId()));
  }

  /** The day of an instant of the control: "2026-12-02". */
  public String day(String instant) {
    return instant == null || instant.length() < 10 ? "" : instant.substring(0, 10);
  }

  /** "1 student", "3 students", in the page's language. */
  public String students(long n) {
    return n == 1
        ? ConsoleText.text("workspace.placements.student", n)
        : ConsoleText.text("workspace.placements.students.count", n);
  }

  /** A colleague's published assistant becomes a new one of the caller's, unpublished. */
  public void copy(Long id) {
    try {
      AssistantView copy = assistants.copy(actor, id);
      Faces.info("workspace.copied", copy.name());
      reloadList();
      show(copy.id());
    } catch (Problem refused) {
      Faces.error(refused);
    }
  }

  /**
   * What a version changed, in words of the page's language: "created", or its fields such as
   * "system prompt, model" (a field the bundle does not name is written as the API spells it).
   */
  public String changes(VersionView v) {
    return String.join(", ", v.changed().stream().map(CreatorWorkspaceBacking::field).toList());
  }

  private static String field(String name) {
    String key = FIELD + name;
    String said = ConsoleText.text(key);
    return key.equals(said) ? name.replace('_', ' ') : said;
  }

  public boolean isMayEdit() {
    return editing && (selected == null || selected.editable());
  }

  /** The value of the hidden {@code assistant} field. */
  public String getAssistantParameter() {
    return selected == null ? NEW : String.valueOf(selected.id());
  }

  public ModelChoice getModels() {
    if (models == null) {
      try {
        models = assistants.models(actor, selected == null ? null : selected.id(), null);
      } catch (Problem refused) {
        models = ModelChoice.NOT_LISTED;
      }
    }
    return models;
  }

  public String getStudentLaunchUrl() {
    return publicUrl.base(Faces.request()) + STUDENT_LTI;
  }

  public List<AssistantView> getAll() {
    return all;
  }

  public AssistantView getSelected() {
    return selected;
  }

  public boolean isEditing() {
    return editing;
  }

  public List<VersionView> getVersions() {
    return versions;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getDescription() {
    return description;
  }

  public void setDescription(String description) {
    this.description = description;
  }

  public String getSystemPrompt() {
    return systemPrompt;
  }

  public void setSystemPrompt(String systemPrompt) {
    this.systemPrompt = systemPrompt;
  }

  public String getModel() {
    return model;
  }

  public void setModel(String model) {
    this.model = model;
  }

  public Double getTemperature() {
    return temperature;
  }

  public void setTemperature(Double temperature) {
    this.temperature = temperature;
  }

  public String getPromptTemplate() {
    return promptTemplate;
  }

  public void setPromptTemplate(String promptTemplate) {
    this.promptTemplate = promptTemplate;
  }

  public boolean isShowSystemPrompt() {
    return showSystemPrompt;
  }

  public void setShowSystemPrompt(boolean showSystemPrompt) {
    this.showSystemPrompt = showSystemPrompt;
  }
}
