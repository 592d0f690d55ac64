import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * LTI 1.3 launch benchmark against a running LTI Bridge (see bench/run13.sh).
 *
 * <p>One "full launch" is what a browser does: GET /lti13/login (302 to the platform, binding
 * cookie), the platform signs an id_token for that login's nonce (RS256, here in this JVM, as the
 * LMS would), POST /lti13/launch with id_token, state and cookie (303), GET the landing page (the
 * student's chat). The platform's JWKS is served by this JVM; LTI Bridge fetches it once and keeps
 * it. Latency is measured over the three requests; the id_token signing (the platform's work) is
 * reported apart.
 *
 * <p>Usage: java Lti13LaunchBench BASE_URL CLIENTS WARMUP LAUNCHES SETUP_FILE
 * (SETUP_FILE receives "issuer client_id deployment_id" once the keyset is served, for run13.sh to
 * register the platform, and is deleted when the registration is done; SETUP_FILE.measuring and
 * SETUP_FILE.measured are created when the measured launches start and end, for run13.sh to take
 * the CPU figures of exactly those; the JVM stays until run13.sh deletes the latter).
 */
public class Lti13LaunchBench {

  static final String LTI = "https://purl.imsglobal.org/spec/lti/claim/";
  static HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  static String base;
  static String issuer;
  static final String CLIENT_ID = "bench-client";
  static final String DEPLOYMENT = "bench-deployment";
  static RSAKey key;
  static JWSSigner signer;

  public static void main(String[] args) throws Exception {
    base = args[0].endsWith("/") ? args[0] : args[0] + "/";
    int clients = Integer.parseInt(args[1]);
    int warmup = Integer.parseInt(args[2]);
    int launches = Integer.parseInt(args[3]);
    Path setupFile = Path.of(args[4]);

    key =
        new RSAKeyGenerator(2048)
            .keyUse(KeyUse.SIGNATURE)
            .algorithm(JWSAlgorithm.RS256)
            .keyID("bench-" + UUID.randomUUID())
            .generate();
    signer = new RSASSASigner(key);
    HttpServer platform = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    AtomicInteger jwksFetches = new AtomicInteger();
    platform.createContext(
        "/jwks",
        e -> {
          jwksFetches.incrementAndGet();
          byte[] b = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
          e.getResponseHeaders().set("Content-Type", "application/json");
          e.sendResponseHeaders(200, b.length);
          e.getResponseBody().write(b);
          e.close();
        });
    platform.start();
    issuer = "http://127.0.0.1:" + platform.getAddress().getPort();
    Files.writeString(setupFile, issuer + " " + CLIENT_ID + " " + DEPLOYMENT + "\n");
    while (Files.exists(setupFile)) {
      Thread.sleep(200); // run13.sh registers the platform, then deletes the file
    }

    String placement = "bench13-" + UUID.randomUUID();
    configure(placement);
    List<String> students = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      students.add("student-" + i + "-" + UUID.randomUUID().toString().substring(0, 6));
    }
    run("warm-up", clients, warmup, students, placement, false);
    Files.writeString(Path.of(setupFile + ".measuring"), "");
    run("full LTI 1.3 launches", clients, launches, students, placement, true);
    Path measured = Path.of(setupFile + ".measured");
    Files.writeString(measured, "");
    for (int i = 0; i < 100 && Files.exists(measured); i++) {
      Thread.sleep(100); // run13.sh reads this JVM's CPU time, then deletes the file
    }
    System.out.printf("platform keyset fetched %d time(s) in all%n", jwksFetches.get());
    platform.stop(0);
  }

  static void run(String label, int clients, int total, List<String> students, String placement, boolean print)
      throws Exception {
    long[] latencies = new long[total];
    long[] signing = new long[total];
    long[][] steps = new long[3][total];
    AtomicInteger next = new AtomicInteger();
    AtomicInteger errors = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    long start = System.nanoTime();
    List<Future<?>> futures = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      futures.add(
          pool.submit(
              () -> {
                for (int i; (i = next.getAndIncrement()) < total; ) {
                  long[] sign = new long[4];
                  long t0 = System.nanoTime();
                  boolean ok =
                      fullLaunch(students.get(i % students.size()), placement, "Learner", sign, "/lamb/v1/lti/chat");
                  latencies[i] = System.nanoTime() - t0 - sign[0];
                  signing[i] = sign[0];
                  for (int s = 0; s < 3; s++) {
                    steps[s][i] = sign[s + 1];
                  }
                  if (!ok) {
                    errors.incrementAndGet();
                  }
                }
                return null;
              }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    Arrays.sort(latencies);
    Arrays.sort(signing);
    for (long[] step : steps) {
      Arrays.sort(step);
    }
    if (print) {
      System.out.printf(
          "%-24s %,8d launches  %,8.0f launches/s  p50 %6.2f ms  p99 %6.2f ms  max %7.2f ms  errors %d"
              + "  (platform signing, not counted: p50 %.2f ms)%n",
          label,
          total,
          total / seconds,
          latencies[total / 2] / 1e6,
          latencies[(int) (total * 0.99)] / 1e6,
          latencies[total - 1] / 1e6,
          errors.get(),
          signing[total / 2] / 1e6);
      System.out.printf(
          "  per step p50/p99: login %.2f/%.2f ms, launch %.2f/%.2f ms, landing page %.2f/%.2f ms%n",
          steps[0][total / 2] / 1e6,
          steps[0][(int) (total * 0.99)] / 1e6,
          steps[1][total / 2] / 1e6,
          steps[1][(int) (total * 0.99)] / 1e6,
          steps[2][total / 2] / 1e6,
          steps[2][(int) (total * 0.99)] / 1e6);
    }
    if (errors.get() > 0 && print) {
      throw new IllegalStateException(errors.get() + " launches failed");
    }
  }

  /** Login, id_token, launch, landing page; true if each step answered as expected. */
  static boolean fullLaunch(String user, String placement, String role, long[] signNanos, String landing)
      throws Exception {
    String hint = UUID.randomUUID().toString();
    long l0 = System.nanoTime();
    HttpResponse<Void> login =
        client.send(
            HttpRequest.newBuilder(
                    URI.create(
                        base
                            + "lti13/login?iss="
                            + enc(issuer)
                            + "&login_hint="
                            + hint
                            + "&target_link_uri="
                            + enc(base + "lamb/v1/lti/launch")
                            + "&client_id="
                            + CLIENT_ID))
                .build(),
            HttpResponse.BodyHandlers.discarding());
    signNanos[1] = System.nanoTime() - l0;
    if (login.statusCode() != 302) {
      return false;
    }
    Map<String, String> auth = query(URI.create(login.headers().firstValue("Location").orElseThrow()));
    String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
    String cookie = setCookie.substring(0, setCookie.indexOf(';'));

    long s0 = System.nanoTime();
    String idToken = idToken(auth.get("nonce"), user, placement, role);
    signNanos[0] = System.nanoTime() - s0;

    long p0 = System.nanoTime();
    HttpResponse<String> launch =
        client.send(
            HttpRequest.newBuilder(URI.create(base + "lti13/launch"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", cookie)
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "id_token=" + idToken + "&state=" + enc(auth.get("state"))))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    signNanos[2] = System.nanoTime() - p0;
    if (launch.statusCode() != 303) {
      return false;
    }
    String location = launch.headers().firstValue("Location").orElseThrow();
    if (landing != null && !URI.create(location).getPath().equals(landing)) {
      return false;
    }
    long g0 = System.nanoTime();
    HttpResponse<String> page =
        client.send(HttpRequest.newBuilder(URI.create(location)).build(), HttpResponse.BodyHandlers.ofString());
    signNanos[3] = System.nanoTime() - g0;
    return page.statusCode() == 200;
  }

  static String idToken(String nonce, String user, String placement, String role) throws Exception {
    Date now = new Date();
    Map<String, Object> link = new HashMap<>();
    link.put("id", placement);
    JWTClaimsSet.Builder c =
        new JWTClaimsSet.Builder()
            .issuer(issuer)
            .audience(CLIENT_ID)
            .subject(user)
            .issueTime(now)
            .expirationTime(new Date(now.getTime() + 300_000))
            .claim("nonce", nonce)
            .claim("name", "Bench " + user)
            .claim(
                "email",
                role.equals("Instructor") ? "demo-instructor@example.edu" : user + "@example.edu")
            .claim(LTI + "message_type", "LtiResourceLinkRequest")
            .claim(LTI + "version", "1.3.0")
            .claim(LTI + "deployment_id", DEPLOYMENT)
            .claim(LTI + "target_link_uri", base + "lamb/v1/lti/launch")
            .claim(LTI + "resource_link", link)
            .claim(LTI + "roles", List.of("http://purl.imsglobal.org/vocab/lis/v2/membership#" + role))
            .claim(LTI + "context", Map.of("id", "bench-course", "title", "Benchmark 101"));
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
            c.build());
    jwt.sign(signer);
    return jwt.serialize();
  }

  /** The demo instructor configures the placement with the first published assistant. */
  static void configure(String placement) throws Exception {
    String hint = UUID.randomUUID().toString();
    HttpResponse<Void> login =
        client.send(
            HttpRequest.newBuilder(
                    URI.create(
                        base + "lti13/login?iss=" + enc(issuer) + "&login_hint=" + hint
                            + "&target_link_uri=" + enc(base + "lamb/v1/lti/launch") + "&client_id=" + CLIENT_ID))
                .build(),
            HttpResponse.BodyHandlers.discarding());
    if (login.statusCode() != 302) {
      throw new IllegalStateException("login: " + login.statusCode());
    }
    Map<String, String> auth = query(URI.create(login.headers().firstValue("Location").orElseThrow()));
    String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
    HttpResponse<String> launch =
        client.send(
            HttpRequest.newBuilder(URI.create(base + "lti13/launch"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", setCookie.substring(0, setCookie.indexOf(';')))
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "id_token=" + idToken(auth.get("nonce"), "bench-teacher", placement, "Instructor")
                            + "&state=" + enc(auth.get("state"))))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    String location = launch.headers().firstValue("Location").orElseThrow(
        () -> new IllegalStateException("instructor launch: " + launch.statusCode() + " " + launch.body()));
    String token = location.substring(location.indexOf("token=") + 6);
    String setup = client.send(HttpRequest.newBuilder(URI.create(location)).build(), HttpResponse.BodyHandlers.ofString()).body();
    int at = setup.indexOf("name=\"assistant_ids\" value=\"");
    String assistant = setup.substring(at + 28, setup.indexOf('"', at + 28));
    HttpResponse<String> done =
        client.send(
            HttpRequest.newBuilder(URI.create(base + "lamb/v1/lti/configure"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + enc(token) + "&assistant_ids=" + assistant))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (done.statusCode() != 303) {
      throw new IllegalStateException("configure: " + done.statusCode() + " " + done.body());
    }
  }

  static Map<String, String> query(URI uri) {
    Map<String, String> q = new HashMap<>();
    for (String pair : uri.getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      q.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return q;
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
