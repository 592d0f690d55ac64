package org.ltibridge.lti13.tool.entity;

/** Whether a platform registration accepts launches. */
public enum RegistrationStatus {
  /** Launches are accepted. */
  ENABLED,
  /** Registered dynamically by an organisation that approves registrations first. */
  PENDING,
  /** Switched off by an admin. */
  DISABLED
}
