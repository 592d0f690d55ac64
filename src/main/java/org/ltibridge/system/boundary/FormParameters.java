package org.ltibridge.system.boundary;

import jakarta.ws.rs.core.MultivaluedMap;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Collects the parameters an OAuth 1.0a signature covers (RFC 5849 §3.4.1.3.1): the query string,
 * decoded as a form (so {@code +} is a space), and the form body; also what the filters that answer
 * hot paths before JAX-RS read their parameters with.
 */
public final class FormParameters {

  private FormParameters() {}

  public static List<Map.Entry<String, String>> of(
      String rawQuery, MultivaluedMap<String, String> form) {
    List<Map.Entry<String, String>> all = new ArrayList<>();
    decode(rawQuery, all);
    if (form != null) {
      form.forEach(
          (name, values) ->
              values.forEach(v -> all.add(new AbstractMap.SimpleImmutableEntry<>(name, v))));
    }
    return all;
  }

  /** The query string and an {@code application/x-www-form-urlencoded} body, as sent. */
  public static List<Map.Entry<String, String>> of(String rawQuery, String rawBody) {
    List<Map.Entry<String, String>> all = new ArrayList<>();
    decode(rawQuery, all);
    decode(rawBody, all);
    return all;
  }

  /** The first value of a parameter, or null. */
  public static String first(List<Map.Entry<String, String>> parameters, String name) {
    for (Map.Entry<String, String> p : parameters) {
      if (p.getKey().equals(name)) {
        return p.getValue();
      }
    }
    return null;
  }

  private static void decode(String encoded, List<Map.Entry<String, String>> into) {
    if (encoded == null || encoded.isEmpty()) {
      return;
    }
    for (String pair : encoded.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      into.add(
          new AbstractMap.SimpleImmutableEntry<>(
              URLDecoder.decode(name, StandardCharsets.UTF_8),
              URLDecoder.decode(value, StandardCharsets.UTF_8)));
    }
  }
}
