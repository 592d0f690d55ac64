package org.ltibridge.admin.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.List;
import org.ltibridge.access.control.Actor;
import org.ltibridge.access.control.Permissions;
import org.ltibridge.access.control.Permissions.Action;
import org.ltibridge.access.control.Views;
import org.ltibridge.admin.control.ApiTokens;
import org.ltibridge.lti13.platform.control.ToolAdmin;
import org.ltibridge.lti13.platform.control.ToolAdmin.Diagnostics;
import org.ltibridge.lti13.platform.control.ToolAdmin.Edit;
import org.ltibridge.lti13.platform.control.ToolRegistry;
import org.ltibridge.lti13.platform.control.ToolRegistry.ToolView;
import org.ltibridge.system.boundary.JsonValues;
import org.ltibridge.system.control.Problem;

/**
 * The LTI 1.3 platform role's registered tools over the admin API, the twin of the console's tool
 * page ({@code admin/platform-tool.xhtml}): list, read, edit ({@code PUT}), deactivate and
 * activate, remove, and the diagnostics that answer "why has my grade not arrived?". Each method
 * reads the caller's bearer token and the body, and hands both to {@link ToolAdmin}, which decides
 * who may do what (system admins only).
 */
@Path("api/v1/admin/platform/tools")
@ApplicationScoped
public class AdminPlatformToolsResource {

  static final String EXAMPLE_EDIT =
      "{\"name\": \"Quiz tool\", \"login_url\": \"https://tool.example/login\", \"launch_url\":"
          + " \"https://tool.example/launch\", \"redirect_uris\": [\"https://tool.example/launch\"],"
          + " \"jwks_url\": \"https://tool.example/keys\", \"scopes\":"
          + " [\"https://purl.imsglobal.org/spec/lti-ags/scope/score\"]}";

  @Inject ApiTokens tokens;
  @Inject ToolAdmin tools;

  /** {@code PUT /platform/tools/{id}}: every editable field of the tool. */
  record ToolEdit(Edit edit) {
    static ToolEdit of(String body) {
      JsonObject o = AdminJson.object(body, EXAMPLE_EDIT);
      String name = AdminJson.string(o, "name", true);
      String loginUrl = AdminJson.string(o, "login_url", true);
      String launchUrl = AdminJson.string(o, "launch_url", true);
      List<String> redirects = AdminJson.strings(o, "redirect_uris");
      String jwksUrl = AdminJson.string(o, "jwks_url", false);
      String pem = AdminJson.string(o, "public_key_pem", false);
      if (!o.containsKey("scopes") || o.isNull("scopes")) {
        // A PUT replaces every field: a forgotten list must not silently take every scope away.
        throw Problem.badRequest(AdminJson.ERROR_REQUIRED.with("scopes"));
      }
      return new ToolEdit(
          new Edit(
              name,
              loginUrl,
              launchUrl,
              String.join("\n", redirects),
              jwksUrl,
              pem,
              new LinkedHashSet<>(AdminJson.strings(o, "scopes"))));
    }
  }

  /**
   * {@code POST /platform/tools}: registers a tool with the fields {@code PUT} takes and, if it has
   * one already, its {@code client_id} (otherwise one is made). 201 with the tool.
   */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response register(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, String body) {
    Actor actor = tokens.actor(authorization);
    Edit e = ToolEdit.of(body).edit();
    String clientId = AdminJson.string(AdminJson.object(body, EXAMPLE_EDIT), "client_id", false);
    return AdminJson.created(
        null,
        tool(
            tools.register(
                actor,
                new ToolRegistry.Registration(
                    e.name(),
                    clientId,
                    e.loginUrl(),
                    e.launchUrl(),
                    e.redirectUris(),
                    e.jwksUrl(),
                    e.publicKeyPem(),
                    e.scopes()))));
  }

  @GET
  public Response list(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return AdminJson.ok(
        AdminJson.array(
                tools.list(tokens.actor(authorization)).stream()
                    .map(AdminPlatformToolsResource::tool)
                    .toList())
            .build());
  }

  @GET
  @Path("{id}")
  public Response get(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") String id) {
    Actor actor = tokens.actor(authorization);
    return AdminJson.ok(tool(tools.get(actor, id(id, actor))));
  }

