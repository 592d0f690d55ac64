package org.ltibridge.system.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;

/**
 * The console's bundle as the pages read it, {@code #{con['key']}}: each text written as {@link
 * ConsoleText} writes it (a {@link java.text.MessageFormat} pattern without arguments, so that
 * {@code ''} reads as one apostrophe on a page exactly as in a message). A text with arguments is
 * {@code #{consoleWords.of('key', a)}}.
 */
@Named("con")
@ApplicationScoped
public class ConsolePageWords extends AbstractMap<String, String> {

  @Override
  public String get(Object key) {
    return ConsoleText.text(String.valueOf(key));
  }

  @Override
  public boolean containsKey(Object key) {
    return true;
  }

  @Override
  public Set<Map.Entry<String, String>> entrySet() {
    return Set.of();
  }
}
