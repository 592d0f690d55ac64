package org.ltibridge.system.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code /openapi} cannot fall behind the resources: every JAX-RS resource method of the
 * application that answers JSON (by its {@code @Produces}, or, without one, by living under {@code
 * api/}) is described, and every described operation exists.
 */
class OpenApiTest {

  static final Set<String> OPERATIONS = Set.of("get", "put", "post", "delete", "patch");

  final JsonObject document = OpenApiResource.merged();

  @Test
  void everyJsonResourceMethodIsDescribed() throws Exception {
    Set<String> documented = documented();
    Set<String> json = new TreeSet<>();
    resourceMethods(true).forEach(json::add);
    assertTrue(json.size() > 40, "found " + json);
    json.removeAll(documented);
    assertEquals(Set.of(), json, "JSON endpoints missing from /openapi");
  }

  @Test
  void everyDescribedOperationExists() throws Exception {
    Set<String> stale = documented();
    stale.removeAll(resourceMethods(false));
    assertEquals(Set.of(), stale, "described in /openapi but not implemented");
  }

  @Test
  void theServicesAndTheAdminApiAreThere() {
    JsonObject paths = document.getJsonObject("paths");
    for (String p :
        List.of(
            "/lti/token",
            "/api/v1/lti/ags/lineitems/{id}/scores",
            "/api/v1/lti/nrps/contexts/{contextId}/memberships",
            "/api/v1/admin/organizations",
            "/lamb/v1/lti/dashboard/stats",
            "/health/ready")) {
      assertTrue(paths.containsKey(p), p);
    }
  }

  @Test
  void theAdminDocumentsDefaultSecurityStaysOnItsOwnOperations() {
    JsonObject paths = document.getJsonObject("paths");
    assertFalse(document.containsKey("security"));
    assertEquals(
        "bearer",
        paths
            .getJsonObject("/api/v1/admin/organizations")
            .getJsonObject("get")
            .getJsonArray("security")
            .getJsonObject(0)
            .keySet()
            .iterator()
            .next());
    assertTrue(
        paths.getJsonObject("/lti/token").getJsonObject("post").getJsonArray("security").isEmpty());
  }

  @Test
  void aComponentDefinedTwiceDifferentlyIsRefused() {
    JsonObject a = doc("{\"type\":\"string\"}");
    JsonObject b = doc("{\"type\":\"integer\"}");
    Map<String, JsonObject> parts = new LinkedHashMap<>();
    parts.put("a", a);
    parts.put("b", b);
    assertThrows(IllegalStateException.class, () -> OpenApiResource.merge(parts));
    parts.put("b", doc("{\"type\":\"string\"}"));
    assertEquals(1, OpenApiResource.merge(parts).getJsonObject("components").size());
  }

  private static JsonObject doc(String schema) {
    return JsonValues.reader(
            new java.io.StringReader(
                "{\"info\":{\"title\":\"t\"},\"paths\":{},\"components\":{\"schemas\":{\"X\":"
                    + schema
                    + "}}}"))
        .readObject();
  }

  private Set<String> documented() {
    Set<String> documented = new TreeSet<>();
    document
        .getJsonObject("paths")
        .forEach(
            (path, item) ->
                item.asJsonObject().keySet().stream()
                    .filter(OPERATIONS::contains)
                    .forEach(m -> documented.add(m.toUpperCase(Locale.ROOT) + " " + path)));
    return documented;
  }

  /** "METHOD /path" of every resource method, or only of those answering JSON. */
  static Set<String> resourceMethods(boolean jsonOnly) throws IOException, ClassNotFoundException {
    Set<String> all = new TreeSet<>();
    for (Class<?> type : resourceClasses()) {
      String root = type.getAnnotation(Path.class).value();
      for (Method m : type.getDeclaredMethods()) {
        String verb = httpMethod(m);
        if (verb == null) {
          continue;
        }
        Path sub = m.getAnnotation(Path.class);
        String path = join(root, sub == null ? "" : sub.value());
        if (!jsonOnly || answersJson(type, m, path)) {
          all.add(verb + " " + path);
        }
      }
    }
    return all;
  }

  static boolean answersJson(Class<?> type, Method m, String path) {
    Produces produces = m.getAnnotation(Produces.class);
    if (produces == null) {
      produces = type.getAnnotation(Produces.class);
    }
    if (produces == null) {
      return path.startsWith("/api/");
    }
    return Stream.of(produces.value())
        .flatMap(v -> Stream.of(v.split(",")))
        .map(v -> v.split(";")[0].strip().toLowerCase(Locale.ROOT))
        .anyMatch(v -> v.endsWith("/json") || v.endsWith("+json"));
  }

  /** Every top-level class of the main classes' directory with {@code @Path}. */
  private static List<Class<?>> resourceClasses() throws IOException, ClassNotFoundException {
    java.nio.file.Path root;
    try {
      root =
          java.nio.file.Path.of(
              OpenApiResource.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    List<String> names;
    try (Stream<java.nio.file.Path> files = Files.walk(root.resolve("org/ltibridge"))) {
      names =
          files
              .map(f -> root.relativize(f).toString().replace('\\', '/'))
              .filter(n -> n.endsWith(".class") && !n.contains("$"))
              .map(n -> n.substring(0, n.length() - 6).replace('/', '.'))
              .toList();
    }
    List<Class<?>> found = new java.util.ArrayList<>();
    for (String name : names) {
      Class<?> c = Class.forName(name, false, OpenApiTest.class.getClassLoader());
      if (c.isAnnotationPresent(Path.class)) {
        found.add(c);
      }
    }
    return found;
  }

  private static String httpMethod(Method m) {
    for (Annotation a : m.getAnnotations()) {
      HttpMethod verb = a.annotationType().getAnnotation(HttpMethod.class);
      if (verb != null) {
        return verb.value();
      }
    }
    return null;
  }

  private static String join(String root, String sub) {
    return "/" + trim(root) + (trim(sub).isEmpty() ? "" : "/" + trim(sub));
  }

  private static String trim(String p) {
    String s = p.startsWith("/") ? p.substring(1) : p;
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
