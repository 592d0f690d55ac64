package org.ltibridge.admin.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.ltibridge.admin.control.ApiTokens;
import org.ltibridge.admin.control.PeopleAdmin;
import org.ltibridge.admin.control.PeopleAdmin.AdminView;
import org.ltibridge.admin.control.PeopleAdmin.Created;

/** System admins over the admin API: the list, a new one (one-time password), enabling one. */
@Path("api/v1/admin/system-admins")
@ApplicationScoped
public class AdminSystemAdminsResource {

  static final String EXAMPLE_NEW = "{\"username\": \"ada\", \"name\": \"Ada Lovelace\"}";
  static final String EXAMPLE_CHANGE = "{\"enabled\": false}";

  @Inject ApiTokens tokens;
  @Inject PeopleAdmin people;

  /** {@code POST /system-admins}: {@code username}, optional {@code name}. */
  record NewSystemAdmin(String username, String name) {
    static NewSystemAdmin of(String body) {
      JsonObject o = AdminJson.object(body, EXAMPLE_NEW);
      return new NewSystemAdmin(
          AdminJson.string(o, "username", true), AdminJson.string(o, "name", false));
    }
  }

  /** {@code PATCH /system-admins/{id}}: {@code enabled}. */
  record SystemAdminChange(boolean enabled) {
    static SystemAdminChange of(String body) {
      return new SystemAdminChange(
          AdminJson.bool(AdminJson.object(body, EXAMPLE_CHANGE), "enabled", true));
    }
  }

  @GET
  public Response list(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return AdminJson.ok(
        AdminJson.array(
                people.systemAdmins(tokens.actor(authorization)).stream()
                    .map(a -> AdminJson.systemAdmin(a, null))
                    .toList())
            .build());
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, String body) {
    var actor = tokens.actor(authorization);
    NewSystemAdmin wanted = NewSystemAdmin.of(body);
    Created<AdminView> created = people.createSystemAdmin(actor, wanted.username(), wanted.name());
    return AdminJson.created(
        null, AdminJson.systemAdmin(created.person(), created.oneTimePassword()));
  }

  @PATCH
  @Path("{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response update(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @PathParam("id") long id,
      String body) {
    var actor = tokens.actor(authorization);
    SystemAdminChange change = SystemAdminChange.of(body);
    return AdminJson.ok(
        AdminJson.systemAdmin(people.updateSystemAdmin(actor, id, change.enabled()), null));
  }
}
