package org.ltibridge.system.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /openapi}: one OpenAPI 3.0 document for every JSON endpoint, put together from the
 * hand-written documents beside the resources they describe (the admin and creator API, served
 * alone at {@code /api/v1/admin/openapi.json} too; the LTI services, pages' JSON and operations).
 * Static documents, no annotation scanning, so that Payara and WildFly serve the same text; {@code
 * OpenApiTest} keeps them and the resources in step. Payara Micro's own {@code /openapi} is
 * switched off in {@code server-config/pre-boot-commands.asadmin}.
 */
@Path("openapi")
@ApplicationScoped
public class OpenApiResource {

  /** Class-path resources, merged in this order. */
  static final List<String> DOCUMENTS =
      List.of(
          "org/ltibridge/admin/boundary/openapi.json",
          "org/ltibridge/system/boundary/openapi-services.json");

  static final String ERROR_CLASH = "OpenAPI documents %s and %s both define %s differently";

  private String document;

  @PostConstruct
  void build() {
    document = merged().toString();
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Response document() {
    return Response.ok(document, MediaType.APPLICATION_JSON_TYPE)
        .header("Cache-Control", "no-cache")
        .build();
  }

  /** Every document of {@link #DOCUMENTS} as one. */
  static JsonObject merged() {
    Map<String, JsonObject> parts = new LinkedHashMap<>();
    for (String name : DOCUMENTS) {
      parts.put(name, read(name));
    }
    return merge(parts);
  }

  /**
   * One document from several: their paths and components side by side (a name defined twice must
   * be defined alike), and each document's default {@code security} moved onto its own operations,
   * where it cannot spill over onto another document's.
   */
  static JsonObject merge(Map<String, JsonObject> parts) {
    Map<String, JsonValue> paths = new LinkedHashMap<>();
    Map<String, Map<String, JsonValue>> components = new LinkedHashMap<>();
    Map<String, String> origin = new LinkedHashMap<>();
    List<String> descriptions = new ArrayList<>();
    for (Map.Entry<String, JsonObject> part : parts.entrySet()) {
      String name = part.getKey();
      JsonObject doc = part.getValue();
      JsonValue security = doc.get("security");
      JsonObject info = doc.getJsonObject("info");
      descriptions.add(info.getString("title") + ": " + info.getString("description", ""));
      doc.getJsonObject("paths")
          .forEach(
              (path, item) -> {
                claim(origin, "path " + path, name, paths.get(path), item);
                paths.put(path, withSecurity(item.asJsonObject(), security));
              });
      JsonObject comps = doc.getJsonObject("components");
      if (comps != null) {
        comps.forEach(
            (kind, entries) ->
                entries
                    .asJsonObject()
                    .forEach(
                        (key, value) -> {
                          Map<String, JsonValue> section =
                              components.computeIfAbsent(kind, k -> new LinkedHashMap<>());
                          claim(origin, kind + " " + key, name, section.get(key), value);
                          section.put(key, value);
                        }));
      }
    }
    JsonObjectBuilder pathsJson = JsonValues.object();
    paths.forEach(pathsJson::add);
    JsonObjectBuilder componentsJson = JsonValues.object();
    components.forEach(
        (kind, entries) -> {
          JsonObjectBuilder section = JsonValues.object();
          entries.forEach(section::add);
          componentsJson.add(kind, section);
        });
    JsonArrayBuilder servers = JsonValues.array().add(JsonValues.object().add("url", "/"));
    return JsonValues.object()
        .add("openapi", "3.0.3")
        .add(
            "info",
            JsonValues.object()
                .add("title", "LTI Bridge")
                .add("version", "1")
                .add("description", String.join("\n\n", descriptions)))
        .add("servers", servers)
        .add("paths", pathsJson)
        .add("components", componentsJson)
        .build();
  }

  private static void claim(
      Map<String, String> origin, String what, String document, JsonValue before, JsonValue now) {
    String first = origin.putIfAbsent(what, document);
    if (before != null && !before.equals(now)) {
      throw new IllegalStateException(ERROR_CLASH.formatted(first, document, what));
    }
  }

  private static JsonObject withSecurity(JsonObject item, JsonValue security) {
    if (security == null) {
      return item;
    }
    JsonObjectBuilder out = JsonValues.object();
    item.forEach(
        (key, value) -> {
          if (value.getValueType() == JsonValue.ValueType.OBJECT
              && !value.asJsonObject().containsKey("security")
              && OPERATIONS.contains(key)) {
            out.add(key, JsonValues.object(value.asJsonObject()).add("security", security));
          } else {
            out.add(key, value);
          }
        });
    return out.build();
  }

  /** The HTTP methods an OpenAPI path item may hold (OpenAPI 3.0.3 § Path Item Object). */
  static final List<String> OPERATIONS =
      List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  static JsonObject read(String name) {
    try (InputStream in = OpenApiResource.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the build");
      }
      try (var reader = JsonValues.reader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        return reader.readObject();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
