package org.ltibridge.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on 127.0.0.1 that speaks the OpenAI chat-completions wire protocol, for tests
 * of code that talks to language models. Serves {@code POST /v1/chat/completions}, records every
 * request, and answers like OpenAI does: with a Server-Sent Events stream of {@code
 * chat.completion.chunk} objects (each flushed on its own) ending in {@code data: [DONE]} when the
 * request asks for {@code "stream": true}, otherwise with one {@code chat.completion} object. Once
 * given models ({@link #listModels}), it also serves {@code GET /v1/models} as OpenAI's "List
 * models" does; until then that answers 404, as a server without the route.
 *
 * <pre>{@code
 * try (FakeChatCompletionsServer server = FakeChatCompletionsServer.start()) {
 *   server.requireApiKey("sk-test").replyWith("Hello", ", world");
 *   ... point the client at server.baseUrl() ...
 *   assertEquals("gpt-test", server.lastRequest().body().getString("model"));
 * }
 * }</pre>
 *
 * <p>Configuration may be changed between requests; it applies to the requests that follow.
 */
public final class FakeChatCompletionsServer implements AutoCloseable {

  /** One request as it arrived. */
  public record RecordedRequest(
      String method, String path, Map<String, List<String>> headers, String rawBody) {

    /** The first value of a header, looked up case-insensitively. */
    public Optional<String> header(String name) {
      List<String> values = headers.get(name);
      return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The body parsed as a JSON object; fails the test if it is not one. */
    public JsonObject body() {
      return parseObject(rawBody)
          .orElseThrow(() -> new AssertionError("Request body is not a JSON object: " + rawBody));
    }
  }

  /** The path OpenAI serves chat completions under, below the host. */
  public static final String COMPLETIONS_PATH = "/v1/chat/completions";

  /** The path OpenAI lists models under, below the host. */
  public static final String MODELS_PATH = "/v1/models";

  /** The reply of a default server starts with this, followed by the last user message. */
  public static final String ECHO_PREFIX = "You said: ";

  static final String MSG_WRONG_KEY = "Incorrect API key provided";
  static final String MSG_NO_KEY =
      "You didn't provide an API key. You need to provide your API key in an Authorization header"
          + " using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).";
  static final String MSG_BAD_JSON = "We could not parse the JSON body of your request.";
  static final String MSG_NO_MODEL = "you must provide a model parameter";
  static final String MSG_NO_MESSAGES = "Missing required parameter: 'messages'.";
  static final String MSG_UNKNOWN_URL = "Unknown request URL: %s %s.";
  private static final Duration GATE_TIMEOUT = Duration.ofSeconds(10);

  private final HttpServer server;
  private final ExecutorService executor;
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger completionIds = new AtomicInteger();

  private volatile List<String> pieces;
  private volatile int failureStatus;
  private volatile String failureBody;
  private volatile String requiredApiKey;
  private volatile Duration chunkDelay = Duration.ZERO;
  private volatile boolean ignoreStreamFlag;
  private volatile String rawEventStream;
  private volatile CountDownLatch gate;
  private volatile List<String> models;
  private volatile Duration firstDelay = Duration.ZERO;
  private final AtomicInteger streamsOpen = new AtomicInteger();
  private final AtomicInteger mostStreamsOpen = new AtomicInteger();
  private final AtomicInteger streamsLeftByClient = new AtomicInteger();

  private FakeChatCompletionsServer() throws IOException {
    server =
        HttpServer.create(
            new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 0);
    // A thread per exchange, so that a slow stream does not hold up other requests.
    executor =
        Executors.newCachedThreadPool(
            task -> {
              Thread thread = new Thread(task, "fake-chat-completions");
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
  }

  /** Starts a server on 127.0.0.1 and a free port. */
  public static FakeChatCompletionsServer start() throws IOException {
    FakeChatCompletionsServer fake = new FakeChatCompletionsServer();
    fake.server.start();
    return fake;
  }

  /** The base URL to configure, e.g. {@code http://127.0.0.1:40123/v1} (no trailing slash). */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  /** {@link #baseUrl()} as a URI. */
  public URI baseUri() {
    return URI.create(baseUrl());
  }

  /**
   * Answers with these pieces, one chunk each, instead of echoing the last user message. An empty
   * array gives a reply without content chunks.
   */
  public FakeChatCompletionsServer replyWith(String... pieces) {
    this.pieces = List.of(pieces);
    return this;
  }

  /**
   * Answers every chat-completions request with this status and body ({@code Content-Type:
   * application/json}), e.g. {@code 429, {"error":{"message":"Rate limit reached",...}}}. A status
   * below 400 switches failing off again.
   */
  public FakeChatCompletionsServer failWith(int status, String openAiErrorJsonBody) {
    this.failureBody = openAiErrorJsonBody;
    this.failureStatus = status;
    return this;
  }

  /** Answers 401 like OpenAI unless the request carries {@code Authorization: Bearer <key>}. */
  public FakeChatCompletionsServer requireApiKey(String key) {
    this.requiredApiKey = key;
    return this;
  }

  /** Waits this long before each chunk after the first, so that tests can see streaming. */
  public FakeChatCompletionsServer chunkDelay(Duration delay) {
    this.chunkDelay = delay;
    return this;
  }

  /** Waits this long before the first chunk, as a model that takes time to think. */
  public FakeChatCompletionsServer firstDelay(Duration delay) {
    this.firstDelay = delay;
    return this;
  }

  /** Streamed replies being sent now. */
  public int streamsOpen() {
    return streamsOpen.get();
  }

  /** The most streamed replies that were being sent at once. */
  public int mostStreamsOpen() {
    return mostStreamsOpen.get();
  }

  /** Streamed replies whose client closed the connection before the end: a real cancellation. */
  public int streamsLeftByClient() {
    return streamsLeftByClient.get();
  }

  /** Answers with one {@code chat.completion} JSON object even when asked for a stream. */
  public FakeChatCompletionsServer ignoreStreamFlag() {
    this.ignoreStreamFlag = true;
    return this;
  }

  /**
   * Answers stream requests with this text verbatim, as {@code text/event-stream}, for tests of
   * broken or unusual streams. Null goes back to well-formed streams.
   */
  public FakeChatCompletionsServer streamRaw(String eventStream) {
    this.rawEventStream = eventStream;
    return this;
  }

  /**
   * After the first content chunk, waits until the gate opens before sending the rest; if it does
   * not open within 10 seconds, ends the stream without finishing it. A client that counts the gate
   * down when it receives the first piece thereby proves that it reads the stream as it arrives.
   * Null switches the gate off.
   */
  public FakeChatCompletionsServer holdAfterFirstPieceUntil(CountDownLatch gate) {
    this.gate = gate;
    return this;
  }

  /**
   * Serves {@code GET /v1/models} with these ids ({@code {"object":"list","data":[{"id":…,
   * "object":"model",…}]}}); null answers 404 again.
   */
  public FakeChatCompletionsServer listModels(String... ids) {
    this.models = ids == null ? null : List.of(ids);
    return this;
  }

  /** The chat-completions requests received so far, oldest first (no model-list requests). */
  public List<RecordedRequest> completions() {
    return requests.stream().filter(r -> COMPLETIONS_PATH.equals(r.path())).toList();
  }

  /** All requests received so far, oldest first. */
  public List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  /** The latest request; fails the test if there was none. */
  public RecordedRequest lastRequest() {
    if (requests.isEmpty()) {
      throw new AssertionError("The fake chat-completions server received no request");
    }
    return requests.get(requests.size() - 1);
  }

  /** Stops the server at once, breaking off any reply still being sent. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      String rawBody = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String path = exchange.getRequestURI().getPath();
      requests.add(
          new RecordedRequest(exchange.getRequestMethod(), path, headersOf(exchange), rawBody));
      List<String> listed = models;
      boolean listing =
          MODELS_PATH.equals(path) && "GET".equals(exchange.getRequestMethod()) && listed != null;
      if (!listing
          && (!COMPLETIONS_PATH.equals(path) || !"POST".equals(exchange.getRequestMethod()))) {
        sendError(
            exchange,
            404,
            String.format(MSG_UNKNOWN_URL, exchange.getRequestMethod(), path),
            "unknown_url");
        return;
      }
      String key = requiredApiKey;
      if (key != null) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || authorization.isBlank()) {
          sendError(exchange, 401, MSG_NO_KEY, null);
          return;
        }
        if (!authorization.equals("Bearer " + key)) {
          sendError(exchange, 401, MSG_WRONG_KEY, "invalid_api_key");
          return;
        }
      }
      if (listing) {
        sendModels(exchange, listed);
        return;
      }
      if (failureStatus >= 400) {
        sendJson(exchange, failureStatus, failureBody);
        return;
      }
      Optional<JsonObject> body = parseObject(rawBody);
      if (body.isEmpty()) {
        sendError(exchange, 400, MSG_BAD_JSON, null);
        return;
      }
      if (!(body.get().get("model") instanceof JsonString model)) {
        sendError(exchange, 400, MSG_NO_MODEL, null);
        return;
      }
      if (!(body.get().get("messages") instanceof JsonArray messages)) {
        sendError(exchange, 400, MSG_NO_MESSAGES, null);
        return;
      }
      List<String> reply = pieces != null ? pieces : echo(messages);
      boolean stream = body.get().get("stream") == JsonValue.TRUE && !ignoreStreamFlag;
      String id = "chatcmpl-" + completionIds.incrementAndGet();
      if (!stream) {
        sendCompletion(exchange, id, model.getString(), String.join("", reply));
      } else if (rawEventStream != null) {
        sendRawStream(exchange, rawEventStream);
      } else {
        mostStreamsOpen.accumulateAndGet(streamsOpen.incrementAndGet(), Math::max);
        try {
          sendStream(exchange, id, model.getString(), reply);
        } catch (IOException e) {
          streamsLeftByClient.incrementAndGet();
          throw e;
        } finally {
          streamsOpen.decrementAndGet();
        }
      }
    } catch (IOException e) {
      // The client went away (e.g. it timed out): nothing to answer any more.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      exchange.close();
    }
  }

  private void sendStream(HttpExchange exchange, String id, String model, List<String> reply)
      throws IOException, InterruptedException {
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
    exchange.getResponseHeaders().set("Cache-Control", "no-cache");
    exchange.sendResponseHeaders(200, 0); // 0: chunked
    OutputStream out = exchange.getResponseBody();
    long created = System.currentTimeMillis() / 1000;
    CountDownLatch currentGate = gate;

    writeEvent(
        out, chunk(id, created, model, Json.createObjectBuilder().add("role", "assistant"), false));
    Duration thinking = firstDelay;
    if (!thinking.isZero()) {
      // A model that thinks still sends nothing to see: SSE comments keep the connection alive
      // and let a client that left be noticed while waiting.
      long until = System.nanoTime() + thinking.toNanos();
      while (System.nanoTime() < until) {
        Thread.sleep(Math.min(100, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
        out.write(": thinking\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
    }
    for (int i = 0; i < reply.size(); i++) {
      pause();
      writeEvent(
          out,
          chunk(
              id, created, model, Json.createObjectBuilder().add("content", reply.get(i)), false));
      if (i == 0
          && currentGate != null
          && !currentGate.await(GATE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        return; // ends the body without finish_reason or [DONE]: a cut-off stream
      }
    }
    pause();
    writeEvent(out, chunk(id, created, model, Json.createObjectBuilder(), true));
    pause();
    writeData(out, "[DONE]");
  }

  private void sendRawStream(HttpExchange exchange, String eventStream) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
    exchange.sendResponseHeaders(200, 0);
    OutputStream out = exchange.getResponseBody();
    out.write(eventStream.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private void sendCompletion(HttpExchange exchange, String id, String model, String content)
      throws IOException {
    JsonObject completion =
        Json.createObjectBuilder()
            .add("id", id)
            .add("object", "chat.completion")
            .add("created", System.currentTimeMillis() / 1000)
            .add("model", model)
            .add(
                "choices",
                Json.createArrayBuilder()
                    .add(
                        Json.createObjectBuilder()
                            .add("index", 0)
                            .add(
                                "message",
                                Json.createObjectBuilder()
                                    .add("role", "assistant")
                                    .add("content", content))
                            .add("finish_reason", "stop")))
            .add(
                "usage",
                Json.createObjectBuilder()
                    .add("prompt_tokens", 1)
                    .add("completion_tokens", 1)
                    .add("total_tokens", 2))
            .build();
    sendJson(exchange, 200, completion.toString());
  }

  private static void sendModels(HttpExchange exchange, List<String> ids) throws IOException {
    var data = Json.createArrayBuilder();
    for (String id : ids) {
      data.add(
          Json.createObjectBuilder()
              .add("id", id)
              .add("object", "model")
              .add("created", 1_700_000_000L)
              .add("owned_by", "fake"));
    }
    sendJson(
        exchange,
        200,
        Json.createObjectBuilder().add("object", "list").add("data", data).build().toString());
  }

  private static JsonObject chunk(
      String id, long created, String model, JsonObjectBuilder delta, boolean last) {
    JsonObjectBuilder choice = Json.createObjectBuilder().add("index", 0).add("delta", delta);
    if (last) {
      choice.add("finish_reason", "stop");
    } else {
      choice.addNull("finish_reason");
    }
    return Json.createObjectBuilder()
        .add("id", id)
        .add("object", "chat.completion.chunk")
        .add("created", created)
        .add("model", model)
        .add("choices", Json.createArrayBuilder().add(choice))
        .build();
  }

  private static void writeEvent(OutputStream out, JsonObject chunk) throws IOException {
    writeData(out, chunk.toString());
  }

  // Flushed per event so that each goes out as its own HTTP chunk, as a real server streams.
  private static void writeData(OutputStream out, String data) throws IOException {
    out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private void pause() throws InterruptedException {
    Duration delay = chunkDelay;
    if (!delay.isZero()) {
      Thread.sleep(delay.toMillis());
    }
  }

  private static void sendError(HttpExchange exchange, int status, String message, String code)
      throws IOException {
    JsonObjectBuilder error =
        Json.createObjectBuilder().add("message", message).add("type", "invalid_request_error");
    error.addNull("param");
    if (code == null) {
      error.addNull("code");
    } else {
      error.add("code", code);
    }
    sendJson(exchange, status, Json.createObjectBuilder().add("error", error).build().toString());
  }

  private static void sendJson(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
  }

  /** The default reply: "You said: " and the last user message, a word per piece. */
  private static List<String> echo(JsonArray messages) {
    String last = "";
    for (JsonValue message : messages) {
      if (message instanceof JsonObject object
          && "user".equals(object.getString("role", null))
          && object.get("content") instanceof JsonString content) {
        last = content.getString();
      }
    }
    List<String> words = new ArrayList<>();
    for (String word : (ECHO_PREFIX + last).split("(?<= )")) {
      if (!word.isEmpty()) {
        words.add(word);
      }
    }
    return words;
  }

  private static Map<String, List<String>> headersOf(HttpExchange exchange) {
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
    return Collections.unmodifiableMap(headers);
  }

  private static Optional<JsonObject> parseObject(String text) {
    try (JsonReader reader = Json.createReader(new StringReader(text))) {
      return Optional.of(reader.readObject());
    } catch (JsonException | IllegalStateException e) {
      return Optional.empty();
    }
  }
}
