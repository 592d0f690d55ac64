package org.ltibridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.ltibridge.it.Lms.Person;
import org.ltibridge.system.control.SecretBox;
import org.ltibridge.testsupport.FakeChatCompletionsServer;
import org.ltibridge.testsupport.FakePlatform;

/**
 * Two instances of the WAR behind nginx, round-robin and without sticky sessions, on the test
 * database (issue #17, "Several instances"): nginx runs the example configuration of {@code
 * server-config/nginx/lti-bridge.conf} with the test's ports. Every request goes through nginx,
 * which picks an instance per request, so consecutive steps of one flow land on different
 * instances: LTI 1.1 and 1.3 launches, the chat's streamed reply, the console's sign-in and JSF
 * postbacks, a key rotation, the platform's token, AGS score and NRPS roster, the sign-in throttle.
 * One instance is stopped in the middle and started again; the database then holds every visit,
 * message, score and organisation once, and a replayed launch is refused.
 *
 * <p>The instances know their public URL from nginx's {@code X-Forwarded-*} headers ({@code
 * LTI_BRIDGE_TRUSTED_PROXIES=127.0.0.1}, no {@code LTI_BRIDGE_PUBLIC_URL}), and share {@code
 * LTI_BRIDGE_FACES_STATE_KEY} and {@code LTI_BRIDGE_ENCRYPTION_KEY} (pom.xml, failsafe). Payara's
 * data grid is off (pre-boot command), as instances that share nothing but the database need.
 *
 * <p>nginx also ends TLS, as in the example, with a certificate the test makes ({@link
 * TestCertificate}): over HTTPS the instances build https:// URLs and accept an LTI 1.1 launch
 * signed over its https:// URL; the example's plain-HTTP server only redirects. The flows then go
 * over plain HTTP to the same server block (the test adds that listener), so that the test's
 * browser-like clients need no certificate.
 */
class ManyInstancesIT extends ItBase {

  static final String NGINX = "/usr/sbin/nginx";
  static final Path DIR = Path.of("target/many-instances");
  static final String EXAMPLE = "server-config/nginx/lti-bridge.conf";
  static final String ORGANIZATIONS = "/ui/admin/organizations.xhtml";
  static final String KEYS_PAGE = "/ui/admin/keys.xhtml";
  static final String TOKEN = "/api/v1/admin/token";
  static final String UPSTREAM = "X-Upstream";

  /** Which instance answered each request (nginx's {@code $upstream_addr}). */
  final Set<String> upstreams = new TreeSet<>();

  @Test
  void twoInstancesBehindNginxShareEverythingThroughARestart() throws Exception {
    assertTrue(
        Files.isExecutable(Path.of(NGINX)),
        "nginx is not installed: apt-get install -y nginx (as .ci/run does)");
    Files.createDirectories(DIR);
    // The production pre-boot commands: the data grid off, as instances that share nothing but
    // the database need.
    Path preBoot = Path.of("server-config/pre-boot-commands.asadmin");
    int nginxPort = freePort();
    URI lb = URI.create("http://127.0.0.1:" + nginxPort + "/");
    try (PayaraProcess a = instance(lb, preBoot, "a");
        PayaraProcess b = instance(lb, preBoot, "b");
        FakeChatCompletionsServer model = FakeChatCompletionsServer.start();
        FakePlatform platform = FakePlatform.start();
        FakeTool tool = new FakeTool()) {
      CompletableFuture<PayaraProcess> startingB = CompletableFuture.supplyAsync(() -> start(b));
      a.start();
      startingB.get(240, TimeUnit.SECONDS);
      try (Nginx nginx = Nginx.start(nginxPort, a.port(), b.port())) {
        overTls(nginx);
        flows(lb, a, b, model, platform, tool);
      }
    }
  }

