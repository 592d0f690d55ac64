package org.ltibridge.admin.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ltibridge.admin.control.ApiTokens;
import org.ltibridge.legacy.control.PlacementAdmin;
import org.ltibridge.legacy.control.PlacementAdmin.NewOwner;
import org.ltibridge.system.boundary.JsonValues;
import org.ltibridge.system.control.Problem;

/**
 * The placements of an assistant's legacy links over the creator API, and their migration in place
 * into Unified activities ({@link PlacementAdmin}); the twin of the creator workspace's "Legacy LTI
 * placements" panel.
 */
@Path("api/v1/creator/assistants/{id}/placements")
@ApplicationScoped
public class LegacyPlacementsResource {

  static final String EXAMPLE_MIGRATE =
      "{\"placements\": [12, 13], \"owner\": \"first_instructor\", \"dry_run\": true}";
  static final Problem.Text ERROR_OWNER = Problem.text("admin.LegacyPlacementsResource.owner");
  static final Problem.Text ERROR_PLACEMENTS =
      Problem.text("admin.LegacyPlacementsResource.placements");

  @Inject ApiTokens tokens;
  @Inject PlacementAdmin placements;

  @GET
  public Response list(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") Long id) {
    return AdminJson.ok(
        AdminJson.array(
                placements.list(tokens.actor(authorization), id).stream()
                    .map(LegacyPlacementsResource::json)
                    .toList())
            .build());
  }

  /**
   * Migrates the listed placements (all of the assistant's legacy ones without {@code placements});
   * {@code "dry_run": true} answers what would change and writes nothing.
   */
  @POST
  @Path("migrate")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response migrate(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @PathParam("id") Long id,
      String body) {
    var actor = tokens.actor(authorization);
    JsonObject o = AdminJson.object(body, EXAMPLE_MIGRATE);
    List<Long> ids = ids(o);
    NewOwner owner = owner(AdminJson.string(o, "owner", false));
    Boolean dryRun = AdminJson.bool(o, "dry_run", false);
    PlacementAdmin.Result result =
        placements.migrate(actor, id, ids, owner, Boolean.TRUE.equals(dryRun));
    JsonArrayBuilder changes = JsonValues.array();
    result
        .changes()
        .forEach(
            c ->
                changes.add(
                    JsonValues.object()
                        .add("placement", c.placementId())
                        .add("context_title", AdminJson.nullable(c.contextTitle()))
                        .add("new_owner", c.newOwner())
                        .add("students", c.students())));
    return AdminJson.ok(
        JsonValues.object().add("dry_run", result.dryRun()).add("changes", changes).build());
  }

  private static List<Long> ids(JsonObject o) {
    JsonValue v = o.get("placements");
    if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
      return List.of();
    }
    if (v.getValueType() != JsonValue.ValueType.ARRAY) {
      throw Problem.badRequest(ERROR_PLACEMENTS);
    }
    List<Long> ids = new ArrayList<>();
    for (JsonValue item : v.asJsonArray()) {
      if (!(item instanceof jakarta.json.JsonNumber n) || !n.isIntegral()) {
        throw Problem.badRequest(ERROR_PLACEMENTS);
      }
      ids.add(n.longValue());
    }
    return ids;
  }

  private static NewOwner owner(String value) {
    if (value == null) {
      return NewOwner.FIRST_INSTRUCTOR;
    }
    try {
      return NewOwner.valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw Problem.badRequest(ERROR_OWNER);
    }
  }

  static JsonObject json(PlacementAdmin.PlacementView p) {
    return JsonValues.object()
        .add("id", p.id())
        .add("kind", p.kind())
        .add("context_id", AdminJson.nullable(p.contextId()))
        .add("context_title", AdminJson.nullable(p.contextTitle()))
        .add("resource_link_id", p.resourceLinkId())
        .add("tool_consumer_instance_guid", AdminJson.nullable(p.instanceGuid()))
        .add("first_launch", p.firstLaunch())
        .add("last_launch", AdminJson.nullable(p.lastLaunch()))
        .add("migrated_at", AdminJson.nullable(p.migratedAt()))
        .add("students", p.students())
        .add("conversations", p.conversations())
        .build();
  }
}