  @PUT
  @Path("{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response edit(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @PathParam("id") String id,
      String body) {
    Actor actor = tokens.actor(authorization);
    long toolId = id(id, actor);
    ToolEdit edit = ToolEdit.of(body);
    return AdminJson.ok(tool(tools.edit(actor, toolId, edit.edit())));
  }

  /** Refuses its launches, token requests and existing access tokens at once, everywhere. */
  @POST
  @Path("{id}/deactivate")
  public Response deactivate(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") String id) {
    Actor actor = tokens.actor(authorization);
    return AdminJson.ok(tool(tools.setActive(actor, id(id, actor), false)));
  }

  @POST
  @Path("{id}/activate")
  public Response activate(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") String id) {
    Actor actor = tokens.actor(authorization);
    return AdminJson.ok(tool(tools.setActive(actor, id(id, actor), true)));
  }

  /** 204, or 409 when the tool holds learners' results (deactivate it instead). */
  @DELETE
  @Path("{id}")
  public Response remove(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") String id) {
    Actor actor = tokens.actor(authorization);
    tools.remove(actor, id(id, actor));
    return Response.noContent().build();
  }

  @GET
  @Path("{id}/diagnostics")
  public Response diagnostics(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") String id) {
    Actor actor = tokens.actor(authorization);
    return AdminJson.ok(diagnostics(tools.diagnostics(actor, id(id, actor))));
  }

  /**
   * The tool id of the path; one that is no number names no tool (404), once the caller has been
   * judged (so that nobody learns anything from the answer before being allowed to).
   */
  private long id(String id, Actor actor) {
    try {
      return Long.parseLong(id);
    } catch (NumberFormatException e) {
      Permissions.require(actor, Action.MANAGE_PLATFORM_TOOLS, null);
      throw Problem.notFound(Problem.text("admin.noSuchTool"));
    }
  }

  static JsonObject tool(ToolView t) {
    return JsonValues.object()
        .add("id", t.id())
        .add("name", t.name())
        .add("client_id", t.clientId())
        .add("deployment_ids", strings(t.deploymentIds()))
        .add("login_url", t.loginUrl())
        .add("launch_url", t.launchUrl())
        .add("redirect_uris", strings(t.redirectUris()))
        .add("jwks_url", AdminJson.nullable(t.jwksUrl()))
        .add("public_key_pem", AdminJson.nullable(t.publicKeyPem()))
        .add("scopes", strings(t.scopes()))
        .add("active", t.active())
        .add("revision", t.revision())
        .add("updated_at", AdminJson.nullable(Views.time(t.updatedAt())))
        .build();
  }

  static JsonObject diagnostics(Diagnostics d) {
    JsonArrayBuilder items = JsonValues.array();
    d.lineItems()
        .forEach(
            li ->
                items.add(
                    JsonValues.object()
                        .add("id", li.id())
                        .add("label", li.label())
                        .add("score_maximum", number(li.scoreMaximum()))
                        .add("context_id", li.contextId())
                        .add("results", li.results())));
    JsonArrayBuilder scores = JsonValues.array();
    d.scores()
        .forEach(
            s ->
                scores.add(
                    JsonValues.object()
                        .add("at", AdminJson.nullable(s.at()))
                        .add("line_item_id", s.lineItemId())
                        .add("line_item_label", s.lineItemLabel())
                        .add("user_id", s.userId())
                        .add("email", s.email())
                        .add("score_given", number(s.scoreGiven()))
                        .add("score_maximum", number(s.scoreMaximum()))
                        .add("activity_progress", s.activityProgress())
                        .add("grading_progress", s.gradingProgress())));
    JsonArrayBuilder errors = JsonValues.array();
    d.errors()
        .forEach(
            e ->
                errors.add(
                    JsonValues.object()
                        .add("at", e.at())
                        .add("endpoint", e.endpoint())
                        .add("status", e.status())
                        .add("error", AdminJson.nullable(e.error()))
                        .add("message", AdminJson.nullable(e.message()))));
    return JsonValues.object()
        .add("tool", tool(d.tool()))
        .add("line_items", items)
        .add("scores", scores)
        .add("errors", errors)
        .build();
  }

  private static JsonArrayBuilder strings(List<String> values) {
    JsonArrayBuilder a = JsonValues.array();
    values.forEach(a::add);
    return a;
  }

  private static JsonValue number(BigDecimal n) {
    return n == null ? JsonValue.NULL : JsonValues.number(n.doubleValue());
  }
}
