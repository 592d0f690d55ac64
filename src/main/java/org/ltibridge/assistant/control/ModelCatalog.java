package org.ltibridge.assistant.control;

import org.ltibridge.org.entity.Organization;

/**
 * The models an organisation's endpoint offers. Implemented where the model endpoint is spoken to
 * ({@code chat.control}), so that authoring does not depend on the chat.
 */
public interface ModelCatalog {

  /**
   * Never throws: an endpoint that is missing, down or odd answers {@link ModelChoice#NOT_LISTED}.
   */
  ModelChoice models(Organization organization);
}
