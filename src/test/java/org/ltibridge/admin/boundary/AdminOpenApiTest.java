package org.ltibridge.admin.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document and the resources cannot drift: every (method, path) of a resource class in
 * this package is described, and the document describes nothing else.
 */
class AdminOpenApiTest {

  static final Set<String> OPERATIONS = Set.of("get", "put", "post", "delete", "patch");

  final JsonObject document =
      Json.createReader(new ByteArrayInputStream(AdminOpenApiResource.read())).readObject();

  @Test
  void documentAndResourcesDescribeTheSameOperations() throws Exception {
    Set<String> documented = new TreeSet<>();
    JsonObject paths = document.getJsonObject("paths");
    paths.forEach(
        (path, item) ->
            item.asJsonObject().keySet().stream()
                .filter(OPERATIONS::contains)
                .forEach(m -> documented.add(m.toUpperCase(Locale.ROOT) + " " + path)));
    Set<String> implemented = implemented();
    assertFalse(implemented.isEmpty());
    Set<String> undocumented = new TreeSet<>(implemented);
    undocumented.removeAll(documented);
    Set<String> unimplemented = new TreeSet<>(documented);
    unimplemented.removeAll(implemented);
    assertEquals(Set.of(), undocumented, "implemented but not in openapi.json");
    assertEquals(Set.of(), unimplemented, "in openapi.json but not implemented");
  }

  @Test
  void everyProtectedOperationSaysWhenItIsRefused() {
    assertEquals("3.0.3", document.getString("openapi"));
    assertEquals(
        "bearer",
        document
            .getJsonObject("components")
            .getJsonObject("securitySchemes")
            .getJsonObject("bearer")
            .getString("scheme"));
    document
        .getJsonObject("paths")
        .forEach(
            (path, item) ->
                item.asJsonObject()
                    .forEach(
                        (method, operation) -> {
                          if (!OPERATIONS.contains(method)) {
                            return;
                          }
                          JsonObject op = operation.asJsonObject();
                          boolean open =
                              op.containsKey("security") && op.getJsonArray("security").isEmpty();
                          if (!open) {
                            assertTrue(
                                op.getJsonObject("responses").containsKey("401"),
                                method + " " + path + " documents 401");
                          }
                          if (path.contains("{slug}")) {
                            assertTrue(
                                op.getJsonObject("responses").containsKey("404"),
                                method + " " + path + " documents 404");
                          }
                        }));
  }

  /**
   * "METHOD /path" of every resource method of this package's JSON API (its resources under {@code
   * api/}; the console's own entry redirect is a page, not API).
   */
  static Set<String> implemented() throws URISyntaxException, ClassNotFoundException {
    Set<String> all = new TreeSet<>();
    for (Class<?> type : resourceClasses()) {
      String root = type.getAnnotation(Path.class).value();
      for (Method m : type.getDeclaredMethods()) {
        String verb = httpMethod(m);
        if (verb == null) {
          continue;
        }
        Path sub = m.getAnnotation(Path.class);
        all.add(verb + " " + join(root, sub == null ? "" : sub.value()));
      }
    }
    return all;
  }

  private static List<Class<?>> resourceClasses()
      throws URISyntaxException, ClassNotFoundException {
    // The main classes' directory itself: the test classes of this package live elsewhere.
    File dir =
        new File(
            new File(
                AdminOpenApiResource.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI()),
            AdminOpenApiResource.class.getPackageName().replace('.', '/'));
    List<Class<?>> found = new ArrayList<>();
    for (String name : dir.list()) {
      if (name.endsWith(".class") && !name.contains("$")) {
        Class<?> c =
            Class.forName(
                AdminOpenApiResource.class.getPackageName()
                    + "."
                    + name.substring(0, name.length() - 6));
        if (c.isAnnotationPresent(Path.class)
            && c.getAnnotation(Path.class).value().startsWith("api/")) {
          found.add(c);
        }
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
    String path = "/" + trim(root) + (trim(sub).isEmpty() ? "" : "/" + trim(sub));
    return path;
  }

  private static String trim(String p) {
    String s = p.startsWith("/") ? p.substring(1) : p;
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