  /**
   * The example's TLS server: nginx ends TLS with a certificate made for the test and tells the
   * instances "https" and its port in X-Forwarded-*, so the URLs they build are https:// ones and
   * an LTI 1.1 signature made over the https:// URL verifies; plain HTTP is only redirected.
   */
  private void overTls(Nginx nginx) throws Exception {
    URI tls = URI.create("https://127.0.0.1:" + nginx.tlsPort() + "/");
    Http https = new Http(tls, Http.client(nginx.trust()));

    Http.Res config = seen(https.get("/lti13/config.json"));
    assertEquals(200, config.status(), config.body());
    assertTrue(
        config.body().contains("\"oidc_initiation_url\":\"" + tls + "lti13/login\""),
        config.body());
    assertTrue(config.body().contains("\"public_jwk_url\":\"" + tls + "lti/jwks\""));

    Lms lms = new Lms(tls, KEY, SECRET);
    Http.Res launch =
        seen(
            https.postForm(
                Lms.UNIFIED,
                Lms.body(lms.signed(lms.params(Person.student(), Lms.newPlacement()))),
                "Accept",
                "text/html"));
    assertTrue(launch.status() < 400, launch.status() + " " + launch.body());

    Http.Res redirected =
        new Http(URI.create("http://127.0.0.1:" + nginx.redirectPort() + "/")).get("/lti13/login");
    assertEquals(301, redirected.status());
    assertEquals("https://127.0.0.1/lti13/login", redirected.header("Location").orElse(""));
  }

