package org.ltibridge.lti13.tool.entity;

/** How a registration came about. */
public enum RegistrationSource {
  MANUAL,
  DYNAMIC
}
