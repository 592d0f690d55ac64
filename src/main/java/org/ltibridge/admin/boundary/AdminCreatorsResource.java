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
import org.ltibridge.admin.control.PeopleAdmin.Created;
import org.ltibridge.admin.control.PeopleAdmin.PersonView;

/**
 * The creators of an organisation over the admin API: the list, a new creator (with a one-time
 * password answered once), enabling and disabling one, and promoting one to org admin or back.
 */
@Path("api/v1/admin/organizations/{slug}/creators")
@ApplicationScoped
public class AdminCreatorsResource {

  static final String EXAMPLE_CHANGE = "{\"enabled\": false} or {\"role\": \"org-admin\"}";

  @Inject ApiTokens tokens;
  @Inject PeopleAdmin people;

  /** {@code PATCH .../creators/{id}}: {@code enabled} and/or {@code role}. */
  record CreatorChange(Boolean enabled, String role) {
    static CreatorChange of(String body) {
      JsonObject o = AdminJson.object(body, EXAMPLE_CHANGE);
      AdminJson.requireAny(o, "enabled", "role");
      return new CreatorChange(
          AdminJson.bool(o, "enabled", false), AdminJson.string(o, "role", false));
    }
  }

  @GET
  public Response list(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @PathParam("slug") String slug) {
    return AdminJson.ok(
        AdminJson.array(
                people.creators(tokens.actor(authorization), slug).stream()
                    .map(p -> AdminJson.person(p, null))
                    .toList())
            .build());
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @PathParam("slug") String slug,
      String body) {
    var actor = tokens.actor(authorization);
    var person = AdminOrganizationsResource.NewPerson.of(body);
    Created<PersonView> created = people.createCreator(actor, slug, person.email(), person.name());
    return AdminJson.created(null, AdminJson.person(created.person(), created.oneTimePassword()));
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
    CreatorChange change = CreatorChange.of(body);
    Created<PersonView> updated =
        people.updateCreator(actor, slug, id, change.enabled(), change.role());
    return AdminJson.ok(AdminJson.person(updated.person(), updated.oneTimePassword()));
  }
}