  private void flows(
      URI lb,
      PayaraProcess a,
      PayaraProcess b,
      FakeChatCompletionsServer model,
      FakePlatform platform,
      FakeTool tool)
      throws Exception {
    Http via = new Http(lb);
    String suffix = UUID.randomUUID().toString().substring(0, 8);

    // --- Both instances up ----------------------------------------------------------------------
    // The console: sign-in, then JSF postbacks whose view state and view-scoped beans travel in
    // the page, each answered by whichever instance nginx picks.
    Browser admin = PlatformFixture.signedInAdmin(lb);
    Http.Res orgs = seen(admin.get(ORGANIZATIONS));
    assertTrue(orgs.body().contains("Create an organisation"), orgs.body());
    String slug = "many-" + suffix;
    Http.Res created =
        seen(
            admin.ajax(
                Browser.Form.in(orgs.body(), "newOrg")
                    .with("newOrg:slug", slug)
                    .with("newOrg:name", "Many " + suffix),
                "newOrg:create",
                "newOrg orgs"));
    assertTrue(created.body().contains("has been created"), created.body());
    Browser.Form createdForm = Browser.Form.in(orgs.body(), "newOrg").after(created);
    Http.Res second =
        seen(
            admin.ajax(
                createdForm
                    .with("newOrg:slug", slug + "-2")
                    .with("newOrg:name", "Many 2 " + suffix),
                "newOrg:create",
                "newOrg orgs"));
    assertTrue(second.body().contains("has been created"), second.body());
    Browser.Form beforeRestart = createdForm.after(second);

    // A key rotation, seen by both instances' key sets within their refresh.
    Http.Res keys = seen(admin.get(KEYS_PAGE));
    Http.Res rotated =
        seen(admin.ajax(Browser.Form.in(keys.body(), "keysForm"), "keysForm:rotate", "keysForm"));
    Matcher kid = Pattern.compile("Key (\\S+) is published").matcher(rotated.body());
    assertTrue(kid.find(), rotated.body());
    String newKid = kid.group(1);
    for (PayaraProcess instance : List.of(a, b)) {
      awaitPublished(instance.base(), newKid);
    }

    // LTI 1.1 to the chat: set up by an instructor, a student launches and chats.
    model.replyWith("Think about ", "Newton's ", "second law.");
    long org =
        db().organization(
                "many-chat-" + suffix,
                model.baseUrl(),
                SecretBox.withKey(ChatIT.TEST_KEY).encrypt("sk-test-123"));
    String instructor = "teacher-" + suffix + "@example.edu";
    db().creatorIn(org, instructor);
    long assistant = db().publishedAssistant(org, "Tutor " + suffix, "tutor-model", "Be brief.");
    Lms lms = new Lms(lb, KEY, SECRET);
    String placement11 = Lms.newPlacement();
    Http.Res setup = seen(lms.launch(Person.instructor(instructor), placement11));
    assertEquals(303, setup.status(), setup.body());
    Http.Res configured =
        seen(
            via.postForm(
                "/lamb/v1/lti/configure",
                "token=" + setup.locationToken() + "&assistant_ids=" + assistant));
    assertEquals(303, configured.status(), configured.body());
    Person student = Person.student();
    Map<String, String> firstLaunch = lms.signed(lms.params(student, placement11));
    String chatToken = chat(via, seen(via.postForm(Lms.UNIFIED, Lms.body(firstLaunch))));
    String firstMessage = "Why do things fall? " + suffix;
    assertDone(ChatIT.send(lb, chatToken, message(assistant, firstMessage)));

    // LTI 1.3: an instructor sets up, a learner launches; a second login starts now and its
    // launch arrives after the restart.
    Lms13 lms13 = new Lms13(platform).at(lb).register();
    String placement13 = "rl13-" + UUID.randomUUID();
    Http.Res setup13 = seen(lms13.instructor(placement13, UnifiedLaunchIT.DEMO_INSTRUCTOR));
    assertEquals(303, setup13.status(), setup13.body());
    Http.Res configured13 =
        seen(
            via.postForm(
                "/lamb/v1/lti/configure",
                "token="
                    + setup13.locationToken()
                    + "&assistant_ids="
                    + db().demoAssistant("Physics Tutor")));
    assertEquals(303, configured13.status(), configured13.body());
    Http.Res learner13 = seen(lms13.launch(placement13, "s13-a-" + suffix, Lms13.LEARNER, c -> c));
    assertEquals(303, learner13.status(), learner13.body());
    assertTrue(learner13.location().startsWith("/lamb/v1/lti/chat?token="), learner13.location());
    Lms13.Login pending = lms13.login();

    // The sign-in throttle: failures on both instances count towards one lockout.
    String locked = "many-throttled-" + suffix;
    for (int i = 0; i < 3; i++) {
      assertEquals(401, seen(via.postForm(TOKEN, RestartIT.signIn(locked, "wrong" + i))).status());
    }

    // The platform role, set up through the console (more postbacks).
    PlatformFixture fixture =
        new PlatformFixture(admin, tool).register(PlatformIT.ALL_SCOPES).course(true).place("{}");
    String ada = fixture.learner("Ada", true);

    assertEquals(2, upstreams.size(), "both instances answered before the restart: " + upstreams);

    // --- One instance stopped: nginx sends everything to the other ------------------------------
    b.stop();
    Http.Res replay = via.postForm(Lms.UNIFIED, Lms.body(firstLaunch), "Accept", "text/html");
    assertEquals(401, replay.status(), replay.body());
    assertTrue(replay.body().contains("already used"), replay.body());
    for (int i = 3; i < 5; i++) {
      assertEquals(401, via.postForm(TOKEN, RestartIT.signIn(locked, "wrong" + i)).status());
    }
    assertEquals(429, via.postForm(TOKEN, RestartIT.signIn(locked, "wrong5")).status());
    Http.Res stillSignedIn = admin.get(ORGANIZATIONS);
    assertTrue(stillSignedIn.body().contains("Many 2 " + suffix), stillSignedIn.body());

    // --- Started again (no request reaches it while it deploys) ---------------------------------
    b.start();
    upstreams.clear();
    // A postback of a page rendered before the restart: its view state opens on either instance.
    Http.Res third =
        seen(
            admin.ajax(
                beforeRestart
                    .with("newOrg:slug", slug + "-3")
                    .with("newOrg:name", "Many 3 " + suffix),
                "newOrg:create",
                "newOrg orgs"));
    assertTrue(third.body().contains("has been created"), third.body());
    Http.Res crossed =
        seen(
            lms13.launch(
                pending,
                platform.sign(
                    lms13.claims(pending, placement13, "s13-b-" + suffix, Lms13.LEARNER).build())));
    assertEquals(303, crossed.status(), crossed.body());
    String idToken =
        platform.sign(lms13.claims(pending, placement13, "s13-b-" + suffix, Lms13.LEARNER).build());
    assertEquals(401, seen(lms13.launch(pending, idToken)).status(), "a used login is refused");

    String secondToken = chat(via, seen(lms.launch(student, placement11)));
    assertNotEquals(chatToken, secondToken);
    String secondMessage = "And why does the moon not fall? " + suffix;
    assertDone(ChatIT.send(lb, secondToken, message(assistant, secondMessage)));
    assertEquals(429, seen(via.postForm(TOKEN, RestartIT.signIn(locked, "wrong6"))).status());

    // The platform: a learner launches the course (signed with the rotated key by now), the tool
    // gets a token, posts a score and reads the roster.
    Services services = platformLaunch(lb, fixture, ada, newKid);
    String token = platformToken(lb, tool, fixture.clientId);
    Http.Res item =
        seen(
            via.send(
                "POST",
                services.lineItems(),
                PlatformIT.LINEITEM,
                "{\"label\":\"Many " + suffix + "\",\"scoreMaximum\":100}",
                "Authorization",
                "Bearer " + token,
                "Accept",
                "application/json"));
    assertEquals(201, item.status(), item.body());
    String lineItem = PlatformIT.json(item.body()).getString("id");
    Http.Res scored =
        seen(
            via.send(
                "POST",
                lineItem + "/scores",
                PlatformIT.SCORE,
                PlatformIT.score(PlatformFixture.userId(ada), "85", "2026-01-20T10:30:00Z"),
                "Authorization",
                "Bearer " + token));
    assertEquals(200, scored.status(), scored.body());
    Http.Res roster =
        seen(
            via.get(
                services.memberships(),
                "Authorization",
                "Bearer " + token,
                "Accept",
                "application/vnd.ims.lti-nrps.v2.membershipcontainer+json"));
    assertEquals(200, roster.status(), roster.body());
    assertTrue(roster.body().contains(ada), roster.body());
    assertEquals(2, upstreams.size(), "both instances answered after the restart: " + upstreams);

    // --- The database: nothing lost, nothing twice ----------------------------------------------
    assertEquals(
        List.of(
            List.of("Many " + suffix), List.of("Many 2 " + suffix), List.of("Many 3 " + suffix)),
        db().rows(
                "SELECT name FROM organizations WHERE slug IN (?, ?, ?) ORDER BY slug",
                slug,
                slug + "-2",
                slug + "-3"));
    assertEquals(
        2,
        db().count(
                "SELECT u.access_count FROM lti_activity_users u JOIN lti_activities a ON a.id ="
                    + " u.activity_id WHERE a.resource_link_id = ? AND u.lms_user_id = ?",
                placement11,
                student.userId()),
        "both LTI 1.1 launches of the student, the replay not");
    assertEquals(
        2,
        db().count(
                "SELECT COUNT(*) FROM lti_activity_users u JOIN lti_activities a ON a.id ="
                    + " u.activity_id WHERE a.resource_link_id = ? AND u.access_count = 1",
                placement13),
        "each LTI 1.3 learner once");
    for (String text : List.of(firstMessage, secondMessage)) {
      assertEquals(
          1,
          db().count(
                  "SELECT COUNT(*) FROM chat_messages WHERE CAST(content AS VARCHAR(400)) = ?",
                  text),
          text);
    }
    assertEquals(
        "85.0000",
        db().string(
                "SELECT CAST(r.score_given AS VARCHAR(20)) FROM lti_results r JOIN learners l ON"
                    + " l.id = r.learner_id WHERE l.email = ?",
                ada));
    assertEquals(1, db().count("SELECT COUNT(*) FROM signing_keys WHERE kid = ?", newKid));
  }

