package org.ltibridge.admin.boundary;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ltibridge.admin.control.ActivityAdmin.ActivityView;
import org.ltibridge.admin.control.OrganizationAdmin.OrganizationView;
import org.ltibridge.admin.control.OrganizationAdmin.SelfService;
import org.ltibridge.admin.control.PeopleAdmin.AdminView;
import org.ltibridge.admin.control.PeopleAdmin.PersonView;
import org.ltibridge.admin.control.StudentErasure;
import org.ltibridge.dashboard.control.TranscriptViews;
import org.ltibridge.system.boundary.JsonValues;
import org.ltibridge.system.control.AuditLog;
import org.ltibridge.system.control.Problem;

/**
 * The admin API's wire format, in one place: request bodies read field by field (so that a wrong
 * type or a missing field is refused with its name, before anything is written), and the control
 * layer's views written as JSON objects with snake_case names (RFC 8259).
 */
final class AdminJson {

  static final Problem.Text ERROR_NOT_OBJECT = Problem.text("admin.AdminJson.notObject");
  static final Problem.Text ERROR_REQUIRED = Problem.text("admin.AdminJson.required");
  static final Problem.Text ERROR_STRING = Problem.text("admin.AdminJson.string");
  static final Problem.Text ERROR_BOOLEAN = Problem.text("admin.AdminJson.boolean");
  static final Problem.Text ERROR_STRINGS = Problem.text("admin.AdminJson.strings");
  static final Problem.Text ERROR_NUMBER = Problem.text("admin.AdminJson.number");
  static final Problem.Text ERROR_NOTHING = Problem.text("admin.AdminJson.nothing");

  private AdminJson() {}

  /** The body as a JSON object; {@code example} shows the caller what was expected. */
  static JsonObject object(String body, String example) {
    try {
      JsonValue v = JsonValues.reader(new StringReader(body == null ? "" : body)).readValue();
      if (v.getValueType() == JsonValue.ValueType.OBJECT) {
        return v.asJsonObject();
      }
    } catch (JsonException | IllegalStateException e) {
      // Not JSON at all: answered below like any other body that is no object.
    }
    throw Problem.badRequest(ERROR_NOT_OBJECT.with(example));
  }

