package org.ltibridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ltibridge.it.AdminApi.array;
import static org.ltibridge.it.AdminApi.object;

import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.ltibridge.it.AdminApiIT.Fixture;
import org.ltibridge.it.Lms.Person;

/**
 * Creators' assistants over the creator API (LAMB lti_landscape.md §12, §16) and the organisation's
 * model endpoint over the admin API, on the admin API's fixture (organisations A and B, their
 * admins, creators of A): a creator makes, changes and publishes their own assistants, sees
 * colleagues' published ones without changing them; an org admin changes any of the organisation's;
 * another organisation is not found; published assistants are what a Unified setup page offers;
 * refusals write nothing.
 */
class CreatorAssistantsIT extends ItBase {

  static final String ASSISTANTS = "/api/v1/creator/assistants";

  static Http.Res call(String method, String path, String token, String json) {
    String[] headers =
        token == null
            ? new String[] {"Accept", "application/json"}
            : new String[] {"Accept", "application/json", "Authorization", "Bearer " + token};
    return http().send(method, path, json == null ? null : "application/json", json, headers);
  }

  static String rows() {
    return db().string(
            "SELECT (SELECT COUNT(*) FROM assistants) || '/' || (SELECT COUNT(*) FROM"
                + " assistant_publications) || '/' || (SELECT COUNT(*) FROM admin_audit) || '/' ||"
                + " (SELECT COALESCE(SUM(LENGTH(name) + LENGTH(COALESCE(description, ''))), 0)"
                + " FROM assistants)");
  }

  @Test
  void aCreatorBuildsPublishesAndUnpublishesTheirAssistant() {
    Fixture f = AdminApiIT.fixture();
    String name = AdminApi.unique("Mechanics");
    Http.Res created =
        call(
            "POST",
            ASSISTANTS,
            f.creatorA(),
            "{\"name\": \""
                + name
                + "\", \"description\": \"First-year mechanics\", \"system_prompt\": \"Guide"
                + " with questions.\", \"model\": \"tutor-1\"}");
    assertEquals(201, created.status(), created.body());
    JsonObject a = object(created);
    long id = a.getJsonNumber("id").longValue();
    assertEquals(f.slugA(), a.getString("organization"));
    assertEquals(f.creatorAEmail(), a.getString("owner_email"));
    assertFalse(a.getBoolean("published"));
    assertTrue(a.isNull("oauth_consumer_name"));
    assertTrue(a.getBoolean("editable"));
    assertTrue(created.header("Location").orElse("").endsWith(ASSISTANTS + "/" + id));

    // Unpublished: the creator sees it, a colleague does not, nor does a setup page offer it.
    assertTrue(names(call("GET", ASSISTANTS, f.creatorA(), null)).contains(name));
    String colleague =
        AdminApi.token(f.otherCreatorEmail(), AdminApi.activate(f.otherCreatorEmail()));
    assertFalse(names(call("GET", ASSISTANTS, colleague, null)).contains(name));
    assertEquals(404, call("GET", ASSISTANTS + "/" + id, colleague, null).status());
    assertFalse(setupPage(f.creatorAEmail()).contains(name));

    Http.Res edited =
        call(
            "PATCH",
            ASSISTANTS + "/" + id,
            f.creatorA(),
            "{\"description\": \"Mechanics, step by step\"}");
    assertEquals(200, edited.status(), edited.body());
    assertEquals("Mechanics, step by step", object(edited).getString("description"));
    assertEquals("Guide with questions.", object(edited).getString("system_prompt"));

    Http.Res published =
        call("PUT", ASSISTANTS + "/" + id + "/publish", f.creatorA(), "{\"publish_status\": true}");
    assertEquals(200, published.status(), published.body());
    long creatorId =
        db().count(
                "SELECT c.id FROM creator_users c JOIN organizations o ON o.id = c.organization_id"
                    + " WHERE o.slug = ? AND c.email = ?",
                f.slugA(),
                f.creatorAEmail());
    String key = object(published).getString("oauth_consumer_name");
    assertEquals(creatorId + "_" + name, key);
    assertEquals(
        key,
        db().string("SELECT consumer_name FROM assistant_publications WHERE assistant_id = ?", id));
    // Publishing again changes nothing.
    assertEquals(
        key,
        object(
                call(
                    "PUT",
                    ASSISTANTS + "/" + id + "/publish",
                    f.creatorA(),
                    "{\"publish_status\": true}"))
            .getString("oauth_consumer_name"));

    // Published: a colleague reads it but may not change it; the setup page offers it.
    JsonObject seen = object(call("GET", ASSISTANTS + "/" + id, colleague, null));
    assertFalse(seen.getBoolean("editable"));
    String before = rows();
    Http.Res refused =
        call("PATCH", ASSISTANTS + "/" + id, colleague, "{\"name\": \"Taken over\"}");
    assertEquals(403, refused.status(), refused.body());
    assertEquals(403, call("DELETE", ASSISTANTS + "/" + id, colleague, null).status());
    assertEquals(
        403,
        call("PUT", ASSISTANTS + "/" + id + "/publish", colleague, "{\"publish_status\": false}")
            .status());
    assertEquals(before, rows(), "refusals write nothing");
    assertTrue(setupPage(f.creatorAEmail()).contains(name));

    // The org admin may change any assistant of the organisation; another organisation's may not.
    assertEquals(
        200,
        call("PATCH", ASSISTANTS + "/" + id, f.orgAdminA(), "{\"model\": \"tutor-2\"}").status());
    assertEquals(404, call("GET", ASSISTANTS + "/" + id, f.orgAdminB(), null).status());
    assertEquals(
        404, call("PATCH", ASSISTANTS + "/" + id, f.orgAdminB(), "{\"model\": \"x\"}").status());
    assertEquals(
        404, call("GET", ASSISTANTS + "?organization=" + f.slugA(), f.orgAdminB(), null).status());
    assertEquals(401, call("GET", ASSISTANTS, null, null).status());
    assertTrue(
        names(call("GET", ASSISTANTS + "?organization=" + f.slugA(), f.sys(), null))
            .contains(name));

    // Unpublished: setup pages stop offering it; unused, it can be deleted.
    Http.Res unpublished =
        call(
            "PUT", ASSISTANTS + "/" + id + "/publish", f.creatorA(), "{\"publish_status\": false}");
    assertEquals(200, unpublished.status(), unpublished.body());
    assertTrue(object(unpublished).isNull("oauth_consumer_name"));
    assertFalse(setupPage(f.creatorAEmail()).contains(name));
    assertEquals(204, call("DELETE", ASSISTANTS + "/" + id, f.creatorA(), null).status());
    assertEquals(0, db().count("SELECT COUNT(*) FROM assistants WHERE id = ?", id));
    List<String> actions =
        array(
                call(
                    "GET",
                    "/api/v1/admin/organizations/" + f.slugA() + "/audit?limit=500",
                    f.orgAdminA(),
                    null))
            .getValuesAs(JsonObject.class)
            .stream()
            .filter(e -> name.equals(e.getString("target", "")))
            .map(e -> e.getString("action"))
            .toList();
    assertTrue(
        actions.containsAll(
            List.of(
                "assistant.create",
                "assistant.edit",
                "assistant.publish",
                "assistant.unpublish",
                "assistant.delete")),
        actions.toString());
  }

