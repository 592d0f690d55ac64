package org.ltibridge.admin.boundary;

import java.util.function.Supplier;
import org.ltibridge.system.boundary.ConsoleText;
import org.ltibridge.system.control.Problem;

/**
 * How the platform console's change forms act ({@code admin/platform.xhtml}): the control method
 * they call asks {@code Permissions} itself, and its answer or refusal becomes the page's message.
 */
final class PlatformForms {

  private PlatformForms() {}

  /** What an action did: a text of the console's bundle ({@link ConsoleText}) and its arguments. */
  record Done(String key, Object... args) {}

  /** The message of a done action, {@code key} a text of the console's bundle. */
  static Done done(String key, Object... args) {
    return new Done(key, args);
  }

  /**
   * Runs {@code action}; true when it was done (its answer, unless null, becomes the message),
   * false when it was refused (and said why). Opening a form answers null: focus then goes to the
   * form's first field rather than to a message.
   */
  static boolean act(Supplier<Done> action) {
    try {
      Done done = action.get();
      if (done != null) {
        Faces.info(done.key(), done.args());
      }
      return true;
    } catch (Problem refused) {
      Faces.error(refused);
      return false;
    }
  }
}
