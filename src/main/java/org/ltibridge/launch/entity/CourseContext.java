package org.ltibridge.launch.entity;

import java.util.Objects;
import java.util.Optional;

/** The course the link sits in ({@code context_*} parameters / the LTI 1.3 context claim). */
public record CourseContext(String id, Optional<String> title, Optional<String> label) {

  public CourseContext {
    Objects.requireNonNull(id, "id");
    title = title == null ? Optional.empty() : title.filter(t -> !t.isBlank());
    label = label == null ? Optional.empty() : label.filter(t -> !t.isBlank());
  }
}