  // --- the flows' steps -------------------------------------------------------------------------

  /** The chat token of a student's launch, after opening the chat page it leads to. */
  private String chat(Http via, Http.Res launch) {
    assertEquals(303, launch.status(), launch.body());
    assertTrue(launch.location().startsWith("/lamb/v1/lti/chat?token="), launch.location());
    Http.Res page = seen(via.follow(launch));
    assertEquals(200, page.status(), page.body());
    return launch.locationToken();
  }

  private static String message(long assistant, String content) {
    return "{\"assistantId\": " + assistant + ", \"content\": \"" + content + "\"}";
  }

  private static void assertDone(List<String> events) {
    assertFalse(events.isEmpty());
    assertTrue(events.get(events.size() - 1).startsWith("done:"), events.toString());
    assertTrue(String.join("", events).contains("Newton"), events.toString());
  }

  /** A learner launches the course; answers the service URLs of the id_token. */
  private Services platformLaunch(URI lb, PlatformFixture f, String email, String kid)
      throws Exception {
    Browser learner = PlatformFixture.signedInLearner(lb, email);
    Http.Res start =
        seen(learner.post("/lti/launch/" + f.deploymentId, Map.of("context_id", f.contextId)));
    assertEquals(303, start.status(), start.body());
    Map<String, String> login = PlatformFixture.query(start.header("Location").orElseThrow());
    assertEquals(lb.toString().replaceAll("/$", ""), login.get("iss"), "issuer from X-Forwarded-*");
    Http.Res auth =
        seen(
            new Http(lb)
                .get(
                    "/lti/authorize?scope=openid&response_type=id_token&response_mode=form_post"
                        + "&prompt=none&client_id="
                        + PlatformFixture.enc(f.clientId)
                        + "&redirect_uri="
                        + PlatformFixture.enc(f.tool.launchUrl())
                        + "&login_hint="
                        + PlatformFixture.enc(login.get("login_hint"))
                        + "&lti_message_hint="
                        + PlatformFixture.enc(login.get("lti_message_hint"))
                        + "&nonce="
                        + UUID.randomUUID()
                        + "&state="
                        + UUID.randomUUID()));
    assertEquals(200, auth.status(), auth.body());
    SignedJWT idToken = SignedJWT.parse(PlatformFixture.hidden(auth.body(), "id_token"));
    assertEquals(kid, idToken.getHeader().getKeyID(), "signed with the rotated key");
    var claims = idToken.getJWTClaimsSet();
    Map<String, Object> ags =
        claims.getJSONObjectClaim("https://purl.imsglobal.org/spec/lti-ags/claim/endpoint");
    Map<String, Object> nrps =
        claims.getJSONObjectClaim(
            "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice");
    return new Services(
        (String) ags.get("lineitems"), (String) nrps.get("context_memberships_url"));
  }

