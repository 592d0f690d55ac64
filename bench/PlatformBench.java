import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Platform-role benchmark against a running LTI Bridge (see bench/platform.sh).
 *
 * <p>Set-up straight in the database (a tool with the bench's public key, a course of MEMBERS
 * enrolled learners placed in it), then over HTTP like a tool: one access token from /lti/token
 * (RFC 7523 assertion), one line item, then SCORES score posts for many learners on that line
 * item from CLIENTS concurrent posters (every score a new, later timestamp: each one is written
 * and moves an enrolment); then PAGES requests for one NRPS page of 1,000 members.
 *
 * <p>Usage: java PlatformBench BASE_URL JDBC_URL CLIENTS SCORES MEMBERS PAGES [WRK_DIR]; with
 * WRK_DIR it only sets up and writes the access token and the scores path there for wrk.
 */
public class PlatformBench {

  static final String SCOPES =
      "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem"
          + " https://purl.imsglobal.org/spec/lti-ags/scope/score"
          + " https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly";

  // HTTP/1.1 as behind a reverse proxy (see LaunchBench for why not h2c).
  static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  public static void main(String[] args) throws Exception {
    String base = args[0].endsWith("/") ? args[0] : args[0] + "/";
    String jdbc = args[1];
    int clients = Integer.parseInt(args[2]);
    int scores = Integer.parseInt(args[3]);
    int members = Integer.parseInt(args[4]);
    int pages = Integer.parseInt(args[5]);

    RSAKey key = new RSAKeyGenerator(2048).keyID("bench").generate();
    String clientId = "bench-" + UUID.randomUUID();
    String context = "bench-ctx";
    String[] userIds;
    try (Connection c = DriverManager.getConnection(jdbc, "postgres", "postgres")) {
      userIds = setUp(c, key, clientId, context, members);
    }
    System.out.printf("set-up: course of %,d enrolled learners%n", members);

    String token = token(base, key, clientId);
    String lineItems = base + "api/v1/lti/ags/contexts/" + context + "/lineitems";
    HttpResponse<String> created =
        CLIENT.send(
            HttpRequest.newBuilder(URI.create(lineItems))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/vnd.ims.lis.v2.lineitem+json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"label\":\"Bench\",\"scoreMaximum\":100}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (created.statusCode() != 201) {
      throw new IllegalStateException("line item: " + created.statusCode() + " " + created.body());
    }
    String item = created.headers().firstValue("Location").orElseThrow();
    URI scoresUri = URI.create(item + "/scores");
    if (args.length > 6) {
      // DRIVER=wrk: wrk posts the scores (bench/scores.lua); hand it the token and the path.
      java.nio.file.Path dir = java.nio.file.Path.of(args[6]);
      java.nio.file.Files.writeString(dir.resolve("token"), token);
      java.nio.file.Files.writeString(dir.resolve("scores-path"), scoresUri.getPath());
      return;
    }
    Instant t0 = Instant.now().minusSeconds(86_400);

    IntFunction<HttpRequest> score =
        i -> {
          String body =
              "{\"userId\":\""
                  + userIds[i % userIds.length]
                  + "\",\"scoreGiven\":"
                  + (i % 101)
                  + ",\"scoreMaximum\":100,\"activityProgress\":\"Completed\","
                  + "\"gradingProgress\":\"FullyGraded\",\"timestamp\":\""
                  + t0.plusMillis(i)
                  + "\"}";
          return HttpRequest.newBuilder(scoresUri)
              .header("Authorization", "Bearer " + token)
              .header("Content-Type", "application/vnd.ims.lis.v1.score+json")
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build();
        };
    int warm = Math.min(scores, 20_000);
    run("warm-up scores", clients, warm, score, 200, false);
    // Later timestamps than the warm-up: every measured score is written.
    int offset = warm;
    run("scores (one line item, many learners)", clients, scores, i -> score.apply(offset + i), 200, true);

    URI page = URI.create(base + "api/v1/lti/nrps/contexts/" + context + "/memberships?limit=1000");
    IntFunction<HttpRequest> nrps =
        i ->
            HttpRequest.newBuilder(page)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/vnd.ims.lti-nrps.v2.membershipcontainer+json")
                .GET()
                .build();
    run("warm-up NRPS pages", 2, Math.min(pages, 200), nrps, 200, false);
    run("NRPS page of 1,000 members (1 client)", 1, pages, nrps, 200, true);
    run("NRPS page of 1,000 members (" + clients + " clients)", clients, pages, nrps, 200, true);
  }

