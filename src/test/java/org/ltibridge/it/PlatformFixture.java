package org.ltibridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sets up the platform role through the console as an admin would: a tool registered with the fake
 * tool's URLs and JWKS, a course placed in it, learners with passwords, enrolments.
 */
final class PlatformFixture {

  static final String ADMIN = "it-admin";
  static final String ADMIN_PASSWORD = "it-admin-password-1";
  static final String PASSWORD = "learner-password-123";
  static final String PLATFORM_PAGE = "/ui/admin/platform.xhtml";

  final String suffix = UUID.randomUUID().toString().substring(0, 8);
  final Browser admin;
  final FakeTool tool;
  String clientId;
  String deploymentId;
  long toolId;
  String courseCode;
  long courseId;
  String contextId;

  PlatformFixture(Browser admin, FakeTool tool) {
    this.admin = admin;
    this.tool = tool;
  }

  static Browser signedInAdmin() {
    return signedInAdmin(ItBase.base());
  }

  /** The same at {@code base} (a load balancer). */
  static Browser signedInAdmin(java.net.URI base) {
    Browser b = new Browser(base);
    Http.Res page = b.get("/ui/login.xhtml");
    Http.Res done =
        b.settle(
            b.submit(
                Browser.Form.in(page.body(), "login")
                    .with("login:username", ADMIN)
                    .with("login:password", ADMIN_PASSWORD),
                "login:signIn"));
    assertEquals(200, done.status(), done.body());
    return b;
  }

  Http.Res page() {
    Http.Res p = admin.get(PLATFORM_PAGE);
    assertEquals(200, p.status(), p.body());
    return p;
  }

  /** Submits one of the platform page's forms; returns the page that answers. */
  Http.Res submit(String form, Map<String, String> values) {
    Browser.Form f = Browser.Form.in(page().body(), form);
    for (Map.Entry<String, String> e : values.entrySet()) {
      f = f.withExtra(form + ":" + e.getKey(), e.getValue());
    }
    return admin.settle(admin.submit(f, form + ":save"));
  }

  PlatformFixture register(String scopes) {
    return register(scopes, "client-" + suffix, tool.loginUrl(), tool.launchUrl(), tool.jwksUrl());
  }

  PlatformFixture register(
      String scopes, String client, String loginUrl, String launchUrl, String jwksUrl) {
    Map<String, String> v = new LinkedHashMap<>();
    v.put("name", "IT Tool " + suffix);
    v.put("clientId", client);
    v.put("loginUrl", loginUrl);
    v.put("launchUrl", launchUrl);
    v.put("redirectUris", launchUrl);
    v.put("jwksUrl", jwksUrl);
    Browser.Form f = Browser.Form.in(page().body(), "register");
    Map<String, String> fields = new LinkedHashMap<>(f.fields());
    fields.keySet().removeIf(k -> k.startsWith("register:scopes"));
    Browser.Form form = new Browser.Form("register", f.action(), fields);
    for (Map.Entry<String, String> e : v.entrySet()) {
      form = form.withExtra("register:" + e.getKey(), e.getValue());
    }
    String body = encodeScopes(form, scopes);
    Http.Res res = admin.settle(admin.postEncoded(form.action(), body));
    assertTrue(res.body().contains("Registered IT Tool " + suffix), res.body());
    clientId = client;
    toolId = ItBase.db().count("SELECT id FROM lti_tools WHERE client_id = ?", clientId);
    deploymentId =
        ItBase.db().string("SELECT deployment_id FROM lti_deployments WHERE tool_id = ?", toolId);
    assertTrue(res.body().contains(deploymentId), "the console shows the deployment id");
    return this;
  }

  private static String encodeScopes(Browser.Form form, String scopes) {
    StringBuilder s = new StringBuilder();
    for (Map.Entry<String, String> e : form.fields().entrySet()) {
      s.append(enc(e.getKey())).append('=').append(enc(e.getValue())).append('&');
    }
    for (String scope : scopes.split(" ")) {
      s.append(enc("register:scopes")).append('=').append(enc(scope)).append('&');
    }
    return s.append(enc("register:save")).append('=').toString();
  }

  PlatformFixture course(boolean open) {
    courseCode = "it-course-" + suffix;
    Map<String, String> v = new LinkedHashMap<>();
    v.put("code", courseCode);
    v.put("title", "IT Course " + suffix);
    v.put("passing", "60");
    if (open) {
      v.put("open", "on");
    }
    Http.Res res = submit("course", v);
    assertTrue(res.body().contains("Created the course"), res.body());
    courseId = ItBase.db().count("SELECT id FROM courses WHERE code = ?", courseCode);
    return this;
  }

  PlatformFixture place(String customJson) {
    Map<String, String> v = new LinkedHashMap<>();
    v.put("tool", String.valueOf(toolId));
    v.put("course", String.valueOf(courseId));
    v.put("externalCourseId", "ext-" + suffix);
    v.put("contextId", "ctx-" + suffix);
    v.put("custom", customJson);
    v.put("autoSync", "on");
    Http.Res res = submit("place", v);
    assertTrue(res.body().contains("Placed IT Course"), res.body());
    contextId = "ctx-" + suffix;
    return this;
  }

  String learner(String name, boolean enrol) {
    String email = name.toLowerCase() + "-" + suffix + "@example.edu";
    Map<String, String> v = new LinkedHashMap<>();
    v.put("email", email);
    v.put("given", name);
    v.put("family", "Tester");
    v.put("password", PASSWORD);
    Http.Res res = submit("learner", v);
    assertTrue(res.body().contains("Created the learner"), res.body());
    if (enrol) {
      Http.Res e = submit("enrol", Map.of("course", String.valueOf(courseId), "email", email));
      assertTrue(e.body().contains("Enrolled"), e.body());
    }
    return email;
  }

  static String userId(String email) {
    return ItBase.db().string("SELECT public_id FROM learners WHERE email = ?", email);
  }

  static Browser signedInLearner(String email) {
    return signedInLearner(ItBase.base(), email);
  }

  /** The same at {@code base} (a load balancer). */
  static Browser signedInLearner(java.net.URI base, String email) {
    Browser b = new Browser(base);
    Http.Res page = b.get("/learn");
    assertEquals(303, page.status());
    Http.Res login = b.settle(page);
    Http.Res done =
        b.submit(
            Browser.Form.in(login.body(), "login")
                .with("login:username", email)
                .with("login:password", PASSWORD),
            "login:signIn");
    return b;
  }

  static Map<String, String> query(String location) {
    Map<String, String> q = new LinkedHashMap<>();
    String query = location.substring(location.indexOf('?') + 1);
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      q.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return q;
  }

  static String hidden(String html, String name) {
    Matcher m =
        Pattern.compile("name=\"" + Pattern.quote(name) + "\" value=\"([^\"]*)\"").matcher(html);
    return m.find() ? m.group(1).replace("&amp;", "&").replace("&quot;", "\"") : null;
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
