package org.ltibridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The capabilities' import graph, read from the main sources: imports point one way only, so each
 * capability can be read, tested and changed knowing only what lies below it. A capability is a
 * top-level package ({@code lti13/tool} and {@code lti13/platform} count apart).
 */
class ArchitectureTest {

  private static final Path SOURCES = Path.of("src/main/java/org/ltibridge");
  private static final Pattern IMPORT =
      Pattern.compile("^import (?:static )?org\\.ltibridge\\.([\\w.]+);", Pattern.MULTILINE);

  /** Capability → the capabilities it imports → one "file imports class" line per import. */
  private static Map<String, Map<String, Set<String>>> graph;

  @BeforeAll
  static void read() throws IOException {
    graph = new TreeMap<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      files
          .filter(p -> p.toString().endsWith(".java"))
          .forEach(
              file -> {
                String from = capability(SOURCES.relativize(file).toString().replace('\\', '/'));
                graph.computeIfAbsent(from, k -> new TreeMap<>());
                Matcher m = IMPORT.matcher(read(file));
                while (m.find()) {
                  String to = capability(m.group(1).replace('.', '/'));
                  if (!to.equals(from)) {
                    graph
                        .get(from)
                        .computeIfAbsent(to, k -> new TreeSet<>())
                        .add(SOURCES.relativize(file) + " imports " + m.group(1));
                  }
                }
              });
    }
  }

  @Test
  void capabilitiesFormNoCycle() {
    List<Set<String>> cycles =
        components().stream().filter(c -> c.size() > 1).map(c -> (Set<String>) c).toList();
    assertEquals(List.of(), cycles, () -> "capabilities importing each other: " + explain(cycles));
  }

  @Test
  void theLowestLayersImportNoCapability() {
    assertEquals(Set.of(), imports("system"), "system (infrastructure) imports no capability");
    assertTrue(
        Set.of("system").containsAll(imports("fastpath")), "fastpath builds on system alone");
    assertTrue(Set.of("system").containsAll(imports("access")), "access builds on system alone");
    assertTrue(Set.of("system").containsAll(imports("org")), "org builds on system alone");
  }

  @Test
  void thePlatformRoleDoesNotImportTheToolRole() {
    assertEquals(Set.of(), lines("lti13/platform", "lti13/tool"));
    assertEquals(Set.of(), lines("lti13/tool", "lti13/platform"));
  }

  @Test
  void startUpWiringIsImportedByNobody() {
    graph.forEach(
        (from, to) ->
            assertTrue(
                !to.containsKey("setup"), () -> from + " imports setup: " + to.get("setup")));
  }

  private static Set<String> imports(String capability) {
    return graph.getOrDefault(capability, Map.of()).keySet();
  }

  private static Set<String> lines(String from, String to) {
    return graph.getOrDefault(from, Map.of()).getOrDefault(to, Set.of());
  }

  private static String explain(List<Set<String>> cycles) {
    StringBuilder out = new StringBuilder();
    for (Set<String> cycle : cycles) {
      for (String from : cycle) {
        for (String to : cycle) {
          lines(from, to).forEach(line -> out.append("\n  ").append(line));
        }
      }
    }
    return out.toString();
  }

  /** Tarjan's strongly connected components of the capability graph. */
  private static List<Set<String>> components() {
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    Set<String> onStack = new TreeSet<>();
    List<Set<String>> found = new ArrayList<>();
    for (String v : graph.keySet()) {
      if (!index.containsKey(v)) {
        connect(v, index, low, stack, onStack, found);
      }
    }
    return found;
  }

  private static void connect(
      String v,
      Map<String, Integer> index,
      Map<String, Integer> low,
      Deque<String> stack,
      Set<String> onStack,
      List<Set<String>> found) {
    index.put(v, index.size());
    low.put(v, index.get(v));
    stack.push(v);
    onStack.add(v);
    for (String w : imports(v)) {
      if (!index.containsKey(w)) {
        connect(w, index, low, stack, onStack, found);
        low.put(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.contains(w)) {
        low.put(v, Math.min(low.get(v), index.get(w)));
      }
    }
    if (low.get(v).equals(index.get(v))) {
      Set<String> component = new TreeSet<>();
      String w;
      do {
        w = stack.pop();
        onStack.remove(w);
        component.add(w);
      } while (!w.equals(v));
      found.add(component);
    }
  }

  private static String capability(String path) {
    String[] parts = path.split("/");
    return parts[0].equals("lti13") && parts.length > 1 ? "lti13/" + parts[1] : parts[0];
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
