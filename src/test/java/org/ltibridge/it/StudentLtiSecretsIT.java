package org.ltibridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ltibridge.it.AdminApi.object;
import static org.ltibridge.it.AdminApi.unique;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ltibridge.it.AdminApiIT.Fixture;

/**
 * The secrets of legacy single-assistant links (issue #16; LAMB lti_landscape.md §7.1, §18.3), on
 * the admin API's fixture (organisations A and B, their admins, creators of A): the organisation's
 * Student LTI secret ({@code …/organizations/{slug}/student-lti}) and an assistant's own ({@code
 * …/creator/assistants/{id}/lti-secret}). Who may do what, with nothing written on a refusal; the
 * secret answered once and stored encrypted; which secret applies as they are added and removed.
 */
class StudentLtiSecretsIT extends ItBase {

  static final String ASSISTANTS = "/api/v1/creator/assistants";

  /** Who asks; a null token is nobody signed in. */
  record Who(String name, String token) {}

  /** The organisation's secret columns and the audit trail's length: what a refusal leaves. */
  static String organizationRow(String slug) {
    return db().string(
            "SELECT COALESCE(student_lti_secret_enc, '-') || '|' ||"
                + " COALESCE(CAST(student_lti_secret_set_at AS VARCHAR(40)), '-') || '|' ||"
                + " (SELECT COUNT(*) FROM admin_audit) FROM organizations WHERE slug = ?",
            slug);
  }

  /** The assistants' secret columns and the audit trail's length. */
  static String assistantRows(long... ids) {
    StringBuilder all = new StringBuilder();
    for (long id : ids) {
      all.append(
              db().string(
                      "SELECT id || ':' || COALESCE(lti_secret_enc, '-') || ':' ||"
                          + " COALESCE(CAST(lti_secret_set_at AS VARCHAR(40)), '-') FROM"
                          + " assistants WHERE id = ?",
                      id))
          .append(',');
    }
    return all + "audit=" + db().count("SELECT COUNT(*) FROM admin_audit");
  }

  static Http.Res admin(String method, String slug, String token) {
    return AdminApi.call(method, "/organizations/" + slug + "/student-lti", token, null);
  }

  static Http.Res secret(String method, long assistant, String token) {
    return CreatorAssistantsIT.call(
        method, ASSISTANTS + "/" + assistant + "/lti-secret", token, null);
  }

  static Http.Res assistant(long assistant, String token) {
    return CreatorAssistantsIT.call("GET", ASSISTANTS + "/" + assistant, token, null);
  }

  /** A new assistant of the token's creator, published; its id. */
  static long publishedAssistant(String token, String name) {
    Http.Res created =
        CreatorAssistantsIT.call("POST", ASSISTANTS, token, "{\"name\": \"" + name + "\"}");
    assertEquals(201, created.status(), created.body());
    long id = object(created).getJsonNumber("id").longValue();
    Http.Res published =
        CreatorAssistantsIT.call(
            "PUT", ASSISTANTS + "/" + id + "/publish", token, "{\"publish_status\": true}");
    assertEquals(200, published.status(), published.body());
    return id;
  }

  /** What applies without an assistant's or organisation's secret, as this server is configured. */
  static String instanceFallback(Fixture f) {
    JsonObject view = object(admin("GET", f.slugA(), f.sys()));
    return view.getBoolean("instance_secret_configured") ? "instance" : "none";
  }

  // --- the organisation's secret ---------------------------------------------------------------

