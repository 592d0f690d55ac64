package org.ltibridge.admin.boundary;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import org.ltibridge.assistant.control.AssistantAuthoring;
import org.ltibridge.assistant.control.AssistantAuthoring.AssistantView;
import org.ltibridge.system.control.Problem;

/** Backs the "New assistant" form of {@code creator/index.xhtml}. */
@Named
@ViewScoped
public class NewAssistantBacking implements Serializable {

  private static final long serialVersionUID = 1L;
  static final String CREATED = "%s has been created, unpublished: publish it when it is ready.";

  @Inject CreatorFrame creatorFrame;
  @Inject AssistantAuthoring assistants;
  @Inject AssistantsBacking list;

  private String name;
  private String description;
  private String systemPrompt;
  private String model;

  public void create() {
    try {
      AssistantView created =
          assistants.create(creatorFrame.actor(), name, description, systemPrompt, model);
      Faces.info(CREATED, created.name());
      name = description = systemPrompt = model = null;
      list.load();
    } catch (Problem refused) {
      Faces.error(refused);
    }
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
}
