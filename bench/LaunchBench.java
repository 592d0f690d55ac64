import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.ltibridge.testsupport.Rfc5849Signer;

/**
 * LTI 1.1 launch benchmark against a running LTI Bridge (see bench/run.sh).
 *
 * <p>Each request is a complete, freshly signed Unified LTI launch (new nonce, current timestamp)
 * answered with the 303 to the student's page: OAuth verification, nonce storage, activity and
 * identity lookup, access recording and a page token. Phases: returning students (identities
 * exist), first-time students (each launch creates an identity), and a long run of returning
 * launches reported per window to show whether throughput decays as nonces accumulate.
 *
 * <p>The JIT needs tens of thousands of launches on 2 cores before the figures settle, hence the
 * long unreported warm-up.
 *
 * <p>Usage: java LaunchBench BASE_URL KEY SECRET CLIENTS RETURNING FIRST_TIME LONG_RUN
 */
public class LaunchBench {

  // HTTP/1.1, as a reverse proxy or a browser over TLS reaches the application. The JDK client
  // would otherwise upgrade to cleartext HTTP/2 (h2c), where Payara's Grizzly keeps every stream
  // of a connection alive: 60,000 Http2Stream objects after 50,000 launches, and a sagging run.
  static HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  static String base;
  static Rfc5849Signer signer;
  static final String GUID = "bench-" + UUID.randomUUID();

  /**
   * The launch URL: the Unified link by default; {@code -Dlaunch.path=lamb/v1/lti_users/lti} for a
   * legacy single-assistant link (then the key is the assistant's, and its first launch records
   * the placement: nothing to configure).
   */
  static final String PATH = System.getProperty("launch.path", "lamb/v1/lti/launch");

  static final boolean LEGACY = PATH.contains("lti_users");

  public static void main(String[] args) throws Exception {
    base = args[0].endsWith("/") ? args[0] : args[0] + "/";
    signer = new Rfc5849Signer(args[1], args[2], Rfc5849Signer.Method.HMAC_SHA1);
    int clients = Integer.parseInt(args[3]);
    int returning = Integer.parseInt(args[4]);
    int firstTime = Integer.parseInt(args[5]);
    int longRun = Integer.parseInt(args[6]);
    String presignDir = args.length > 7 ? args[7] : null;

    String placement = "bench-" + UUID.randomUUID();
    if (!LEGACY) {
      configure(placement);
    }
    List<String> students = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      students.add("student-" + i + "-" + UUID.randomUUID().toString().substring(0, 6));
    }
    // Create the identities and warm the JIT.
    run("warm-up", clients, 30000, i -> students.get(i % students.size()), placement, false);

    if (presignDir != null) {
      presign(presignDir, returning, i -> students.get(i % students.size()), placement);
      return;
    }
    run("returning students", clients, returning, i -> students.get(i % students.size()), placement, true);
    run("first-time students", clients, firstTime, i -> "new-" + UUID.randomUUID(), placement, true);

    if (longRun > 0) {
      System.out.printf("%nlong run: %,d consecutive returning-student launches, %d clients%n", longRun, clients);
      int window = Math.max(longRun / 10, 1);
      for (int done = 0; done < longRun; done += window) {
        run(
            String.format("  launches %,7d-%,7d", done + 1, done + window),
            clients,
            window,
            i -> students.get(i % students.size()),
            placement,
            true);
      }
    }
  }

  /**
   * Writes {@code total} signed returning-student launches, one form body per line, split over two
   * files (one per wrk thread), for a load generator that sends them without signing on the fly.
   */
  static void presign(String dir, int total, Who who, String placement) throws Exception {
    try (var a = java.nio.file.Files.newBufferedWriter(java.nio.file.Path.of(dir, "bodies-1.txt"));
        var b = java.nio.file.Files.newBufferedWriter(java.nio.file.Path.of(dir, "bodies-2.txt"))) {
      for (int i = 0; i < total; i++) {
        (i % 2 == 0 ? a : b).write(launchBody(who.user(i), placement, "Learner") + "\n");
      }
    }
  }

  interface Who {
    String user(int i);
  }

  static void run(String label, int clients, int total, Who who, String placement, boolean print)
      throws Exception {
    long[] latencies = new long[total];
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
                  String body = launchBody(who.user(i), placement, "Learner");
                  long t0 = System.nanoTime();
                  int status = post(body);
                  latencies[i] = System.nanoTime() - t0;
                  if (status != 303) {
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
    if (print) {
      System.out.printf(
          "%-28s %,8d launches  %,8.0f launches/s  p50 %6.2f ms  p99 %6.2f ms  max %7.2f ms  errors %d%n",
          label,
          total,
          total / seconds,
          latencies[total / 2] / 1e6,
          latencies[(int) (total * 0.99)] / 1e6,
          latencies[total - 1] / 1e6,
          errors.get());
    }
    if (errors.get() > 0 && print) {
      throw new IllegalStateException(errors.get() + " launches were not answered with 303");
    }
  }

  static String launchBody(String user, String placement, String roles) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("lti_message_type", "basic-lti-launch-request");
    p.put("lti_version", "LTI-1p0");
    p.put("resource_link_id", placement);
    p.put("context_id", "bench-course");
    p.put("context_title", "Benchmark 101");
    p.put("user_id", user);
    p.put("ext_user_username", user);
    p.put("roles", roles);
    p.put("lis_person_name_full", "Bench " + user);
    p.put("lis_person_contact_email_primary",
        roles.equals("Instructor") ? "demo-instructor@example.edu" : user + "@example.edu");
    p.put("tool_consumer_instance_guid", GUID);
    return Rfc5849Signer.formBody(signer.sign("POST", base + PATH, p));
  }

  static int post(String body) throws Exception {
    return send(PATH, body).statusCode();
  }

  static HttpResponse<String> send(String path, String body) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The demo instructor configures the placement with the first published assistant. */
  static void configure(String placement) throws Exception {
    HttpResponse<String> launch = send("lamb/v1/lti/launch", launchBody("bench-teacher", placement, "Instructor"));
    String location = launch.headers().firstValue("Location").orElseThrow(
        () -> new IllegalStateException("instructor launch: " + launch.statusCode() + " " + launch.body()));
    String token = location.substring(location.indexOf("token=") + 6);
    String setup = client.send(HttpRequest.newBuilder(URI.create(location)).build(), HttpResponse.BodyHandlers.ofString()).body();
    int at = setup.indexOf("name=\"assistant_ids\" value=\"");
    String assistant = setup.substring(at + 28, setup.indexOf('"', at + 28));
    HttpResponse<String> done =
        send(
            "lamb/v1/lti/configure",
            "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8) + "&assistant_ids=" + assistant);
    if (done.statusCode() != 303) {
      throw new IllegalStateException("configure: " + done.statusCode() + " " + done.body());
    }
  }
}
