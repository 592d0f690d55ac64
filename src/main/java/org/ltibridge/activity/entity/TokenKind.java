package org.ltibridge.activity.entity;

import java.time.Duration;

/**
 * The page tokens of LAMB lti_landscape.md §10.2, with LAMB's lifetimes, plus the chat session that
 * replaces LAMB's hand-over to Open WebUI.
 */
public enum TokenKind {
  /** Instructor identity and launch context for the setup page; used up by configure. */
  SETUP(Duration.ofMinutes(10), true),
  /** The dashboard and its JSON API. */
  DASHBOARD(Duration.ofMinutes(30), false),
  /** A student's identity for the consent page; used up by accepting. */
  CONSENT(Duration.ofMinutes(10), true),
  /** An LTI 1.3 deep linking request: the instructor picks assistants; used up by the answer. */
  DEEP_LINK(Duration.ofMinutes(30), true),
  /** A chat session in the built-in chat. */
  CHAT(Duration.ofHours(2), false);

  private final Duration lifetime;
  private final boolean singleUse;

  TokenKind(Duration lifetime, boolean singleUse) {
    this.lifetime = lifetime;
    this.singleUse = singleUse;
  }

  public Duration lifetime() {
    return lifetime;
  }

  public boolean singleUse() {
    return singleUse;
  }
}
