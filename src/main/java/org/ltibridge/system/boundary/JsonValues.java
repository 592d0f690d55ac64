package org.ltibridge.system.boundary;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.spi.JsonProvider;
import java.io.Reader;

/**
 * The one JSON-P provider of the boundaries. Why: {@code Json.createObjectBuilder()} looks the
 * provider up with a ServiceLoader scan of the class path on every call, which profiling showed to
 * be a quarter of the cost of a small JSON response on Payara.
 */
public final class JsonValues {

  private static final JsonProvider PROVIDER = JsonProvider.provider();

  private JsonValues() {}

  public static JsonObjectBuilder object() {
    return PROVIDER.createObjectBuilder();
  }

  /** A builder that starts with the members of {@code start}. */
  public static JsonObjectBuilder object(JsonObject start) {
    return PROVIDER.createObjectBuilder(start);
  }

  public static JsonArrayBuilder array() {
    return PROVIDER.createArrayBuilder();
  }

  public static JsonString string(String value) {
    return PROVIDER.createValue(value);
  }

  public static JsonNumber number(double value) {
    return PROVIDER.createValue(value);
  }

  public static JsonNumber number(long value) {
    return PROVIDER.createValue(value);
  }

  public static JsonReader reader(Reader in) {
    return PROVIDER.createReader(in);
  }
}
