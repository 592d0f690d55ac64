package org.ltibridge.launch.entity;

/** The wire protocol a launch arrived over; flows never branch on it. */
public enum LtiVersion {
  LTI_1_1,
  LTI_1_3
}
