package org.ltibridge.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What must never reach a message shown to a person or written to a log: the API key, and anything
 * that looks like a key (a bearer credential, an OpenAI-style {@code sk-} key) that a server
 * echoes.
 */
final class Redaction {

  // Below this length, replacing the key in a message would garble the message more than it hides.
  private static final int MIN_KEY_LENGTH = 4;
  private static final int MAX_CHARS = 200;
  private static final String REDACTED = "[redacted]";
  private static final Pattern KEY_LIKE =
      Pattern.compile("(?i)(bearer\\s+\\S+|\\bsk-[A-Za-z0-9_*.\\-]{4,})");

  private final String key;

  Redaction(String apiKey) {
    this.key = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
  }

  /** The key as it is sent, or null when none is. */
  String key() {
    return key;
  }

  /** Server text made safe to show: no key, one line, at most 200 characters. */
  String sanitize(String text) {
    String safe = text;
    if (key != null && key.length() >= MIN_KEY_LENGTH) {
      safe = safe.replace(key, REDACTED);
    }
    safe = KEY_LIKE.matcher(safe).replaceAll(Matcher.quoteReplacement(REDACTED));
    safe = safe.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
    if (safe.length() > MAX_CHARS) {
      safe = safe.substring(0, MAX_CHARS - 1) + "\u2026";
    }
    return safe;
  }
}
