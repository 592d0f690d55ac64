package org.ltibridge.admin.boundary;

import java.util.function.Supplier;
import org.ltibridge.system.control.Problem;

/**
 * How the platform console's change forms act ({@code admin/platform.xhtml}): the control method
 * they call asks {@code Permissions} itself, and its answer or refusal becomes the page's message.
 */
final class PlatformForms {

  private PlatformForms() {}

  /** Runs {@code action}; true when it was done, false when it was refused (and said why). */
  static boolean act(Supplier<String> action) {
    try {
      Faces.info(action.get());
      return true;
    } catch (Problem refused) {
      Faces.error(refused);
      return false;
    }
  }
}