  @Test
  void theOrganisationsSecretIsAnsweredOnceStoredEncryptedAndAudited() {
    Fixture f = AdminApiIT.fixture();
    String slug = AdminApiIT.createOrganization(f.sys(), unique("it-slti")).getString("slug");
    String fallback = instanceFallback(f);

    JsonObject none = object(admin("GET", slug, f.sys()));
    assertFalse(none.getBoolean("has_secret"));
    assertEquals(JsonValue.NULL, none.get("set_at"));
    assertEquals(fallback, none.getString("applies_without_own"));
    assertEquals(base() + "lamb/v1/lti_users/lti", none.getString("launch_url"));
    assertFalse(none.containsKey("oauth_consumer_secret"));
    assertEquals(404, admin("DELETE", slug, f.sys()).status(), "nothing to remove");

    Http.Res generated = admin("PUT", slug, f.sys());
    assertEquals(200, generated.status(), generated.body());
    String secret = object(generated).getString("oauth_consumer_secret");
    assertTrue(secret.length() >= 24, secret);
    assertTrue(object(generated).getBoolean("has_secret"));
    assertEquals("organization", object(generated).getString("applies_without_own"));
    String stored =
        db().string("SELECT student_lti_secret_enc FROM organizations WHERE slug = ?", slug);
    assertNotNull(stored);
    assertNotEquals(secret, stored);
    assertFalse(stored.contains(secret), "stored encrypted");

    Http.Res shown = admin("GET", slug, f.sys());
    assertFalse(shown.body().contains(secret), "never shown again");
    assertFalse(object(shown).containsKey("oauth_consumer_secret"));
    assertTrue(object(shown).getBoolean("has_secret"));
    assertNotEquals(JsonValue.NULL, object(shown).get("set_at"));
    assertEquals("organization", object(shown).getString("applies_without_own"));

    String rotated = object(admin("PUT", slug, f.sys())).getString("oauth_consumer_secret");
    assertNotEquals(secret, rotated);
    assertEquals(
        0,
        db().count(
                "SELECT COUNT(*) FROM admin_audit WHERE COALESCE(detail, '') LIKE ? OR"
                    + " COALESCE(target, '') LIKE ? OR COALESCE(detail, '') LIKE ? OR"
                    + " COALESCE(target, '') LIKE ?",
                "%" + secret + "%",
                "%" + secret + "%",
                "%" + rotated + "%",
                "%" + rotated + "%"),
        "the audit trail never holds a secret");

    assertEquals(204, admin("DELETE", slug, f.sys()).status());
    JsonObject removed = object(admin("GET", slug, f.sys()));
    assertFalse(removed.getBoolean("has_secret"));
    assertEquals(fallback, removed.getString("applies_without_own"));
    assertEquals(
        "-|-",
        db().string(
                "SELECT COALESCE(student_lti_secret_enc, '-') || '|' ||"
                    + " COALESCE(CAST(student_lti_secret_set_at AS VARCHAR(40)), '-') FROM"
                    + " organizations WHERE slug = ?",
                slug));
    assertTrue(
        AdminApiIT.auditActions(slug)
            .containsAll(
                List.of("student-lti.generate", "student-lti.rotate", "student-lti.delete")));
  }

  @Test
  void theOrganisationsSecretAuthorisationMatrix() {
    Fixture f = AdminApiIT.fixture();
    String a = f.slugA();
    List<Who> everyone =
        List.of(
            new Who("system admin", f.sys()),
            new Who("org admin of A", f.orgAdminA()),
            new Who("org admin of B", f.orgAdminB()),
            new Who("creator of A", f.creatorA()),
            new Who("nobody", null));
    List<String> wrong = new ArrayList<>();
    for (String method : List.of("GET", "PUT", "DELETE")) {
      int ok = method.equals("DELETE") ? 204 : 200;
      for (Who who : everyone) {
        int expected =
            switch (who.name()) {
              case "system admin", "org admin of A" -> ok;
              case "org admin of B" -> 404;
              case "creator of A" -> 403;
              default -> 401;
            };
        if (method.equals("DELETE")) {
          assertEquals(200, admin("PUT", a, f.sys()).status(), "a secret to remove");
        }
        String before = organizationRow(a);
        Http.Res res = admin(method, a, who.token());
        String label = who.name() + " × " + method + " student-lti of A: ";
        if (res.status() != expected) {
          wrong.add(label + "expected " + expected + ", got " + res.status() + " " + res.body());
          continue;
        }
        if (expected >= 400) {
          if (!before.equals(organizationRow(a))) {
            wrong.add(label + "a refusal wrote:\n  " + before + "\n  " + organizationRow(a));
          }
          if (res.body().contains("oauth_consumer_secret")) {
            wrong.add(label + "a refusal answered a secret");
          }
        } else if (method.equals("PUT") != res.body().contains("oauth_consumer_secret")) {
          wrong.add(label + "the secret is answered by PUT only: " + res.body());
        }
      }
    }
    // An unknown organisation is not found, for whoever asks.
    String unknown = unique("it-no-such-org");
    for (String method : List.of("GET", "PUT", "DELETE")) {
      for (Who who : List.of(everyone.get(0), everyone.get(1))) {
        int status = admin(method, unknown, who.token()).status();
        if (status != 404) {
          wrong.add(who.name() + " × " + method + " unknown organisation: got " + status);
        }
      }
    }
    assertEquals(List.of(), wrong, String.join("\n", wrong));
  }