  /** A string field: null when absent or JSON null, unless required. */
  static String string(JsonObject o, String name, boolean required) {
    JsonValue v = o.get(name);
    if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
      if (required) {
        throw Problem.badRequest(ERROR_REQUIRED.with(name));
      }
      return null;
    }
    if (v.getValueType() != JsonValue.ValueType.STRING) {
      throw Problem.badRequest(ERROR_STRING.with(name));
    }
    return ((JsonString) v).getString();
  }

  /**
   * A text field a PATCH may clear: null when absent (unchanged), an empty string for JSON null
   * (cleared), else the string.
   */
  static String clearable(JsonObject o, String name) {
    if (!o.containsKey(name)) {
      return null;
    }
    String s = string(o, name, false);
    return s == null ? "" : s;
  }

  /**
   * A number field a PATCH may clear: null when absent (unchanged), empty for JSON null (cleared),
   * else the number.
   */
  static Optional<Double> clearableNumber(JsonObject o, String name) {
    JsonValue v = o.get(name);
    if (v == null) {
      return null;
    }
    if (v.getValueType() == JsonValue.ValueType.NULL) {
      return Optional.empty();
    }
    if (v.getValueType() != JsonValue.ValueType.NUMBER) {
      throw Problem.badRequest(ERROR_NUMBER.with(name));
    }
    return Optional.of(((JsonNumber) v).doubleValue());
  }

  /** A boolean field: null when absent or JSON null, unless required. */
  static Boolean bool(JsonObject o, String name, boolean required) {
    JsonValue v = o.get(name);
    if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
      if (required) {
        throw Problem.badRequest(ERROR_REQUIRED.with(name));
      }
      return null;
    }
    if (v.getValueType() == JsonValue.ValueType.TRUE) {
      return true;
    }
    if (v.getValueType() == JsonValue.ValueType.FALSE) {
      return false;
    }
    throw Problem.badRequest(ERROR_BOOLEAN.with(name));
  }

  /** A list of strings: empty when absent or JSON null. */
  static List<String> strings(JsonObject o, String name) {
    JsonValue v = o.get(name);
    if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
      return List.of();
    }
    if (v.getValueType() != JsonValue.ValueType.ARRAY) {
      throw Problem.badRequest(ERROR_STRINGS.with(name));
    }
    List<String> all = new ArrayList<>();
    for (JsonValue item : v.asJsonArray()) {
      if (item.getValueType() != JsonValue.ValueType.STRING) {
        throw Problem.badRequest(ERROR_STRINGS.with(name));
      }
      all.add(((JsonString) item).getString());
    }
    return all;
  }

  /** Refuses a PATCH that names none of the fields it could change. */
  static void requireAny(JsonObject o, String... names) {
    for (String n : names) {
      if (o.containsKey(n)) {
        return;
      }
    }
    throw Problem.badRequest(ERROR_NOTHING.with("\"" + String.join("\", \"", names) + "\""));
  }

  // --- answers ---------------------------------------------------------------------------------

  static Response ok(JsonValue body) {
    return Response.ok(body.toString(), MediaType.APPLICATION_JSON_TYPE).build();
  }

  static Response created(URI location, JsonValue body) {
    Response.ResponseBuilder r =
        location == null ? Response.status(Response.Status.CREATED) : Response.created(location);
    return r.type(MediaType.APPLICATION_JSON_TYPE).entity(body.toString()).build();
  }

  static JsonArrayBuilder array(List<? extends JsonValue> values) {
    JsonArrayBuilder a = JsonValues.array();
    values.forEach(a::add);
    return a;
  }

  static JsonObject organization(OrganizationView o) {
    return JsonValues.object()
        .add("id", o.id())
        .add("slug", o.slug())
        .add("name", o.name())
        .add("enabled", o.enabled())
        .add("self_service", o.selfService())
        .add("created_at", nullable(o.createdAt()))
        .add(
            "counts",
            JsonValues.object()
                .add("creators", o.creators())
                .add("assistants", o.assistants())
                .add("activities", o.activities())
                .add("students", o.students()))
        .build();
  }

  static JsonObject person(PersonView p, String oneTimePassword) {
    JsonObjectBuilder b =
        JsonValues.object()
            .add("id", p.id())
            .add("email", p.email())
            .add("name", nullable(p.name()))
            .add("role", p.role())
            .add("enabled", p.enabled())
            .add("created_via", nullable(p.createdVia()))
            .add("created_by", nullable(p.createdBy()))
            .add("created_at", nullable(p.createdAt()))
            .add("has_password", p.hasPassword())
            .add("last_sign_in_at", nullable(p.lastSignInAt()));
    if (oneTimePassword != null) {
      b.add("one_time_password", oneTimePassword);
    }
    return b.build();
  }

  static JsonObject systemAdmin(AdminView a, String oneTimePassword) {
    JsonObjectBuilder b =
        JsonValues.object()
            .add("id", a.id())
            .add("username", a.username())
            .add("name", nullable(a.name()))
            .add("enabled", a.enabled())
            .add("created_at", nullable(a.createdAt()))
            .add("last_sign_in_at", nullable(a.lastSignInAt()));
    if (oneTimePassword != null) {
      b.add("one_time_password", oneTimePassword);
    }
    return b.build();
  }

  static JsonObject activity(ActivityView a) {
    JsonArrayBuilder assistants = JsonValues.array();
    a.assistants().forEach(assistants::add);
    return JsonValues.object()
        .add("id", a.id())
        .add("name", nullable(a.name()))
        .add("course", nullable(a.course()))
        .add("assistants", assistants)
        .add("owner_email", nullable(a.ownerEmail()))
        .add("owner_name", nullable(a.ownerName()))
        .add("transcript_review", a.transcriptReview())
        .add("status", a.status())
        .add("students", a.students())
        .add("created_at", nullable(a.createdAt()))
        .build();
  }

  static JsonObject selfService(SelfService s) {
    JsonArrayBuilder domains = JsonValues.array();
    s.domains().forEach(domains::add);
    return JsonValues.object().add("enabled", s.enabled()).add("domains", domains).build();
  }

  /** What an erasure removed: counts only, never whom. */
  static JsonObject erased(StudentErasure.Erased e) {
    return JsonValues.object()
        .add("activities", e.activities())
        .add("identities", e.identities())
        .add("conversations", e.conversations())
        .add("messages", e.messages())
        .add("page_tokens", e.pageTokens())
        .build();
  }

  static JsonObject retention(Integer days) {
    return JsonValues.object().add("transcript_retention_days", nullable(days)).build();
  }

  static JsonObject identityPolicy(boolean namedAllowed) {
    return JsonValues.object().add("named_identities_allowed", namedAllowed).build();
  }

  static JsonObject transcriptView(TranscriptViews.Entry e) {
    return JsonValues.object()
        .add("viewed_at", e.viewedAt().toString())
        .add("viewer", nullable(e.viewer()))
        .add("viewer_lms_user_id", nullable(e.viewerLmsUserId()))
        .add("activity", nullable(e.activity()))
        .add("activity_id", e.activityId())
        .add("student", nullable(e.student()))
        .add("pseudonym", e.pseudonym())
        .add("conversation_id", nullable(e.conversationId()))
        .build();
  }

  static JsonObject auditEntry(AuditLog.Entry e) {
    return JsonValues.object()
        .add("at", e.at())
        .add("actor", e.actor())
        .add("action", e.action())
        .add("target", nullable(e.target()))
        .add("detail", nullable(e.detail()))
        .build();
  }

  static JsonValue nullable(String s) {
    return s == null ? JsonValue.NULL : JsonValues.string(s);
  }

  static JsonValue nullable(Number n) {
    if (n == null) {
      return JsonValue.NULL;
    }
    return n instanceof Double || n instanceof Float
        ? JsonValues.number(n.doubleValue())
        : JsonValues.number(n.longValue());
  }
}
