package org.ltibridge.launch.entity;

import java.util.Objects;

/** The LMS's identifier of one placement of a link in a course. */
public record ResourceLinkId(String value) {

  public ResourceLinkId {
    Objects.requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("resource link id must not be blank");
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
