package org.ltibridge.activity.entity;

/** What a placement in an LMS course is to LTI Bridge. */
public enum ActivityKind {
  /** A Unified LTI activity: assistants chosen by its owner, a dashboard for its instructors. */
  UNIFIED,
  /**
   * A legacy single-assistant link (LAMB's Student LTI, LAMB lti_landscape.md §4): its one
   * assistant is the one its consumer key names; everyone lands in the chat. Migrating it in place
   * turns it into a {@link #UNIFIED} activity without changing the LMS link.
   */
  LEGACY
}
