package org.ltibridge.lti13.platform.control;

/** The course placement a tool addresses by its context id (AGS and NRPS paths). */
public record ContextRef(
    Long configId,
    Long courseId,
    String contextId,
    String code,
    String title,
    String resourceLinkId) {}