  // --- an assistant's own secret ---------------------------------------------------------------

  @Test
  void anAssistantsOwnSecretComesFirstAndIsAnsweredOnce() {
    Fixture f = AdminApiIT.fixture();
    String fallback = instanceFallback(f);
    admin("DELETE", f.slugA(), f.sys()); // the matrix may have left one
    Http.Res created =
        CreatorAssistantsIT.call(
            "POST", ASSISTANTS, f.creatorA(), "{\"name\": \"" + unique("Legacy") + "\"}");
    assertEquals(201, created.status(), created.body());
    long id = object(created).getJsonNumber("id").longValue();
    assertEquals(JsonValue.NULL, object(created).get("lti_consumer_key"));
    assertEquals(fallback, object(created).getString("lti_secret_source"));

    // Never published: no consumer key, so no secret of its own yet; nothing is written.
    String before = assistantRows(id);
    Http.Res early = secret("PUT", id, f.creatorA());
    assertEquals(409, early.status(), early.body());
    assertTrue(object(early).getString("message").contains("publish"), early.body());
    assertEquals(before, assistantRows(id));

    Http.Res published =
        CreatorAssistantsIT.call(
            "PUT", ASSISTANTS + "/" + id + "/publish", f.creatorA(), "{\"publish_status\": true}");
    String key = object(published).getString("oauth_consumer_name");
    assertEquals(key, object(published).getString("lti_consumer_key"));
    assertEquals(fallback, object(published).getString("lti_secret_source"));

    // The organisation's secret applies to it, then its own.
    assertEquals(200, admin("PUT", f.slugA(), f.orgAdminA()).status());
    assertEquals(
        "organization", object(assistant(id, f.creatorA())).getString("lti_secret_source"));
    Http.Res generated = secret("PUT", id, f.creatorA());
    assertEquals(200, generated.status(), generated.body());
    JsonObject g = object(generated);
    String own = g.getString("oauth_consumer_secret");
    assertTrue(own.length() >= 24, own);
    assertEquals("assistant", g.getString("lti_secret_source"));
    assertEquals(key, g.getString("lti_consumer_key"));
    assertNotEquals(JsonValue.NULL, g.get("lti_secret_set_at"));
    String stored = db().string("SELECT lti_secret_enc FROM assistants WHERE id = ?", id);
    assertNotEquals(own, stored);
    assertFalse(stored.contains(own), "stored encrypted");
    Http.Res read = assistant(id, f.creatorA());
    assertFalse(read.body().contains(own), "never shown again");
    assertFalse(object(read).containsKey("oauth_consumer_secret"));
    assertEquals("assistant", object(read).getString("lti_secret_source"));
    Http.Res listed = CreatorAssistantsIT.call("GET", ASSISTANTS, f.creatorA(), null);
    assertFalse(listed.body().contains(own), "nor listed");

    String rotated = object(secret("PUT", id, f.creatorA())).getString("oauth_consumer_secret");
    assertNotEquals(own, rotated);

    // Unpublished, it keeps its key and its secret.
    JsonObject unpublished =
        object(
            CreatorAssistantsIT.call(
                "PUT",
                ASSISTANTS + "/" + id + "/publish",
                f.creatorA(),
                "{\"publish_status\": false}"));
    assertEquals(JsonValue.NULL, unpublished.get("oauth_consumer_name"));
    assertEquals(key, unpublished.getString("lti_consumer_key"));
    assertEquals("assistant", unpublished.getString("lti_secret_source"));

    // Removing its own: the organisation's applies again; removing that: the instance's, if any.
    assertEquals(204, secret("DELETE", id, f.creatorA()).status());
    assertEquals(
        "organization", object(assistant(id, f.creatorA())).getString("lti_secret_source"));
    assertEquals(
        "-|-",
        db().string(
                "SELECT COALESCE(lti_secret_enc, '-') || '|' ||"
                    + " COALESCE(CAST(lti_secret_set_at AS VARCHAR(40)), '-') FROM assistants"
                    + " WHERE id = ?",
                id));
    assertEquals(404, secret("DELETE", id, f.creatorA()).status(), "nothing left to remove");
    assertEquals(204, admin("DELETE", f.slugA(), f.orgAdminA()).status());
    assertEquals(fallback, object(assistant(id, f.creatorA())).getString("lti_secret_source"));

    List<String> actions = AdminApiIT.auditActions(f.slugA());
    assertTrue(
        actions.containsAll(
            List.of(
                "assistant.lti-secret.generate",
                "assistant.lti-secret.rotate",
                "assistant.lti-secret.delete")),
        actions.toString());
    assertEquals(
        0,
        db().count(
                "SELECT COUNT(*) FROM admin_audit WHERE COALESCE(detail, '') LIKE ? OR"
                    + " COALESCE(detail, '') LIKE ?",
                "%" + own + "%",
                "%" + rotated + "%"));

    // Unknown assistants are not found; nothing is written.
    String rows = assistantRows(id);
    for (String method : List.of("PUT", "DELETE")) {
      assertEquals(404, secret(method, Long.MAX_VALUE, f.sys()).status(), method);
      assertEquals(
          404,
          CreatorAssistantsIT.call(method, ASSISTANTS + "/not-a-number/lti-secret", f.sys(), null)
              .status(),
          method);
    }
    assertEquals(rows, assistantRows(id));
  }

