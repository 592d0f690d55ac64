package org.ltibridge.lti13.platform.boundary;

import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.StringReader;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.ltibridge.system.boundary.JsonValues;
import org.ltibridge.system.control.Problem;

/**
 * The AGS payloads read and written with JSON-B ({@link AgsScore}, {@link AgsLineItem}, {@link
 * AgsResult}). Reading is strict, as tools are told: a body that is not a JSON object, a property
 * of the wrong JSON type (a number sent as a string) or one that breaks a rule of the record's Bean
 * Validation annotations is refused with 400 and the reason.
 */
public final class AgsJson {

  static final String ERROR_JSON = "The body is not a JSON object.";
  static final String NOT_A_TIME = "must be an ISO 8601 date-time with offset.";

  /** Thread-safe. */
  private static final Jsonb JSONB = JsonbBuilder.create();

  private AgsJson() {}

  /**
   * The body as a {@code type}, checked.
   *
   * @throws Problem 400 with the first rule broken (in the order of the record's components)
   */
  public static <T extends Record> T read(String body, Class<T> type, Validator validator) {
    JsonObject o = object(body);
    RecordComponent[] components = type.getRecordComponents();
    for (RecordComponent c : components) {
      JsonValue v = o.get(c.getName());
      if (v == null || v == JsonValue.NULL) {
        continue;
      }
      if (c.getType() == String.class && !(v instanceof JsonString)) {
        throw Problem.badRequest(c.getName() + " must be a string.");
      }
      if (c.getType() == BigDecimal.class && !(v instanceof JsonNumber)) {
        throw Problem.badRequest(c.getName() + " must be a number.");
      }
    }
    T value;
    try {
      value = JSONB.fromJson(o.toString(), type);
    } catch (JsonbException e) {
      throw Problem.badRequest(ERROR_JSON);
    }
    Set<ConstraintViolation<T>> violations = validator.validate(value);
    if (!violations.isEmpty()) {
      List<String> order = Arrays.stream(components).map(RecordComponent::getName).toList();
      ConstraintViolation<T> first =
          violations.stream()
              .min(
                  Comparator.comparingInt(
                          (ConstraintViolation<T> v) -> rank(order, v.getPropertyPath().toString()))
                      .thenComparing(ConstraintViolation::getMessage))
              .orElseThrow();
      throw Problem.badRequest(first.getMessage());
    }
    return value;
  }

  private static int rank(List<String> order, String property) {
    int i = order.indexOf(property);
    return i < 0 ? order.size() : i;
  }

  /** JSON text of a record or a list of them; null properties left out. */
  public static String write(Object value) {
    return JSONB.toJson(value);
  }

  /** The body as a JSON object, or 400. */
  static JsonObject object(String body) {
    try {
      JsonValue v = JsonValues.reader(new StringReader(body == null ? "" : body)).readValue();
      if (v.getValueType() != JsonValue.ValueType.OBJECT) {
        throw Problem.badRequest(ERROR_JSON);
      }
      return v.asJsonObject();
    } catch (JsonException | IllegalStateException e) {
      throw Problem.badRequest(ERROR_JSON);
    }
  }

  /** An ISO 8601 date-time with offset as UTC (to the microsecond, as stored), or null. */
  static LocalDateTime utc(String text) {
    try {
      return OffsetDateTime.parse(text)
          .withOffsetSameInstant(ZoneOffset.UTC)
          .toLocalDateTime()
          .truncatedTo(ChronoUnit.MICROS);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
