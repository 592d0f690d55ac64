package org.ltibridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A client of the admin API for tests: tokens, JSON calls with a bearer token, and fixtures (an
 * account activated with a known password, the row counts a refused request must leave alone).
 */
final class AdminApi {

  static final String PREFIX = "/api/v1/admin";
  static final String JSON = "application/json";

  private AdminApi() {}

  static Http.Res tokenRequest(String username, String password) {
    return ItBase.http()
        .postForm(
            PREFIX + "/token",
            "username="
                + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8));
  }

  /** A bearer token for this account, which must be granted. */
  static String token(String username, String password) {
    Http.Res res = tokenRequest(username, password);
    assertEquals(200, res.status(), res.body());
    return object(res).getString("access_token");
  }

  /** A call with a bearer token (none when null) and a JSON body (none when null). */
  static Http.Res call(String method, String path, String token, String json) {
    String[] headers =
        token == null
            ? new String[] {"Accept", JSON}
            : new String[] {"Accept", JSON, "Authorization", "Bearer " + token};
    return ItBase.http().send(method, PREFIX + path, json == null ? null : JSON, json, headers);
  }

  static JsonObject object(Http.Res res) {
    return Json.createReader(new StringReader(res.body())).readObject();
  }

  static JsonArray array(Http.Res res) {
    return Json.createReader(new StringReader(res.body())).readArray();
  }

  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 12);
  }

  /**
   * Gives an account a known password and lets it sign in without changing it (the console's
   * one-time-password flow is shown once, in AdminApiIT); returns the password.
   */
  static String activate(String username) {
    String password = "known-password-" + UUID.randomUUID();
    assertEquals(
        1,
        ItBase.db()
            .update(
                "UPDATE admin_users SET password_hash = ?, must_change_password = FALSE WHERE"
                    + " username = ?",
                AdminConsoleIT.pbkdf2(password),
                username));
    return password;
  }

  /**
   * The rows a refused request must leave as they were (and one activity's columns), read in one
   * statement.
   */
  static String snapshot(long activityId) {
    StringBuilder sql = new StringBuilder("SELECT ''");
    for (String table :
        new String[] {
          "organizations",
          "creator_users",
          "admin_users",
          "admin_audit",
          "org_creator_lti",
          "org_email_domains"
        }) {
      sql.append(" || ' ")
          .append(table)
          .append("=' || (SELECT COUNT(*) FROM ")
          .append(table)
          .append(")");
    }
    sql.append(
        " || ' enabled-admins=' || (SELECT COUNT(*) FROM admin_users WHERE enabled = TRUE)"
            + " || ' org-admins=' || (SELECT COUNT(*) FROM admin_users WHERE role = 'org-admin')"
            + " || ' enabled-creators=' || (SELECT COUNT(*) FROM creator_users WHERE enabled ="
            + " TRUE)"
            + " || ' self-service=' || (SELECT COUNT(*) FROM organizations WHERE"
            + " self_service_enabled = TRUE)"
            + " || ' enabled-orgs=' || (SELECT COUNT(*) FROM organizations WHERE enabled = TRUE)"
            + " || ' models=' || (SELECT COALESCE(STRING_AGG(COALESCE(model_base_url, '') || ':'"
            + " || COALESCE(model_api_key_enc, '') || ':' || COALESCE(CAST(model_max_concurrent"
            + " AS VARCHAR(10)), ''), ',' ORDER BY id), '') FROM organizations)"
            + " || ' org-names=' || (SELECT COALESCE(SUM(LENGTH(name)), 0) FROM organizations)"
            + " || ' lti-keys=' || (SELECT COALESCE(STRING_AGG(consumer_key || ':' ||"
            + " consumer_secret_enc || ':' || CAST(enabled AS VARCHAR(5)), ',' ORDER BY"
            + " organization_id), '') FROM org_creator_lti)"
            + " || ' activity=' || (SELECT activity_name || '|' || status || '|' || owner_email"
            + " || '|' || CAST(owner_creator_user_id AS VARCHAR(20)) || '|' || CAST(updated_at AS"
            + " VARCHAR(40)) FROM lti_activities WHERE id = ?)");
    return ItBase.db().string(sql.toString(), activityId);
  }
}
