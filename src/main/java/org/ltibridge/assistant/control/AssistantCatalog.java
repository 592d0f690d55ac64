package org.ltibridge.assistant.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.ltibridge.assistant.entity.Assistant;
import org.ltibridge.system.control.Problem;

/** Which assistants an organisation has published, for activity setup. */
@ApplicationScoped
public class AssistantCatalog {

  static final Problem.Text ERROR_NONE_SELECTED =
      Problem.text("assistant.AssistantCatalog.noneSelected");
  static final Problem.Text ERROR_NOT_PUBLISHED =
      Problem.text("assistant.AssistantCatalog.notPublished");

  @PersistenceContext EntityManager em;

  public List<Assistant> published(Collection<Long> organizationIds) {
    if (organizationIds.isEmpty()) {
      return List.of();
    }
    return em.createNamedQuery(Assistant.PUBLISHED_IN_ORGS, Assistant.class)
        .setParameter("orgIds", organizationIds)
        .getResultList();
  }

  /** The chosen assistants, each checked to be published in the organisation; 400 otherwise. */
  public List<Assistant> choose(Long organizationId, Collection<Long> assistantIds) {
    Set<Long> ids = new LinkedHashSet<>(assistantIds);
    if (ids.isEmpty()) {
      throw Problem.badRequest(ERROR_NONE_SELECTED);
    }
    List<Assistant> available = published(List.of(organizationId));
    List<Assistant> chosen = available.stream().filter(a -> ids.contains(a.id())).toList();
    if (chosen.size() != ids.size()) {
      throw Problem.badRequest(ERROR_NOT_PUBLISHED);
    }
    return chosen;
  }

  public Assistant find(Long id) {
    return em.find(Assistant.class, id);
  }
}
