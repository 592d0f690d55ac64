package org.ltibridge.launch.entity;

/** The wire protocol a launch arrived over; flows never branch on it. */
public enum LtiVersion {
  LTI_1_1("1.1"),
  LTI_1_3("1.3");

  private final String tag;

  LtiVersion(String tag) {
    this.tag = tag;
  }

  /** "1.1" or "1.3", as logs and metrics name it. */
  public String tag() {
    return tag;
  }
}
