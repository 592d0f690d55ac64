package org.ltibridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the rule "axe-core checks every page": {@code docs/accessibility.md} names every {@code
 * .xhtml} under {@code src/main/webapp} and the page tests that run axe-core over it. A new page
 * (or include, or template) that the list does not name fails this test, as does a line for a page
 * that is gone, and a line whose test does not exist or runs no axe ({@code Axe.assertAccessible},
 * or a screenshot through {@code PagesInIframeIT.save}, which runs it first).
 */
class AccessibilityChecklistTest {

  static final Path WEBAPP = Path.of("src/main/webapp");
  static final Path CHECKLIST = Path.of("docs/accessibility.md");
  static final Path PAGE_TESTS = Path.of("src/test/java/org/ltibridge/it/pages");

  /** A row of the checklist: "| `page.xhtml` | `SomeIT` (…); `OtherIT` … |". */
  static final Pattern ROW = Pattern.compile("^\\| `([^`]+\\.xhtml)` \\|(.*)\\|\\s*$");

  static final Pattern TEST = Pattern.compile("`(\\w+IT)`");

  /** What makes a page test run axe-core: a call of Axe, or a screenshot saved by save(). */
  static final Pattern RUNS_AXE =
      Pattern.compile("Axe\\.assertAccessible\\(|PagesInIframeIT\\.save\\(|\\bsave\\(driver,");

  @Test
  void everyPageIsNamedWithTheTestsThatCheckIt() throws IOException {
    Map<String, List<String>> listed = checklist();
    Set<String> pages = pages();
    Set<String> missing = new TreeSet<>(pages);
    missing.removeAll(listed.keySet());
    Set<String> gone = new TreeSet<>(listed.keySet());
    gone.removeAll(pages);
    assertEquals(
        Set.of(),
        missing,
        "pages " + CHECKLIST + " does not name: add a line and a test that runs axe over them");
    assertEquals(Set.of(), gone, "lines of " + CHECKLIST + " for pages that are gone");
  }

  @Test
  void everyTestTheChecklistNamesRunsAxe() throws IOException {
    Map<String, List<String>> listed = checklist();
    List<String> wrong = new ArrayList<>();
    for (Map.Entry<String, List<String>> row : listed.entrySet()) {
      if (row.getValue().isEmpty()) {
        wrong.add(row.getKey() + ": no test named");
      }
      for (String test : row.getValue()) {
        Path source = PAGE_TESTS.resolve(test + ".java");
        if (!Files.isRegularFile(source)) {
          wrong.add(row.getKey() + ": " + source + " does not exist");
        } else if (!RUNS_AXE.matcher(Files.readString(source)).find()) {
          wrong.add(row.getKey() + ": " + test + " runs no axe");
        }
      }
    }
    assertEquals(List.of(), wrong);
  }

  @Test
  void theReadmeLinksTheChecklist() throws IOException {
    assertTrue(
        Files.readString(Path.of("README.md")).contains("(docs/accessibility.md)"),
        "README.md links docs/accessibility.md");
  }

  /** Page → the tests its row names, in the order of the file (a page named twice fails). */
  static Map<String, List<String>> checklist() throws IOException {
    Map<String, List<String>> rows = new TreeMap<>();
    for (String line : Files.readAllLines(CHECKLIST)) {
      Matcher row = ROW.matcher(line);
      if (!row.matches()) {
        continue;
      }
      List<String> tests = new ArrayList<>();
      Matcher test = TEST.matcher(row.group(2));
      while (test.find()) {
        tests.add(test.group(1));
      }
      List<String> before = rows.put(row.group(1), tests);
      assertEquals(null, before, row.group(1) + " is named twice in " + CHECKLIST);
    }
    return rows;
  }

  /** Every .xhtml under src/main/webapp, as a path relative to it with forward slashes. */
  static Set<String> pages() throws IOException {
    try (Stream<Path> files = Files.walk(WEBAPP)) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(".xhtml"))
          .map(p -> WEBAPP.relativize(p).toString().replace('\\', '/'))
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }
}
