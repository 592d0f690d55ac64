package org.ltibridge.system.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

/**
 * A text of the console's bundle with its arguments, for a page: {@code #{consoleWords.of('key',
 * a)}} where an attribute (a label, a header) or a sentence holds a value, written in the page's
 * language as {@link ConsoleText} writes it (EL escapes the result like any other value).
 */
@Named
@ApplicationScoped
public class ConsoleWords {

  public String of(String key, Object a) {
    return ConsoleText.text(key, a);
  }

  public String of(String key, Object a, Object b) {
    return ConsoleText.text(key, a, b);
  }

  public String of(String key, Object a, Object b, Object c) {
    return ConsoleText.text(key, a, b, c);
  }

  public String of(String key, Object a, Object b, Object c, Object d) {
    return ConsoleText.text(key, a, b, c, d);
  }
}
