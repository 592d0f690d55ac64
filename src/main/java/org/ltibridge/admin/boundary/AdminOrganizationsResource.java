package org.ltibridge.admin.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.ltibridge.admin.control.ApiTokens;
import org.ltibridge.admin.control.OrganizationAdmin;
import org.ltibridge.admin.control.PeopleAdmin;
import org.ltibridge.admin.control.PeopleAdmin.Created;
import org.ltibridge.admin.control.PeopleAdmin.PersonView;
import org.ltibridge.admin.control.StudentErasure;
import org.ltibridge.system.control.Problem;
import org.ltibridge.system.control.PublicUrl;

/**
 * Organisations over the admin API: the list, one organisation, creating and changing one, its org
 * admins, its instructor self-service and its audit trail. The console's twin: each method reads
 * the caller's bearer token and the body, and hands both to the control layer, which decides who
 * may do what.
 */
@Path("api/v1/admin/organizations")
@ApplicationScoped
public class AdminOrganizationsResource {

  static final String EXAMPLE_NEW = "{\"slug\": \"physics\", \"name\": \"Physics Department\"}";
  static final String EXAMPLE_CHANGE = "{\"name\": \"Physics\", \"enabled\": false}";
  static final String EXAMPLE_PERSON = "{\"email\": \"ada@example.edu\", \"name\": \"Ada\"}";
  static final String EXAMPLE_SELF_SERVICE =
      "{\"enabled\": true, \"domains\": [\"physics.example.edu\"]}";
  static final String EXAMPLE_ERASURE =
      "{\"activity_id\": 12, \"lms_user_id\": \"8f2c-student\"} or {\"all_activities\": true,"
          + " \"username\": \"sam\"}";
  static final String EXAMPLE_RETENTION = "{\"transcript_retention_days\": 365}";
  static final Problem.Text ERROR_ACTIVITY_ID =
      Problem.text("admin.AdminOrganizationsResource.activityId");
  static final Problem.Text ERROR_RETENTION_DAYS =
      Problem.text("admin.AdminOrganizationsResource.retentionDays");
  static final Problem.Text ERROR_LIMIT = Problem.text("admin.AdminOrganizationsResource.limit");
  static final int DEFAULT_AUDIT_LIMIT = 50;

  @Inject ApiTokens tokens;
  @Inject OrganizationAdmin organizations;
  @Inject PeopleAdmin people;
  @Inject StudentErasure erasure;
  @Inject PublicUrl publicUrl;
  @Context HttpServletRequest request;

  /** {@code POST /organizations}: {@code slug}, {@code name}. */
  record NewOrganization(String slug, String name) {
    static NewOrganization of(String body) {
      JsonObject o = AdminJson.object(body, EXAMPLE_NEW);
      return new NewOrganization(
          AdminJson.string(o, "slug", true), AdminJson.string(o, "name", true));
    }
  }

  /** {@code PATCH /organizations/{slug}}: {@code name} and/or {@code enabled}. */
  record OrganizationChange(String name, Boolean enabled) {
    static OrganizationChange of(String body) {
      JsonObject o = AdminJson.object(body, EXAMPLE_CHANGE);
      AdminJson.requireAny(o, "name", "enabled");
      return new OrganizationChange(
          AdminJson.string(o, "name", false), AdminJson.bool(o, "enabled", false));
    }
  }

  /** {@code POST .../admins} (and {@code .../creators}): {@code email}, optional {@code name}. */
  record NewPerson(String email, String name) {
    static NewPerson of(String body) {
      JsonObject o = AdminJson.object(body, EXAMPLE_PERSON);
      return new NewPerson(AdminJson.string(o, "email", true), AdminJson.string(o, "name", false));
    }
  }

  /** {@code PUT .../self-service}: {@code enabled}, {@code domains}. */
  record SelfServiceChange(boolean enabled, List<String> domains) {
    static SelfServiceChange of(String body) {
      JsonObject o = AdminJson.object(body, EXAMPLE_SELF_SERVICE);
      return new SelfServiceChange(
          AdminJson.bool(o, "enabled", true), AdminJson.strings(o, "domains"));
    }
  }

