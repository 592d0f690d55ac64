package org.ltibridge.admin.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import java.util.Optional;
import org.ltibridge.access.control.Actor;
import org.ltibridge.assistant.control.AssistantAuthoring;
import org.ltibridge.assistant.control.AssistantAuthoring.AssistantView;
import org.ltibridge.assistant.control.AssistantAuthoring.Draft;
import org.ltibridge.assistant.control.AssistantAuthoring.VersionView;
import org.ltibridge.assistant.control.ModelChoice;
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
  static final String CREATED = "%s has been created, unpublished: try it, then publish it.";
  static final String SAVED = "Saved as version %d.";
  static final String UNCHANGED = "Nothing had changed, so no new version was saved.";
  static final String PUBLISHED = "%s is published: setup pages offer it now.";
  static final String UNPUBLISHED =
      "%s is unpublished: setup pages no longer offer it; activities keep their transcripts.";
  static final String DELETED = "%s has been deleted.";
  static final String COPIED = "%s has been created from a colleague's assistant, unpublished.";
  static final String SECRET_SET =
      "%s has a new secret of its own for its legacy link. Copy it now: it will not be shown"
          + " again.";
  static final String SECRET_REMOVED =
      "%s no longer has a secret of its own: its legacy link uses %s.";

  /** Where a legacy single-assistant link launches (LAMB lti_landscape.md §11.1). */
  static final String STUDENT_LTI = "/lamb/v1/lti_users/lti";

  @Inject CreatorFrame frame;
  @Inject AssistantAuthoring assistants;
  @Inject PublicUrl publicUrl;

  private Actor actor;
  private List<AssistantView> all = List.of();
  private AssistantView selected;
  private boolean editing;
  private List<VersionView> versions = List.of();
  private ModelChoice models;

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
    String chosen = Faces.request().getParameter(ASSISTANT);
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
        Faces.info(CREATED, created.name());
        reloadList();
        show(created.id());
      } else {
        Integer before = selected.version();
        AssistantView saved = assistants.edit(actor, selected.id(), draft);
        Faces.info(
            java.util.Objects.equals(saved.version(), before)
                ? UNCHANGED
                : String.format(SAVED, saved.version()));
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
      Faces.info(published ? PUBLISHED : UNPUBLISHED, changed.name());
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
      Faces.info(DELETED, selected.name());
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
      Faces.info(SECRET_SET, rotated.assistant().name());
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
      Faces.info(SECRET_REMOVED, changed.name(), secretSource());
    } catch (Problem refused) {
      Faces.error(refused);
    }
  }

  /**
   * Which secret checks the selected assistant's legacy link, in plain words: "its own secret (set
   * 2026-12-02)", "the organisation's Student LTI secret", "the instance-wide LTI_SECRET", or none.
   */
  public String secretSource() {
    if (selected == null) {
      return "";
    }
    return switch (selected.ltiSecretSource()) {
      case ASSISTANT ->
          "its own secret"
              + (selected.ltiSecretSetAt() == null
                  ? ""
                  : " (set " + selected.ltiSecretSetAt().substring(0, 10) + ")");
      case ORGANIZATION -> "the organisation's Student LTI secret";
      case INSTANCE -> "the instance-wide LTI_SECRET";
      case NONE -> "none: legacy launches are refused until a secret is set";
    };
  }

  public String getSecretSource() {
    return secretSource();
  }

  public String getLtiSecret() {
    return ltiSecret;
  }

  /** A colleague's published assistant becomes a new one of the caller's, unpublished. */
  public void copy(Long id) {
    try {
      AssistantView copy = assistants.copy(actor, id);
      Faces.info(COPIED, copy.name());
      reloadList();
      show(copy.id());
    } catch (Problem refused) {
      Faces.error(refused);
    }
  }

  /** What a version changed, in words: "created", or its fields such as "system prompt, model". */
  public String changes(VersionView v) {
    return String.join(", ", v.changed().stream().map(f -> f.replace('_', ' ')).toList());
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
