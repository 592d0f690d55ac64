package org.ltibridge.lti13.platform.control;

/**
 * A CDI event: a page of the platform role (the learner's courses, the platform console) was opened
 * at these URLs. Start-up and demo wiring observes it to keep what depends on the address the
 * browser uses in line with it (the built-in test LMS), without the platform role knowing of it.
 */
public record PlatformReached(PlatformUrls urls) {}