  /**
   * {@code POST .../erasures}: where ({@code activity_id}, or {@code all_activities: true}) and
   * whom ({@code lms_user_id}, {@code username}, {@code pseudonym}; {@code platform} narrows to one
   * LMS).
   */
  record ErasureRequest(StudentErasure.Request request) {
    static ErasureRequest of(String body) {
      JsonObject o = AdminJson.object(body, EXAMPLE_ERASURE);
      Boolean all = AdminJson.bool(o, "all_activities", false);
      return new ErasureRequest(
          new StudentErasure.Request(
              activityId(o.get("activity_id")),
              all != null && all,
              AdminJson.string(o, "lms_user_id", false),
              AdminJson.string(o, "username", false),
              AdminJson.string(o, "platform", false),
              AdminJson.string(o, "pseudonym", false)));
    }

    private static Long activityId(JsonValue v) {
      if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
        return null;
      }
      if (v.getValueType() == JsonValue.ValueType.NUMBER) {
        try {
          return ((JsonNumber) v).bigDecimalValue().longValueExact();
        } catch (ArithmeticException notWhole) {
          // Answered below.
        }
      }
      throw Problem.badRequest(ERROR_ACTIVITY_ID);
    }
  }

  /** {@code PUT .../retention}: {@code transcript_retention_days}, a number or null (keep). */
  record RetentionChange(Integer days) {
    static RetentionChange of(String body) {
      JsonObject o = AdminJson.object(body, EXAMPLE_RETENTION);
      AdminJson.requireAny(o, "transcript_retention_days");
      JsonValue v = o.get("transcript_retention_days");
      if (v.getValueType() == JsonValue.ValueType.NULL) {
        return new RetentionChange(null);
      }
      if (v.getValueType() == JsonValue.ValueType.NUMBER) {
        try {
          return new RetentionChange(((JsonNumber) v).bigDecimalValue().intValueExact());
        } catch (ArithmeticException notWhole) {
          // Answered below.
        }
      }
      throw Problem.badRequest(ERROR_RETENTION_DAYS);
    }
  }

  @GET
  public Response list(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return AdminJson.ok(
        AdminJson.array(
                organizations.list(tokens.actor(authorization)).stream()
                    .map(AdminJson::organization)
                    .toList())
            .build());
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, String body) {
    var actor = tokens.actor(authorization);
    NewOrganization wanted = NewOrganization.of(body);
    var org = organizations.create(actor, wanted.slug(), wanted.name());
    return AdminJson.created(
        URI.create(
            publicUrl.base(request)
                + "/api/v1/admin/organizations/"
                + URLEncoder.encode(org.slug(), StandardCharsets.UTF_8)),
        AdminJson.organization(org));
  }

  @GET
  @Path("{slug}")
  public Response get(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @PathParam("slug") String slug) {
    return AdminJson.ok(
        AdminJson.organization(organizations.get(tokens.actor(authorization), slug)));
  }

  @PATCH
  @Path("{slug}")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response update(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @PathParam("slug") String slug,
      String body) {
    var actor = tokens.actor(authorization);
    OrganizationChange change = OrganizationChange.of(body);
    return AdminJson.ok(
        AdminJson.organization(organizations.update(actor, slug, change.name(), change.enabled())));
  }

  @POST
  @Path("{slug}/admins")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response createOrgAdmin(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @PathParam("slug") String slug,
      String body) {
    var actor = tokens.actor(authorization);
    NewPerson person = NewPerson.of(body);
    Created<PersonView> created = people.createOrgAdmin(actor, slug, person.email(), person.name());
    return AdminJson.created(null, AdminJson.person(created.person(), created.oneTimePassword()));
  }

  @GET
  @Path("{slug}/self-service")
  public Response selfService(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @PathParam("slug") String slug) {
    return AdminJson.ok(
        AdminJson.selfService(organizations.selfService(tokens.actor(authorization), slug)));
  }

  @PUT
  @Path("{slug}/self-service")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response changeSelfService(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @PathParam("slug") String slug,
      String body) {
    var actor = tokens.actor(authorization);
    SelfServiceChange change = SelfServiceChange.of(body);
    return AdminJson.ok(
        AdminJson.selfService(
            organizations.changeSelfService(actor, slug, change.enabled(), change.domains())));
  }

  @POST
  @Path("{slug}/erasures")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response erase(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @PathParam("slug") String slug,
      String body) {
    var actor = tokens.actor(authorization);
    ErasureRequest wanted = ErasureRequest.of(body);
    return AdminJson.ok(AdminJson.erased(erasure.erase(actor, slug, wanted.request())));
  }

  @GET
  @Path("{slug}/retention")
  public Response retention(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @PathParam("slug") String slug) {
    return AdminJson.ok(
        AdminJson.retention(organizations.retention(tokens.actor(authorization), slug)));
  }

  @PUT
  @Path("{slug}/retention")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response changeRetention(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @PathParam("slug") String slug,
      String body) {
    var actor = tokens.actor(authorization);
    RetentionChange change = RetentionChange.of(body);
    return AdminJson.ok(
        AdminJson.retention(organizations.changeRetention(actor, slug, change.days())));
  }

  /** {@code GET .../identity-policy}: whether activities may show students' names. */
  @GET
  @Path("{slug}/identity-policy")
  public Response identityPolicy(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @PathParam("slug") String slug) {
    return AdminJson.ok(
        AdminJson.identityPolicy(
            organizations.namedIdentitiesAllowed(tokens.actor(authorization), slug)));
  }

  /** {@code PUT .../identity-policy}: {@code {"named_identities_allowed": true|false}}. */
  @PUT
  @Path("{slug}/identity-policy")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response changeIdentityPolicy(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @PathParam("slug") String slug,
      String body) {
    var actor = tokens.actor(authorization);
    JsonObject o = AdminJson.object(body, EXAMPLE_IDENTITY_POLICY);
    AdminJson.requireAny(o, "named_identities_allowed");
    JsonValue v = o.get("named_identities_allowed");
    if (v != JsonValue.TRUE && v != JsonValue.FALSE) {
      throw Problem.badRequest(ERROR_NAMED_ALLOWED);
    }
    return AdminJson.ok(
        AdminJson.identityPolicy(
            organizations.allowNamedIdentities(actor, slug, v == JsonValue.TRUE)));
  }

  static final String EXAMPLE_IDENTITY_POLICY = "{\"named_identities_allowed\": false}";
  static final Problem.Text ERROR_NAMED_ALLOWED =
      Problem.text("admin.AdminOrganizationsResource.namedAllowed");

  /**
   * {@code GET .../transcript-views}: who read which transcript with the student's name, newest
   * first ({@code limit} 1 to 500, default 50).
   */
  @GET
  @Path("{slug}/transcript-views")
  public Response transcriptViews(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @PathParam("slug") String slug,
      @QueryParam("limit") String limit) {
    var actor = tokens.actor(authorization);
    return AdminJson.ok(
        AdminJson.array(
                organizations.transcriptViews(actor, slug, limit(limit)).stream()
                    .map(AdminJson::transcriptView)
                    .toList())
            .build());
  }

  @GET
  @Path("{slug}/audit")
  public Response audit(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @PathParam("slug") String slug,
      @QueryParam("limit") String limit) {
    var actor = tokens.actor(authorization);
    return AdminJson.ok(
        AdminJson.array(
                organizations.audit(actor, slug, limit(limit)).stream()
                    .map(AdminJson::auditEntry)
                    .toList())
            .build());
  }

  static int limit(String limit) {
    if (limit == null || limit.isBlank()) {
      return DEFAULT_AUDIT_LIMIT;
    }
    try {
      int n = Integer.parseInt(limit.strip());
      if (n >= 1 && n <= 500) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw Problem.badRequest(ERROR_LIMIT);
  }
}
