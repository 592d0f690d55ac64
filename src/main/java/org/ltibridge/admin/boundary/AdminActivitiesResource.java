package org.ltibridge.admin.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.ltibridge.admin.control.ActivityAdmin;
import org.ltibridge.admin.control.ApiTokens;

/**
 * An organisation's Unified LTI activities over the admin API: the list, renaming, disabling and
 * enabling one, and handing one to another creator of the organisation.
 */
@Path("api/v1/admin/organizations/{slug}/activities")
@ApplicationScoped
public class AdminActivitiesResource {

  static final String EXAMPLE_CHANGE =
      "{\"name\": \"Mechanics helpers\", \"status\": \"disabled\"}";
  static final String EXAMPLE_OWNER = "{\"email\": \"ada@example.edu\"}";

  @Inject ApiTokens tokens;
  @Inject ActivityAdmin activities;

  /** {@code PATCH .../activities/{id}}: {@code name} and/or {@code status}. */
  record ActivityChange(String name, String status) {
    static ActivityChange of(String body) {
      JsonObject o = AdminJson.object(body, EXAMPLE_CHANGE);
      AdminJson.requireAny(o, "name", "status");
      return new ActivityChange(
          AdminJson.string(o, "name", false), AdminJson.string(o, "status", false));
    }
  }

  /** {@code PUT .../activities/{id}/owner}: {@code email}. */
  record NewOwner(String email) {
    static NewOwner of(String body) {
      return new NewOwner(AdminJson.string(AdminJson.object(body, EXAMPLE_OWNER), "email", true));
    }
  }

  @GET
  public Response list(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @PathParam("slug") String slug) {
    return AdminJson.ok(
        AdminJson.array(
                activities.list(tokens.actor(authorization), slug).stream()
                    .map(AdminJson::activity)
                    .toList())
            .build());
  }

  @PATCH
  @Path("{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response update(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @PathParam("slug") String slug,
      @PathParam("id") long id,
      String body) {
    var actor = tokens.actor(authorization);
    ActivityChange change = ActivityChange.of(body);
    return AdminJson.ok(
        AdminJson.activity(activities.update(actor, slug, id, change.name(), change.status())));
  }

  @PUT
  @Path("{id}/owner")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response transfer(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @PathParam("slug") String slug,
      @PathParam("id") long id,
      String body) {
    var actor = tokens.actor(authorization);
    NewOwner owner = NewOwner.of(body);
    return AdminJson.ok(AdminJson.activity(activities.transfer(actor, slug, id, owner.email())));
  }
}
