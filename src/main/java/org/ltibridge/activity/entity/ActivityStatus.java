package org.ltibridge.activity.entity;

public enum ActivityStatus {
  ACTIVE,
  DISABLED
}