  static String[] setUp(Connection c, RSAKey key, String clientId, String context, int members)
      throws Exception {
    String pem =
        "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getMimeEncoder().encodeToString(key.toRSAPublicKey().getEncoded())
            + "\n-----END PUBLIC KEY-----";
    c.createStatement()
        .execute(
            "INSERT INTO courses (code, title, passing_marks, self_enrol, created_at) VALUES"
                + " ('bench', 'Bench course', 50, FALSE, now())");
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO lti_tools (name, client_id, login_url, launch_url, redirect_uris,"
                + " public_key_pem, scopes, active, created_at, updated_at) VALUES ('Bench tool', ?,"
                + " 'https://tool.example/login', 'https://tool.example/launch',"
                + " 'https://tool.example/launch', ?, ?, TRUE, now(), now())")) {
      s.setString(1, clientId);
      s.setString(2, pem);
      s.setString(3, SCOPES);
      s.executeUpdate();
    }
    c.createStatement()
        .execute(
            "INSERT INTO lti_deployments (tool_id, deployment_id, name, created_at) SELECT id,"
                + " 'bench-deployment', 'Bench', now() FROM lti_tools WHERE name = 'Bench tool'");
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO lti_course_configs (course_id, tool_id, deployment_ref, context_id,"
                + " resource_link_id, auto_sync_grades, active, created_at, updated_at) SELECT"
                + " c.id, t.id, d.id, ?, 'bench-link', TRUE, TRUE, now(), now() FROM courses c,"
                + " lti_tools t JOIN lti_deployments d ON d.tool_id = t.id WHERE c.code = 'bench'"
                + " AND t.name = 'Bench tool'")) {
      s.setString(1, context);
      s.executeUpdate();
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO learners (public_id, email, given_name, family_name, created_at) SELECT"
                + " 'user-bench-' || g, 'bench' || g || '@example.edu', 'Learner', 'No. ' || g,"
                + " now() FROM generate_series(1, ?) g")) {
      s.setInt(1, members);
      s.executeUpdate();
    }
    c.createStatement()
        .execute(
            "INSERT INTO enrolments (course_id, learner_id, role, status, progress, enrolled_at,"
                + " updated_at) SELECT c.id, l.id,"
                + " 'http://purl.imsglobal.org/vocab/lis/v2/membership#Learner', 'ENROLLED', 0,"
                + " now(), now() FROM courses c, learners l WHERE c.code = 'bench' AND l.email"
                + " LIKE 'bench%@example.edu'");
    c.createStatement().execute("ANALYZE");
    String[] ids = new String[members];
    try (ResultSet r =
        c.createStatement().executeQuery("SELECT public_id FROM learners ORDER BY id")) {
      int i = 0;
      while (r.next() && i < members) {
        ids[i++] = r.getString(1);
      }
    }
    return ids;
  }

  static String token(String base, RSAKey key, String clientId) throws Exception {
    Instant now = Instant.now();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
            new JWTClaimsSet.Builder()
                .issuer(clientId)
                .subject(clientId)
                .audience(base + "lti/token")
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(60)))
                .build());
    jwt.sign(new RSASSASigner(key));
    String form =
        "grant_type=client_credentials&client_assertion_type="
            + URLEncoder.encode(
                "urn:ietf:params:oauth:client-assertion-type:jwt-bearer", StandardCharsets.UTF_8)
            + "&client_assertion="
            + jwt.serialize()
            + "&scope="
            + URLEncoder.encode(SCOPES, StandardCharsets.UTF_8);
    HttpResponse<String> res =
        CLIENT.send(
            HttpRequest.newBuilder(URI.create(base + "lti/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (res.statusCode() != 200) {
      throw new IllegalStateException("token: " + res.statusCode() + " " + res.body());
    }
    String body = res.body();
    int i = body.indexOf("\"access_token\":\"") + 16;
    return body.substring(i, body.indexOf('"', i));
  }

  static void run(
      String name, int clients, int total, IntFunction<HttpRequest> request, int expected, boolean print)
      throws Exception {
    long[] latencies = new long[total];
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failures = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    long start = System.nanoTime();
    Future<?>[] futures = new Future<?>[clients];
    for (int c = 0; c < clients; c++) {
      futures[c] =
          pool.submit(
              () -> {
                for (int i; (i = next.getAndIncrement()) < total; ) {
                  long t = System.nanoTime();
                  try {
                    HttpResponse<String> r =
                        CLIENT.send(request.apply(i), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != expected && failures.getAndIncrement() < 3) {
                      System.err.println(name + ": HTTP " + r.statusCode() + " " + r.body());
                    }
                  } catch (Exception e) {
                    failures.incrementAndGet();
                  }
                  latencies[i] = System.nanoTime() - t;
                }
                return null;
              });
    }
    for (Future<?> f : futures) {
      f.get();
    }
    long elapsed = System.nanoTime() - start;
    pool.shutdown();
    if (!print) {
      return;
    }
    Arrays.sort(latencies);
    System.out.printf(
        "%-45s %,9d requests  %,8.0f/s  p50 %6.1f ms  p99 %6.1f ms  failures %d%n",
        name,
        total,
        total / (elapsed / 1e9),
        latencies[total / 2] / 1e6,
        latencies[(int) (total * 0.99)] / 1e6,
        failures.get());
  }
}