  @Test
  void anAssistantsSecretAuthorisationMatrix() {
    Fixture f = AdminApiIT.fixture();
    String colleague =
        AdminApi.token(f.otherCreatorEmail(), AdminApi.activate(f.otherCreatorEmail()));
    String creatorB = AdminApi.token(f.creatorBEmail(), AdminApi.activate(f.creatorBEmail()));
    long own = publishedAssistant(f.creatorA(), unique("Own"));
    long colleagues = publishedAssistant(colleague, unique("Colleague's"));
    long otherOrg = publishedAssistant(creatorB, unique("Other org's"));
    record Target(String name, long id) {}
    List<Target> targets =
        List.of(
            new Target("own (creator A's)", own),
            new Target("colleague's in A", colleagues),
            new Target("organisation B's", otherOrg));
    List<Who> everyone =
        List.of(
            new Who("system admin", f.sys()),
            new Who("org admin of A", f.orgAdminA()),
            new Who("org admin of B", f.orgAdminB()),
            new Who("creator of A", f.creatorA()),
            new Who("nobody", null));

    // Each has a secret of its own, so that a read shows where it comes from.
    for (Target t : targets) {
      assertEquals(200, secret("PUT", t.id(), f.sys()).status(), t.name());
    }

    List<String> wrong = new ArrayList<>();
    for (String method : List.of("GET", "PUT", "DELETE")) {
      for (Target t : targets) {
        for (Who who : everyone) {
          int expected = expected(method, who.name(), t.id() == otherOrg, t.id() == colleagues);
          if (method.equals("DELETE")) {
            assertEquals(200, secret("PUT", t.id(), f.sys()).status(), "a secret to remove");
          }
          String before = assistantRows(own, colleagues, otherOrg);
          Http.Res res =
              method.equals("GET")
                  ? assistant(t.id(), who.token())
                  : secret(method, t.id(), who.token());
          String label = who.name() + " × " + method + " " + t.name() + ": ";
          if (res.status() != expected) {
            wrong.add(label + "expected " + expected + ", got " + res.status() + " " + res.body());
            continue;
          }
          String after = assistantRows(own, colleagues, otherOrg);
          if ((expected >= 400 || method.equals("GET")) && !before.equals(after)) {
            wrong.add(label + "wrote:\n  " + before + "\n  " + after);
          }
          boolean granted = expected < 400;
          if ((method.equals("PUT") && granted) != res.body().contains("oauth_consumer_secret")) {
            wrong.add(label + "the secret is answered by a granted PUT only: " + res.body());
          }
          if (expected == 200 && method.equals("GET")) {
            String source = object(res).getString("lti_secret_source");
            if (!source.equals("assistant")) {
              wrong.add(label + "source " + source + " after the PUT before it");
            }
          }
        }
      }
    }
    assertEquals(List.of(), wrong, String.join("\n", wrong));
  }

  /** The status a request meets (GET reads the assistant; PUT and DELETE change its secret). */
  static int expected(String method, String who, boolean otherOrganisation, boolean colleagues) {
    int ok = method.equals("DELETE") ? 204 : 200;
    return switch (who) {
      case "system admin" -> ok;
      case "org admin of A" -> otherOrganisation ? 404 : ok;
      case "org admin of B" -> otherOrganisation ? ok : 404;
      case "creator of A" ->
          otherOrganisation ? 404 : (colleagues && !method.equals("GET") ? 403 : ok);
      default -> 401;
    };
  }
}
