package org.ltibridge.org.entity;

/**
 * CDI event: an organisation was disabled or enabled. Caches of what an organisation allows (the
 * LTI 1.3 registrations' snapshots) forget it, so that this instance sees the change at once.
 */
public record OrganizationSwitched(long organizationId, boolean enabled) {}