  /**
   * A colleague's published assistant is read, then copied into one's own (the console's *Copy* and
   * its API twin); an unpublished one, another organisation's, or a caller who is no creator is
   * refused and nothing is written.
   */
  @Test
  void aColleaguesPublishedAssistantCanBeCopiedAndNothingElse() {
    Fixture f = AdminApiIT.fixture();
    String name = AdminApi.unique("Optics");
    long id =
        object(
                call(
                    "POST",
                    ASSISTANTS,
                    f.creatorA(),
                    "{\"name\": \""
                        + name
                        + "\", \"system_prompt\": \"Use everyday examples.\","
                        + " \"temperature\": 0.4, \"prompt_template\": \"Q: {user_input}\"}"))
            .getJsonNumber("id")
            .longValue();
    String colleague =
        AdminApi.token(f.otherCreatorEmail(), AdminApi.activate(f.otherCreatorEmail()));
    String copy = ASSISTANTS + "/" + id + "/copy";

    // Unpublished, it is not the colleague's to read, nor another organisation's; a system admin
    // is no creator; nobody signed in is nobody.
    String before = rows();
    assertEquals(404, call("POST", copy, colleague, null).status());
    assertEquals(404, call("POST", copy, f.orgAdminB(), null).status());
    assertEquals(403, call("POST", copy, f.sys(), null).status());
    assertEquals(401, call("POST", copy, null, null).status());
    assertEquals(before, rows());

    assertEquals(
        200,
        call("PUT", ASSISTANTS + "/" + id + "/publish", f.creatorA(), "{\"publish_status\": true}")
            .status());
    Http.Res copied = call("POST", copy, colleague, null);
    assertEquals(201, copied.status(), copied.body());
    JsonObject c = object(copied);
    assertEquals(name + " (copy)", c.getString("name"));
    assertEquals(f.otherCreatorEmail(), c.getString("owner_email"));
    assertFalse(c.getBoolean("published"));
    assertTrue(c.getBoolean("editable"));
    assertEquals("Use everyday examples.", c.getString("system_prompt"));
    assertEquals("Q: {user_input}", c.getString("prompt_template"));
    assertEquals(0.4, c.getJsonNumber("temperature").doubleValue(), 1e-9);
    long copyId = c.getJsonNumber("id").longValue();
    assertEquals(
        1, db().count("SELECT COUNT(*) FROM assistant_versions WHERE assistant_id = ?", copyId));
    assertEquals(name + " (copy 2)", object(call("POST", copy, colleague, null)).getString("name"));
    // The original is untouched and still its author's.
    assertFalse(object(call("GET", ASSISTANTS + "/" + id, colleague, null)).getBoolean("editable"));
  }

