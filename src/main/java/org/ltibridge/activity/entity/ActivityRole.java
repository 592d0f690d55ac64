package org.ltibridge.activity.entity;

/** How a person takes part in an activity; only students appear in dashboard figures. */
public enum ActivityRole {
  STUDENT,
  INSTRUCTOR
}
