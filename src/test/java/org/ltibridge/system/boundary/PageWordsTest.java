package org.ltibridge.system.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.ltibridge.system.control.LanguagesTest;

/**
 * Every word a page shows comes from a bundle, in English and in Spanish: the console's bundle has
 * the same keys and arguments in both languages, every key the pages and the backing beans use
 * exists, and no page writes a word of its own outside an expression.
 */
class PageWordsTest {

  private static final Path BUNDLES = Path.of("src/main/resources/org/ltibridge/i18n");
  private static final Path PAGES = Path.of("src/main/webapp");

  /** Words that are names, the same in every language. */
  private static final Set<String> NAMES =
      Set.of(
          "LTI Bridge",
          "LTI 1.1",
          "LTI 1.3",
          "JSON",
          "CSV",
          "UTC",
          "English",
          "Español",
          "{user_input}");

  /** The attributes whose text a person reads or hears. */
  private static final Pattern READ_ATTRIBUTE =
      Pattern.compile(
          "\\s(?:pt:)?(title|aria-label|ariaLabel|placeholder|alt|label|itemLabel|requiredMessage|validatorMessage"
              + "|converterMessage|emptyMessage|noSelectionLabel|headerText|footerText|data-confirm)"
              + "=\"([^\"]*)\"");

  /** The components whose {@code value} is shown as text. */
  private static final Pattern VALUE_SHOWN =
      Pattern.compile(
          "<(?:h|p):(?:commandButton|commandLink|outputText|outputLabel|link|button|outputLink"
              + "|outputFormat|column)\\b[^>]*?\\svalue=\"([^\"]*)\"");

  private static final Pattern EXPRESSION = Pattern.compile("#\\{[^}]*\\}");

  @Test
  void theConsolesWordsAreInBothLanguagesWithTheSameArguments() throws IOException {
    LanguagesTest.assertInStep("console");
  }

  @Test
  void everyKeyThePagesAndTheBeansUseExists() throws IOException {
    Set<String> console = bundle("console.properties").stringPropertyNames();
    Set<String> used = new TreeSet<>();
    for (Path page : files(PAGES, ".xhtml")) {
      String text = Files.readString(page);
      used.addAll(found(Pattern.compile("con\\['([a-zA-Z0-9.]+)'\\]"), text));
      used.addAll(found(Pattern.compile("consoleWords\\.of\\('([a-zA-Z0-9.]+)'"), text));
    }
    Pattern call =
        Pattern.compile("(?:Faces\\.info|ConsoleText\\.text|PlatformForms\\.done)\\(([^;]*);");
    Pattern key = Pattern.compile("\"([a-z][a-zA-Z0-9]*(?:\\.[a-zA-Z0-9]+)+)\"");
    for (Path source : files(Path.of("src/main/java"), ".java")) {
      Matcher m = call.matcher(Files.readString(source));
      while (m.find()) {
        used.addAll(found(key, m.group(1)));
      }
    }
    assertTrue(used.size() > 20, "the scan finds the keys: " + used.size());
    used.removeAll(console);
    assertEquals(Set.of(), used, "keys used that the console's bundle lacks");
  }

  @Test
  void theConsolesTextsAreReadOneWayOnly() throws IOException {
    // #{con['key']} and #{consoleWords.of('key', a)} write a text as MessageFormat writes it
    // (ConsolePageWords); formatting it again would eat its apostrophes.
    Pattern twice = Pattern.compile("outputFormat[^>]*value=\"#\\{[^\"]*con\\[|replace\\(con\\[");
    List<String> found = new ArrayList<>();
    for (Path page : files(PAGES, ".xhtml")) {
      if (twice.matcher(Files.readString(page)).find()) {
        found.add(PAGES.relativize(page).toString());
      }
    }
    assertEquals(List.of(), found, "pages that format a text of the console's bundle again");
  }

  @Test
  void noPageWritesAWordOfItsOwn() throws IOException {
    List<String> words = new ArrayList<>();
    for (Path page : files(PAGES, ".xhtml")) {
      String text =
          Files.readString(page)
              .replaceAll("(?s)<!--.*?-->", "")
              .replaceAll("(?s)<script\\b.*?</script>", "<script/>")
              .replaceAll("(?s)<style\\b.*?</style>", "<style/>");
      String where = PAGES.relativize(page).toString();
      Matcher between = Pattern.compile(">([^<]+)<").matcher(text);
      while (between.find()) {
        check(where, between.group(1), words);
      }
      for (Pattern attribute : List.of(READ_ATTRIBUTE, VALUE_SHOWN)) {
        Matcher m = attribute.matcher(text);
        while (m.find()) {
          check(where, m.group(m.groupCount()), words);
        }
      }
    }
    Files.write(Path.of("target/page-words.txt"), words); // the whole list, one a line
    assertEquals(List.of(), words, "words written in a page rather than taken from a bundle");
  }

  /**
   * A string in an expression that is a value for code, not words: one lower-case or one upper-case
   * token ({@code 'enabled'}, {@code 'STUDENT'}, {@code 'es'}).
   */
  private static final Pattern CODE = Pattern.compile("[a-z/][a-zA-Z0-9_.:/-]*|[A-Z0-9_]*|");

  /** A string literal of an expression, quotes escaped with a backslash. */
  private static final Pattern LITERAL = Pattern.compile("'((?:[^'\\\\]|\\\\.)*)'");

  private static void check(String page, String text, List<String> words) {
    Matcher expression = EXPRESSION.matcher(text);
    while (expression.find()) {
      Matcher literal = LITERAL.matcher(expression.group());
      while (literal.find()) {
        String value = literal.group(1);
        if (value.codePoints().anyMatch(Character::isLetter) && !CODE.matcher(value).matches()) {
          words.add(page + ": '" + literal.group(1) + "' in " + expression.group());
        }
      }
    }
    String left = EXPRESSION.matcher(text).replaceAll(" ").replaceAll("https?://\\S*", " ");
    for (String name : NAMES) {
      left = left.replace(name, " ");
    }
    if (left.codePoints().anyMatch(Character::isLetter)) {
      words.add(page + ": " + text.strip().replaceAll("\\s+", " "));
    }
  }

  private static List<Path> files(Path root, String suffix) throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      return all.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
    }
  }

  private static Set<String> found(Pattern pattern, String text) {
    Set<String> found = new TreeSet<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  private static Properties bundle(String name) throws IOException {
    Properties p = new Properties();
    try (var in =
        new InputStreamReader(
            Files.newInputStream(BUNDLES.resolve(name)), StandardCharsets.UTF_8)) {
      p.load(in);
    }
    return p;
  }
}
