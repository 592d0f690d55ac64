package org.ltibridge.lti11.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.ltibridge.assistant.control.StudentLtiKeys;
import org.ltibridge.legacy.control.LegacyLinkFlow;
import org.ltibridge.org.control.GlobalLtiCredentials;

/**
 * Which secrets sign the LTI 1.1 launches addressed to a path (LAMB lti_landscape.md §7.1–7.2): the
 * Unified link's instance-wide key, or a legacy link's assistant key, whose unknown values are
 * answered as wrong signatures. The quick way and the full way ask the same.
 */
@ApplicationScoped
public class LaunchSecrets {

  @Inject GlobalLtiCredentials unified;
  @Inject StudentLtiKeys legacy;

  public ConsumerSecrets at(String path) {
    return path != null && path.endsWith(LegacyLinkFlow.PATH)
        ? ConsumerSecrets.hidingUnknownKeys(legacy::secretFor)
        : unified::secretFor;
  }
}
