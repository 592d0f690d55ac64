package org.ltibridge.assistant.control;

import java.util.List;

/**
 * Which models an organisation's endpoint offers: {@code listed} when it answered its model list
 * (then {@code models} are their ids, in its order), not listed when there is no endpoint or it did
 * not answer one; then any model name may be typed.
 */
public record ModelChoice(boolean listed, List<String> models) {

  public static final ModelChoice NOT_LISTED = new ModelChoice(false, List.of());

  public ModelChoice {
    models = List.copyOf(models);
  }

  public static ModelChoice listed(List<String> models) {
    return new ModelChoice(true, models);
  }

  /** Whether an assistant may name {@code model}: any when not listed, else a listed one. */
  public boolean allows(String model) {
    return !listed || models.contains(model);
  }
}