  @Test
  void anAssistantInUseCanOnlyBeUnpublished() {
    Fixture f = AdminApiIT.fixture();
    long inUse = db().count("SELECT id FROM assistants WHERE name = ?", "Tutor " + f.slugA());
    String before = rows();
    Http.Res refused = call("DELETE", ASSISTANTS + "/" + inUse, f.orgAdminA(), null);
    assertEquals(409, refused.status(), refused.body());
    assertTrue(object(refused).getString("message").contains("unpublished"), refused.body());
    assertEquals(before, rows());
    // Made by SQL, it has no creator: only admins may change it.
    assertEquals(
        403, call("PATCH", ASSISTANTS + "/" + inUse, f.creatorA(), "{\"model\": \"x\"}").status());
  }

  @Test
  void badInputIsRefusedWithAReasonAndWritesNothing() {
    Fixture f = AdminApiIT.fixture();
    String taken = AdminApi.unique("Taken");
    assertEquals(
        201, call("POST", ASSISTANTS, f.creatorA(), "{\"name\": \"" + taken + "\"}").status());
    String before = rows();
    for (String[] c :
        new String[][] {
          {"{\"name\": \"  \"}", "400", "name"},
          {"{\"description\": \"no name\"}", "400", "name"},
          {"{\"name\": \"" + "x".repeat(201) + "\"}", "400", "name"},
          {
            "{\"name\": \"Long\", \"description\": \"" + "d".repeat(1001) + "\"}",
            "400",
            "description"
          },
          {"{\"name\": 7}", "400", "name"},
          {"[\"name\"]", "400", "JSON object"},
          {"{\"name\": \"" + taken + "\"}", "409", taken},
        }) {
      Http.Res res = call("POST", ASSISTANTS, f.creatorA(), c[0]);
      assertEquals(Integer.parseInt(c[1]), res.status(), c[0] + " → " + res.body());
      assertTrue(object(res).getString("message").contains(c[2]), res.body());
    }
    assertEquals(400, call("PUT", ASSISTANTS + "/1/publish", f.creatorA(), "{}").status());
    assertEquals(
        404, call("PATCH", ASSISTANTS + "/999999999", f.creatorA(), "{\"name\": \"x\"}").status());
    // A system admin is no creator of any organisation.
    Http.Res noCreator = call("POST", ASSISTANTS, f.sys(), "{\"name\": \"Orphan\"}");
    assertEquals(403, noCreator.status(), noCreator.body());
    // Another organisation's admin or creator cannot list A's.
    assertEquals(400, call("GET", ASSISTANTS, f.sys(), null).status());
    assertEquals(before, rows(), "nothing written");
  }

