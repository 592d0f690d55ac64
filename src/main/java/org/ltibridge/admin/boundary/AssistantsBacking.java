package org.ltibridge.admin.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import org.ltibridge.assistant.control.AssistantAuthoring;
import org.ltibridge.assistant.control.AssistantAuthoring.AssistantView;
import org.ltibridge.system.control.Problem;

/**
 * Backs the assistants table of {@code creator/index.xhtml}: the organisation's assistants the
 * creator may see (their own, and colleagues' published ones), and publishing or unpublishing one
 * of theirs. {@link AssistantAuthoring} decides who may change what.
 */
@Named
@ViewScoped
public class AssistantsBacking implements Serializable {

  private static final long serialVersionUID = 1L;
  static final String PUBLISHED = "%s is published: setup pages offer it now.";
  static final String UNPUBLISHED =
      "%s is unpublished: setup pages no longer offer it; activities keep their transcripts.";

  @Inject CreatorFrame creatorFrame;
  @Inject AssistantAuthoring assistants;

  private List<AssistantView> all;

  /** Reads the list (again, after a change made on this page). */
  @PostConstruct
  public void load() {
    try {
      all = assistants.list(creatorFrame.actor(), null);
    } catch (Problem refused) {
      all = List.of();
    }
  }

  public void publish(AssistantView a, boolean published) {
    try {
      AssistantView changed = assistants.publish(creatorFrame.actor(), a.id(), published);
      Faces.info(published ? PUBLISHED : UNPUBLISHED, changed.name());
      load();
    } catch (Problem refused) {
      Faces.error(refused);
    }
  }

  public List<AssistantView> getAll() {
    return all;
  }
}