  /** The AGS and NRPS URLs a launch gives the tool. */
  record Services(String lineItems, String memberships) {}

  private String platformToken(URI lb, FakeTool tool, String clientId) {
    Http.Res res =
        seen(
            new Http(lb)
                .postForm(
                    "/lti/token",
                    "grant_type=client_credentials&client_assertion_type="
                        + PlatformFixture.enc(
                            "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                        + "&client_assertion="
                        + PlatformFixture.enc(
                            tool.assertion(
                                clientId, lb + "lti/token", UUID.randomUUID().toString()))
                        + "&scope="
                        + PlatformFixture.enc(PlatformIT.ALL_SCOPES)));
    assertEquals(200, res.status(), res.body());
    return PlatformIT.json(res.body()).getString("access_token");
  }

  /** Waits (at most 10 s, the key set's refresh is shorter) for an instance to publish a key. */
  private static void awaitPublished(URI instance, String kid) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      JWKSet published = JWKSet.parse(new Http(instance).get("/lti/jwks").body());
      if (published.getKeyByKeyId(kid) != null) {
        return;
      }
      assertTrue(System.nanoTime() < deadline, instance + " does not publish " + kid);
      Thread.sleep(250);
    }
  }

  /** Notes which instance answered. */
  private Http.Res seen(Http.Res res) {
    res.header(UPSTREAM).ifPresent(upstreams::add);
    return res;
  }

  // --- the processes
  // ------------------------------------------------------------------------------

  private static PayaraProcess instance(URI lb, Path preBoot, String name) throws IOException {
    return new PayaraProcess(lb)
        .preBoot(preBoot.toString())
        .log("target/it-many-" + name + ".log")
        // The public URL comes from nginx's X-Forwarded-* headers, believed from loopback only.
        .env("LTI_BRIDGE_PUBLIC_URL", null)
        .env("LTI_BRIDGE_TRUSTED_PROXIES", "127.0.0.1");
  }

  private static PayaraProcess start(PayaraProcess instance) {
    try {
      return instance.start();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** A free port other than {@code taken}. */
  static int freePortBut(int... taken) throws IOException {
    while (true) {
      int port = freePort();
      if (java.util.Arrays.stream(taken).noneMatch(t -> t == port)) {
        return port;
      }
    }
  }

  /**
   * nginx as the current user with the example site configuration, its ports replaced by the
   * test's, and its pid, logs and temporary files under target/. Adds the header that tells the
   * test which instance answered.
   */
  record Nginx(Process process, int tlsPort, int redirectPort, SSLContext trust)
      implements AutoCloseable {

    static Nginx start(int port, int first, int second) throws Exception {
      Path dir = DIR.toAbsolutePath();
      // A port the OS just gave back may be given again: nginx must not be asked to listen twice.
      int tlsPort = freePortBut(port, first, second);
      int redirectPort = freePortBut(port, first, second, tlsPort);
      TestCertificate certificate = TestCertificate.make(dir);
      String example = Files.readString(Path.of(EXAMPLE));
      String site = example;
      site = replaceOnce(site, "server 127.0.0.1:8080;", "server 127.0.0.1:" + first + ";");
      site = replaceOnce(site, "server 127.0.0.1:8081;", "server 127.0.0.1:" + second + ";");
      // The redirecting server on a port of its own; the TLS server also listens on plain HTTP,
      // for the flows below (X-Forwarded-Proto is nginx's $scheme, so they stay http://).
      site = replaceOnce(site, "listen 80;", "listen 127.0.0.1:" + redirectPort + ";");
      site =
          replaceOnce(
              site,
              "listen 443 ssl;",
              "listen 127.0.0.1:"
                  + tlsPort
                  + " ssl;\n    listen 127.0.0.1:"
                  + port
                  + ";\n    add_header "
                  + UPSTREAM
                  + " $upstream_addr always;");
      site =
          replaceOnce(
              site, "/etc/ssl/certs/lti-bridge.example.edu.pem", certificate.chain().toString());
      site =
          replaceOnce(
              site, "/etc/ssl/private/lti-bridge.example.edu.key", certificate.key().toString());
      Files.writeString(dir.resolve("lti-bridge.conf"), site);
      String temp = dir.resolve("temp").toString();
      Files.createDirectories(dir.resolve("temp"));
      String conf =
          String.join(
              "\n",
              // Workers as the current user: they write the temporary files under target/.
              "user " + System.getProperty("user.name") + ";",
              "worker_processes 1;",
              "pid " + dir.resolve("nginx.pid") + ";",
              "error_log " + dir.resolve("error.log") + " warn;",
              "events { worker_connections 256; }",
              "http {",
              "  access_log " + dir.resolve("access.log") + ";",
              "  client_body_temp_path " + temp + "/body;",
              "  proxy_temp_path " + temp + "/proxy;",
              "  fastcgi_temp_path " + temp + "/fastcgi;",
              "  uwsgi_temp_path " + temp + "/uwsgi;",
              "  scgi_temp_path " + temp + "/scgi;",
              "  include " + dir.resolve("lti-bridge.conf") + ";",
              "}",
              "");
      Path nginxConf = dir.resolve("nginx.conf");
      Files.writeString(nginxConf, conf);
      Process p =
          new ProcessBuilder(
                  NGINX,
                  "-p",
                  dir.toString(),
                  "-e",
                  dir.resolve("error.log").toString(),
                  "-c",
                  nginxConf.toString(),
                  "-g",
                  "daemon off;")
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("nginx.out").toFile())
              .start();
      for (int i = 0; i < 50; i++) {
        assertTrue(p.isAlive(), "nginx stopped: see " + dir.resolve("nginx.out"));
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
          return new Nginx(p, tlsPort, redirectPort, certificate.trust());
        } catch (IOException notYet) {
          Thread.sleep(100);
        }
      }
      p.destroy();
      throw new IllegalStateException("nginx did not listen on " + port);
    }

    private static String replaceOnce(String text, String what, String with) {
      assertTrue(
          text.indexOf(what) >= 0 && text.indexOf(what) == text.lastIndexOf(what),
          EXAMPLE + " does not contain '" + what + "' once");
      return text.replace(what, with);
    }

    @Override
    public void close() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }
}