  @Test
  void twoAssistantsOfTheSameNameAtOnceMakeOne() throws Exception {
    Fixture f = AdminApiIT.fixture();
    String name = AdminApi.unique("Twin");
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Callable<Integer>> both = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        both.add(
            () -> call("POST", ASSISTANTS, f.creatorA(), "{\"name\": \"" + name + "\"}").status());
      }
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> r : pool.invokeAll(both)) {
        statuses.add(r.get());
      }
      statuses.sort(Integer::compare);
      assertEquals(List.of(201, 409), statuses);
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1, db().count("SELECT COUNT(*) FROM assistants WHERE name = ?", name));
  }

  @Test
  void theModelEndpointIsTheConsolesTwin() {
    Fixture f = AdminApiIT.fixture();
    String path = "/api/v1/admin/organizations/" + f.slugA() + "/model-endpoint";
    Http.Res set =
        call(
            "PUT",
            path,
            f.orgAdminA(),
            "{\"base_url\": \"https://models.example.edu/v1\", \"api_key\": \"sk-model-a\"}");
    assertEquals(200, set.status(), set.body());
    assertEquals("https://models.example.edu/v1", object(set).getString("base_url"));
    assertTrue(object(set).getBoolean("key_set"));
    assertFalse(set.body().contains("sk-model-a"), "the key is write-only");
    String sealed =
        db().string("SELECT model_api_key_enc FROM organizations WHERE slug = ?", f.slugA());
    assertTrue(sealed.startsWith("v1:") && !sealed.contains("sk-model-a"), sealed);
    assertFalse(call("GET", path, f.orgAdminA(), null).body().contains("sk-model-a"));

    String before =
        db().string(
                "SELECT COALESCE(model_base_url, '') || '|' || COALESCE(model_api_key_enc, '')"
                    + " FROM organizations WHERE slug = ?",
                f.slugA());
    assertEquals(
        404,
        call("PUT", path, f.orgAdminB(), "{\"base_url\": \"https://evil.example/v1\"}").status());
    assertEquals(
        403,
        call("PUT", path, f.creatorA(), "{\"base_url\": \"https://evil.example/v1\"}").status());
    assertEquals(
        401, call("PUT", path, null, "{\"base_url\": \"https://evil.example/v1\"}").status());
    Http.Res bad = call("PUT", path, f.orgAdminA(), "{\"base_url\": \"ftp://models.example.edu\"}");
    assertEquals(400, bad.status(), bad.body());
    assertEquals(
        before,
        db().string(
                "SELECT COALESCE(model_base_url, '') || '|' || COALESCE(model_api_key_enc, '')"
                    + " FROM organizations WHERE slug = ?",
                f.slugA()));
    // Keep the key when none is given; remove it on request.
    Http.Res kept =
        call("PUT", path, f.orgAdminA(), "{\"base_url\": \"https://models.example.edu/v2\"}");
    assertTrue(object(kept).getBoolean("key_set"), kept.body());
    Http.Res removed =
        call(
            "PUT",
            path,
            f.sys(),
            "{\"base_url\": \"https://models.example.edu/v2\", \"remove_key\": true}");
    assertFalse(object(removed).getBoolean("key_set"), removed.body());
    assertNull(
        db().string("SELECT model_api_key_enc FROM organizations WHERE slug = ?", f.slugA()));

    // The cap on concurrent requests: set, read back, kept when not named, null for the default.
    Http.Res capped =
        call(
            "PUT",
            path,
            f.orgAdminA(),
            "{\"base_url\": \"https://models.example.edu/v2\", \"max_concurrent\": 40}");
    assertEquals(200, capped.status(), capped.body());
    assertEquals(40, object(capped).getInt("max_concurrent"));
    assertEquals(40, object(call("GET", path, f.orgAdminA(), null)).getInt("max_concurrent"));
    assertEquals("40", cap(f.slugA()));
    Http.Res kept40 =
        call("PUT", path, f.sys(), "{\"base_url\": \"https://models.example.edu/v3\"}");
    assertEquals(40, object(kept40).getInt("max_concurrent"), kept40.body());
    assertEquals("40", cap(f.slugA()));
    for (String[] refused :
        new String[][] {{f.orgAdminB(), "404"}, {f.creatorA(), "403"}, {null, "401"}}) {
      assertEquals(
          Integer.parseInt(refused[1]),
          call(
                  "PUT",
                  path,
                  refused[0],
                  "{\"base_url\": \"https://models.example.edu/v3\", \"max_concurrent\": 1}")
              .status());
      assertEquals("40", cap(f.slugA()), "a refused caller changed the cap");
    }
    Http.Res asDefault =
        call(
            "PUT",
            path,
            f.orgAdminA(),
            "{\"base_url\": \"https://models.example.edu/v3\", \"max_concurrent\": null}");
    assertTrue(object(asDefault).isNull("max_concurrent"), asDefault.body());
    assertNull(cap(f.slugA()));
  }

  private static String cap(String slug) {
    return db().string(
            "SELECT CAST(model_max_concurrent AS VARCHAR(10)) FROM organizations WHERE slug = ?",
            slug);
  }

  private static List<String> names(Http.Res list) {
    assertEquals(200, list.status(), list.body());
    return array(list).getValuesAs(JsonObject.class).stream()
        .map(o -> o.getString("name"))
        .toList();
  }

  /** The setup page an instructor of organisation A sees at a new placement. */
  private static String setupPage(String instructor) {
    Http.Res launch = lms().launch(Person.instructor(instructor), Lms.newPlacement());
    assertEquals(303, launch.status(), launch.body());
    Http.Res page = http().follow(launch);
    assertEquals(200, page.status(), page.body());
    return page.body();
  }
}
