package org.ltibridge.chat.control;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import org.ltibridge.chat.control.ModelUnavailableException.Reason;
import org.ltibridge.system.control.Metrics;

/**
 * Client for an OpenAI-compatible {@code POST /chat/completions} endpoint (OpenAI, Ollama, vLLM,
 * llama.cpp, LiteLLM, ...). Asks for a streamed reply and hands each piece of text to the caller as
 * soon as it arrives, so that the browser can show the reply while it is being written.
 *
 * <p>Thread-safe: one shared {@link HttpClient} serves all organisations and all chats.
 */
@ApplicationScoped
public class ChatCompletionsClient {

  /**
   * Where and how to reach one model: an organisation's endpoint plus an assistant's model and
   * temperature (null: the endpoint's default, and none is sent).
   */
  public record ModelEndpoint(URI baseUrl, String apiKey, String model, Double temperature) {

    /** Checks the parts that must be there; a null or blank API key means "send none". */
    public ModelEndpoint {
      Objects.requireNonNull(baseUrl, "baseUrl");
      Objects.requireNonNull(model, "model");
    }

    /** With the endpoint's default temperature. */
    public ModelEndpoint(URI baseUrl, String apiKey, String model) {
      this(baseUrl, apiKey, model, null);
    }

    /** Leaves the API key out, so that logging an endpoint never leaks it. */
    @Override
    public String toString() {
      return "ModelEndpoint[baseUrl="
          + describeHost(baseUrl)
          + ", apiKey="
          + (apiKey == null || apiKey.isBlank() ? "none" : "***")
          + ", model="
          + model
          + ", temperature="
          + temperature
          + "]";
    }
  }

  /** One message of the conversation, as the chat-completions API takes it. */
  public record Turn(String role, String content) {

    /** Role of the assistant's instructions. */
    public static final String SYSTEM = "system";

    /** Role of what the student wrote. */
    public static final String USER = "user";

    /** Role of what the model answered earlier. */
    public static final String ASSISTANT = "assistant";

    /** Checks that both parts are there. */
    public Turn {
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(content, "content");
    }

    /** A system prompt. */
    public static Turn system(String content) {
      return new Turn(SYSTEM, content);
    }

    /** A student's message. */
    public static Turn user(String content) {
      return new Turn(USER, content);
    }

    /** An earlier reply of the model. */
    public static Turn assistant(String content) {
      return new Turn(ASSISTANT, content);
    }

    /** Leaves the content out, so that logging a turn never leaks what a student wrote. */
    @Override
    public String toString() {
      return "Turn[role=" + role + ", " + content.length() + " chars]";
    }
  }

  private static final Logger LOG = Logger.getLogger(ChatCompletionsClient.class.getName());

  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  static final Duration DEFAULT_REPLY_TIMEOUT = Duration.ofSeconds(120);

  private static final String COMPLETIONS_PATH = "chat/completions";
  private static final String MODELS_PATH = "models";
  private static final int MAX_MODELS_BYTES = 1 << 20;
  private static final String DONE = "[DONE]";
  private static final String EVENT_STREAM = "text/event-stream";

  // Limits that keep a broken or hostile server from filling the heap.
  private static final int MAX_LINE_BYTES = 1 << 20;
  private static final int MAX_JSON_REPLY_BYTES = 8 << 20;
  private static final int MAX_ERROR_BODY_BYTES = 64 << 10;
  private static final int MAX_REPLY_CHARS = 1 << 20;
  private static final int MAX_SERVER_MESSAGE_CHARS = 200;
  private static final int JSON_SNIFF_BYTES = 64;

  // Below this length, replacing the key in a message would garble the message more than it hides.
  private static final int MIN_KEY_LENGTH_TO_REDACT = 4;
  private static final String REDACTED = "[redacted]";
  private static final Pattern KEY_LIKE =
      Pattern.compile("(?i)(bearer\\s+\\S+|\\bsk-[A-Za-z0-9_*.\\-]{4,})");

  // Messages for the student; %s is filled with the detail or the host, never with secrets.
  static final String MSG_NO_ANSWER = "The assistant's language model did not answer (%s).";
  static final String MSG_BAD_BASE_URL =
      "The assistant's language model is not set up correctly (the base URL must be an absolute"
          + " http:// or https:// address: check the organisation settings).";
  static final String MSG_BAD_API_KEY =
      "The assistant's language model is not set up correctly (the API key contains characters"
          + " that are not allowed: check the organisation settings).";
  static final String MSG_SERVER_SAID = " The server said: \"%s\"";
  static final String DETAIL_REFUSED =
      "could not connect to %s: check the base URL in the organisation settings, or try again"
          + " later";
  static final String DETAIL_CONNECT_TIMEOUT =
      "no connection to %s within " + CONNECT_TIMEOUT.toSeconds() + " seconds: try again later";
  static final String DETAIL_TLS =
      "the secure connection to %s failed: check the base URL in the organisation settings";
  static final String DETAIL_BROKEN = "the connection to %s broke off: try again later";
  static final String DETAIL_TIMEOUT = "no complete reply within %d seconds: try again later";
  static final String DETAIL_CANCELLED = "the request was cancelled";
  static final String DETAIL_MALFORMED =
      "its reply was not in the chat-completions format: check the base URL in the organisation"
          + " settings";
  static final String DETAIL_TOO_LONG = "its reply was too long";
  static final String DETAIL_CUT_OFF = "the reply stopped before it was complete: try again later";
  static final String DETAIL_STREAM_ERROR = "it reported an error while replying";
  static final String DETAIL_HTTP = "HTTP %d: %s";
  static final String HINT_400 =
      "the request was refused, check the model name in the assistant settings";
  static final String HINT_401 = "check the API key in the organisation settings";
  static final String HINT_403 =
      "the API key may not use this model, check the organisation settings";
  static final String HINT_404 =
      "check the base URL in the organisation settings and the model name in the assistant"
          + " settings";
  static final String HINT_413 = "the conversation is too long, start a new one";
  static final String HINT_429 = "too many requests or the quota is used up, try again later";
  static final String HINT_5XX = "the model server has a problem, try again later";
  static final String HINT_3XX =
      "the server sent the request elsewhere, check the base URL in the organisation settings";
  static final String HINT_OTHER = "unexpected answer from the model server";

  /** From the request to the last piece of a complete reply. */
  private static final Timer REPLIES =
      Metrics.timer("ltibridge.model.reply", "Time for a model's complete reply");

  /** Replies that could not be had, by reason; every failure passes {@link #fail}. */
  private static final Map<Reason, Counter> FAILURES = new EnumMap<>(Reason.class);

  static {
    for (Reason r : Reason.values()) {
      FAILURES.put(
          r,
          Metrics.counter(
              "ltibridge.model.failures",
              "Model requests that gave no complete reply",
              "reason",
              r.name().toLowerCase(Locale.ROOT)));
    }
  }

  private final HttpClient http;
  private final Duration replyTimeout;
  private final JsonReaderFactory jsonReaders;
  private final JsonBuilderFactory jsonBuilders;

  // Closes a reply's body stream when its time is up: HttpRequest.timeout only covers the wait for
  // the response headers, not a stream that keeps trickling. The thread ends when idle, so nothing
  // lingers after undeploy.
  private final ScheduledThreadPoolExecutor deadlines;

  /** The client used by the application, with a 120-second limit for a whole reply. */
  public ChatCompletionsClient() {
    this(DEFAULT_REPLY_TIMEOUT);
  }

  /** For tests: a client with a shorter limit for a whole reply. */
  ChatCompletionsClient(Duration replyTimeout) {
    this.replyTimeout = Objects.requireNonNull(replyTimeout, "replyTimeout");
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .build();
    this.jsonReaders = Json.createReaderFactory(null);
    this.jsonBuilders = Json.createBuilderFactory(null);
    this.deadlines =
        new ScheduledThreadPoolExecutor(
            1,
            task -> {
              Thread thread = new Thread(task, "chat-completions-deadline");
              thread.setDaemon(true);
              return thread;
            });
    this.deadlines.setRemoveOnCancelPolicy(true);
    this.deadlines.setKeepAliveTime(30, TimeUnit.SECONDS);
    this.deadlines.allowCoreThreadTimeOut(true);
  }

  /**
   * Asks the model for the next reply of the conversation and streams it.
   *
   * <p>POSTs {@code {baseUrl}/chat/completions} with {@code {"model", "messages", "stream":true}}
   * and reads the Server-Sent Events reply as it arrives: each {@code choices[0].delta.content} is
   * passed to {@code onDelta} on the calling thread, in order, until {@code data: [DONE]}. A server
   * that ignores {@code stream:true} and answers with one JSON object is accepted too; its whole
   * reply is then passed to {@code onDelta} at once. If {@code onDelta} throws, the request is
   * abandoned and the exception propagates unchanged.
   *
   * @param endpoint where to send the request, with which key and model
   * @param turns the conversation so far, system prompt first, the student's new message last
   * @param onDelta receives each new piece of the reply (never empty)
   * @return the whole reply, the concatenation of all pieces
   * @throws ModelUnavailableException if no complete reply could be had within 120 seconds; its
   *     message is fit to show to the student
   */
  public String complete(ModelEndpoint endpoint, List<Turn> turns, Consumer<String> onDelta)
      throws ModelUnavailableException {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(turns, "turns");
    Objects.requireNonNull(onDelta, "onDelta");
    Secrets secrets = new Secrets(endpoint.apiKey());
    String host = describeHost(endpoint.baseUrl());
    HttpRequest request = buildRequest(endpoint, turns, secrets);
    long started = System.nanoTime();
    long deadline = started + replyTimeout.toNanos();
    LOG.fine(() -> "Asking " + host + " for a reply from model " + endpoint.model());

    HttpResponse<InputStream> response = send(request, host);
    InputStream body = response.body();
    AtomicBoolean timedOut = new AtomicBoolean();
    ScheduledFuture<?> watchdog =
        deadlines.schedule(
            () -> {
              timedOut.set(true);
              closeQuietly(body);
            },
            Math.max(0, deadline - System.nanoTime()),
            TimeUnit.NANOSECONDS);
    try {
      String reply = readReply(response, body, onDelta, secrets);
      REPLIES.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
      LOG.fine(() -> "Reply from " + host + " complete, " + reply.length() + " chars");
      return reply;
    } catch (IOException e) {
      throw fail(timedOut.get() ? timeout() : unavailable(Reason.UNREACHABLE, DETAIL_BROKEN, host));
    } catch (ModelUnavailableException e) {
      // Closing the stream at the deadline can look like an early end of the stream.
      throw fail(timedOut.get() ? timeout() : e);
    } finally {
      watchdog.cancel(false);
      closeQuietly(body);
    }
  }

  private HttpRequest buildRequest(ModelEndpoint endpoint, List<Turn> turns, Secrets secrets)
      throws ModelUnavailableException {
    JsonArrayBuilder messages = jsonBuilders.createArrayBuilder();
    for (Turn turn : turns) {
      messages.add(
          jsonBuilders
              .createObjectBuilder()
              .add("role", turn.role())
              .add("content", turn.content()));
    }
    JsonObjectBuilder body =
        jsonBuilders
            .createObjectBuilder()
            .add("model", endpoint.model())
            .add("messages", messages)
            .add("stream", true);
    if (endpoint.temperature() != null) {
      body.add("temperature", endpoint.temperature());
    }
    String json = body.build().toString();

    URI uri = completionsUri(endpoint.baseUrl());
    HttpRequest.Builder builder;
    try {
      builder = HttpRequest.newBuilder(uri);
    } catch (IllegalArgumentException e) {
      throw fail(new ModelUnavailableException(Reason.INVALID_SETTINGS, 0, MSG_BAD_BASE_URL, null));
    }
    builder
        .timeout(replyTimeout)
        .header("Content-Type", "application/json")
        .header("Accept", EVENT_STREAM)
        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    if (secrets.key != null) {
      // Checked here rather than by HttpRequest.Builder so that no exception message can carry it.
      if (!secrets.key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
        throw fail(
            new ModelUnavailableException(Reason.INVALID_SETTINGS, 0, MSG_BAD_API_KEY, null));
      }
      builder.header("Authorization", "Bearer " + secrets.key);
    }
    return builder.build();
  }

  /**
   * The ids of the models the endpoint offers, from OpenAI's {@code GET {baseUrl}/models} ({@code
   * {"data": [{"id": …}, …]}}, API reference "List models"); empty when it does not answer that
   * within {@code timeout} (no such route, down, refused, another format). Never throws.
   */
  public Optional<List<String>> models(URI baseUrl, String apiKey, Duration timeout) {
    Secrets secrets = new Secrets(apiKey);
    try {
      HttpRequest.Builder builder =
          HttpRequest.newBuilder(endpointUri(baseUrl, MODELS_PATH))
              .timeout(timeout)
              .header("Accept", "application/json")
              .GET();
      if (secrets.key != null && secrets.key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
        builder.header("Authorization", "Bearer " + secrets.key);
      }
      // The whole exchange within the timeout: HttpRequest.timeout covers neither connecting nor
      // reading the body.
      long deadline = System.nanoTime() + timeout.toNanos();
      CompletableFuture<HttpResponse<InputStream>> sent =
          http.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
      HttpResponse<InputStream> response;
      try {
        response = sent.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        sent.cancel(true);
        throw e;
      }
      InputStream body = response.body();
      ScheduledFuture<?> watchdog =
          deadlines.schedule(
              () -> closeQuietly(body),
              Math.max(0, deadline - System.nanoTime()),
              TimeUnit.NANOSECONDS);
      try (body) {
        if (response.statusCode() != 200) {
          return Optional.empty();
        }
        byte[] bytes = readAtMost(body, MAX_MODELS_BYTES + 1);
        return bytes.length > MAX_MODELS_BYTES
            ? Optional.empty()
            : parseObject(new String(bytes, StandardCharsets.UTF_8)).flatMap(this::modelIds);
      } finally {
        watchdog.cancel(false);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (IllegalArgumentException | ExecutionException | TimeoutException | IOException e) {
      LOG.fine(() -> "No model list from " + describeHost(baseUrl) + ": " + e);
      return Optional.empty();
    }
  }

  private Optional<List<String>> modelIds(JsonObject root) {
    if (!(root.get("data") instanceof JsonArray data)) {
      return Optional.empty();
    }
    List<String> ids = new java.util.ArrayList<>();
    for (JsonValue model : data) {
      if (!(model instanceof JsonObject object && object.get("id") instanceof JsonString id)) {
        return Optional.empty();
      }
      ids.add(id.getString());
    }
    return Optional.of(List.copyOf(ids));
  }

  /** {@code {baseUrl}/chat/completions}: see {@link #endpointUri}. */
  static URI completionsUri(URI baseUrl) {
    return endpointUri(baseUrl, COMPLETIONS_PATH);
  }

  /**
   * {@code {baseUrl}/{path}}, with exactly one slash in between whether or not the base URL ends
   * with one. Query and fragment of the base URL are dropped: they have no place there.
   */
  static URI endpointUri(URI baseUrl, String path) {
    String base = baseUrl.toString();
    int cut = base.length();
    int query = base.indexOf('?');
    if (query >= 0) {
      cut = query;
    }
    int fragment = base.indexOf('#');
    if (fragment >= 0 && fragment < cut) {
      cut = fragment;
    }
    base = base.substring(0, cut);
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return URI.create(base + "/" + path);
  }

  private HttpResponse<InputStream> send(HttpRequest request, String host)
      throws ModelUnavailableException {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpConnectTimeoutException e) {
      throw fail(unavailable(Reason.UNREACHABLE, DETAIL_CONNECT_TIMEOUT, host, e));
    } catch (HttpTimeoutException e) {
      throw fail(timeout());
    } catch (ConnectException e) {
      throw fail(unavailable(Reason.UNREACHABLE, DETAIL_REFUSED, host, e));
    } catch (SSLException e) {
      throw fail(unavailable(Reason.UNREACHABLE, DETAIL_TLS, host, e));
    } catch (IOException e) {
      throw fail(unavailable(Reason.UNREACHABLE, DETAIL_BROKEN, host, e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw fail(
          new ModelUnavailableException(
              Reason.CANCELLED, 0, String.format(MSG_NO_ANSWER, DETAIL_CANCELLED), null));
    }
  }

  private String readReply(
      HttpResponse<InputStream> response,
      InputStream body,
      Consumer<String> onDelta,
      Secrets secrets)
      throws IOException, ModelUnavailableException {
    int status = response.statusCode();
    if (status < 200 || status > 299) {
      throw httpError(status, readAtMost(body, MAX_ERROR_BODY_BYTES), secrets);
    }
    String contentType =
        response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
    BufferedInputStream in = new BufferedInputStream(body);
    boolean json;
    if (contentType.contains("json")) {
      json = true;
    } else if (contentType.startsWith(EVENT_STREAM)) {
      json = false;
    } else {
      // No or an odd Content-Type (some proxies strip it): look at what the body starts with.
      json = startsWithBrace(in);
    }
    return json ? readJsonReply(in, onDelta, secrets) : readEventStream(in, onDelta, secrets);
  }

  private String readJsonReply(InputStream in, Consumer<String> onDelta, Secrets secrets)
      throws IOException, ModelUnavailableException {
    byte[] bytes = readAtMost(in, MAX_JSON_REPLY_BYTES + 1);
    if (bytes.length > MAX_JSON_REPLY_BYTES) {
      throw noAnswer(Reason.MALFORMED_REPLY, DETAIL_TOO_LONG);
    }
    JsonObject root =
        parseObject(new String(bytes, StandardCharsets.UTF_8))
            .orElseThrow(() -> noAnswer(Reason.MALFORMED_REPLY, DETAIL_MALFORMED));
    throwIfError(root, secrets);
    JsonObject message =
        firstChoice(root)
            .flatMap(choice -> object(choice, "message"))
            .orElseThrow(() -> noAnswer(Reason.MALFORMED_REPLY, DETAIL_MALFORMED));
    String content = string(message, "content").orElse("");
    if (content.length() > MAX_REPLY_CHARS) {
      throw noAnswer(Reason.MALFORMED_REPLY, DETAIL_TOO_LONG);
    }
    if (!content.isEmpty()) {
      onDelta.accept(content);
    }
    return content;
  }

  /**
   * Reads Server-Sent Events as they arrive. Follows the SSE rules that matter here: events end at
   * a blank line, several {@code data:} lines of one event are joined with newlines, lines starting
   * with ':' are comments (keep-alives of some proxies), other fields are ignored.
   */
  private String readEventStream(InputStream in, Consumer<String> onDelta, Secrets secrets)
      throws IOException, ModelUnavailableException {
    StreamState state = new StreamState();
    LineReader lines = new LineReader(in);
    StringBuilder data = new StringBuilder();
    boolean hasData = false;
    String line;
    while ((line = lines.next()) != null) {
      if (line.isEmpty()) {
        if (hasData && handleEvent(data.toString(), state, onDelta, secrets)) {
          return state.reply.toString();
        }
        data.setLength(0);
        hasData = false;
        continue;
      }
      if (line.charAt(0) == ':') {
        continue;
      }
      int colon = line.indexOf(':');
      String field = colon < 0 ? line : line.substring(0, colon);
      if (!"data".equals(field)) {
        continue;
      }
      String value = colon < 0 ? "" : line.substring(colon + 1);
      if (value.startsWith(" ")) {
        value = value.substring(1);
      }
      if (hasData) {
        data.append('\n');
      }
      data.append(value);
      hasData = true;
    }
    // Strict SSE would drop an event not followed by a blank line; a server that closes right
    // after its last line still meant it.
    if (hasData && handleEvent(data.toString(), state, onDelta, secrets)) {
      return state.reply.toString();
    }
    if (!state.finished) {
      throw noAnswer(Reason.MALFORMED_REPLY, DETAIL_CUT_OFF);
    }
    return state.reply.toString();
  }

  /** Handles one event's data; returns true at the end marker. */
  private boolean handleEvent(
      String data, StreamState state, Consumer<String> onDelta, Secrets secrets)
      throws ModelUnavailableException {
    if (DONE.equals(data.trim())) {
      return true;
    }
    JsonObject chunk =
        parseObject(data).orElseThrow(() -> noAnswer(Reason.MALFORMED_REPLY, DETAIL_MALFORMED));
    throwIfError(chunk, secrets);
    // Chunks without choices exist (e.g. the usage chunk of OpenAI); they carry no text.
    Optional<JsonObject> choice = firstChoice(chunk);
    if (choice.isEmpty()) {
      return false;
    }
    Optional<String> content =
        choice.flatMap(c -> object(c, "delta")).flatMap(d -> string(d, "content"));
    if (content.isPresent() && !content.get().isEmpty()) {
      if (state.reply.length() + content.get().length() > MAX_REPLY_CHARS) {
        throw noAnswer(Reason.MALFORMED_REPLY, DETAIL_TOO_LONG);
      }
      state.reply.append(content.get());
      onDelta.accept(content.get());
    }
    if (string(choice.get(), "finish_reason").isPresent()) {
      state.finished = true;
    }
    return false;
  }

  /** The OpenAI format for a failure reported in a 200 reply or in the middle of a stream. */
  private void throwIfError(JsonObject object, Secrets secrets) throws ModelUnavailableException {
    JsonValue error = object.get("error");
    if (error == null || error.getValueType() == JsonValue.ValueType.NULL) {
      return;
    }
    String message = String.format(MSG_NO_ANSWER, DETAIL_STREAM_ERROR);
    Optional<String> said = errorMessage(object).map(secrets::sanitize);
    if (said.isPresent()) {
      message += String.format(MSG_SERVER_SAID, said.get());
    }
    throw new ModelUnavailableException(Reason.MALFORMED_REPLY, 0, message, null);
  }

  private ModelUnavailableException httpError(int status, byte[] body, Secrets secrets) {
    String hint;
    if (status == 401) {
      hint = HINT_401;
    } else if (status == 403) {
      hint = HINT_403;
    } else if (status == 404) {
      hint = HINT_404;
    } else if (status == 413) {
      hint = HINT_413;
    } else if (status == 429) {
      hint = HINT_429;
    } else if (status >= 500) {
      hint = HINT_5XX;
    } else if (status >= 400) {
      hint = HINT_400;
    } else if (status >= 300) {
      hint = HINT_3XX;
    } else {
      hint = HINT_OTHER;
    }
    String message = String.format(MSG_NO_ANSWER, String.format(DETAIL_HTTP, status, hint));
    Optional<String> said =
        parseObject(new String(body, StandardCharsets.UTF_8))
            .flatMap(ChatCompletionsClient::errorMessage)
            .map(secrets::sanitize);
    if (said.isPresent()) {
      message += String.format(MSG_SERVER_SAID, said.get());
    }
    return new ModelUnavailableException(Reason.HTTP_ERROR, status, message, null);
  }

  /**
   * The human-readable part of an error body: OpenAI's {@code error.message}, or what other
   * compatible servers use ({@code error} as a string in Ollama, {@code message}, {@code detail}).
   */
  private static Optional<String> errorMessage(JsonObject root) {
    JsonValue error = root.get("error");
    if (error instanceof JsonObject errorObject) {
      Optional<String> message = string(errorObject, "message");
      if (message.isPresent()) {
        return message;
      }
    }
    if (error instanceof JsonString text) {
      return Optional.of(text.getString());
    }
    return string(root, "message").or(() -> string(root, "detail"));
  }

  private Optional<JsonObject> parseObject(String text) {
    try (JsonReader reader = jsonReaders.createReader(new StringReader(text))) {
      return Optional.of(reader.readObject());
    } catch (JsonException | IllegalStateException e) {
      return Optional.empty();
    }
  }

  private static Optional<JsonObject> firstChoice(JsonObject root) {
    JsonValue choices = root.get("choices");
    if (choices instanceof JsonArray array
        && !array.isEmpty()
        && array.get(0) instanceof JsonObject choice) {
      return Optional.of(choice);
    }
    return Optional.empty();
  }

  private static Optional<JsonObject> object(JsonObject parent, String name) {
    return parent.get(name) instanceof JsonObject child ? Optional.of(child) : Optional.empty();
  }

  private static Optional<String> string(JsonObject parent, String name) {
    return parent.get(name) instanceof JsonString text
        ? Optional.of(text.getString())
        : Optional.empty();
  }

  private static boolean startsWithBrace(BufferedInputStream in) throws IOException {
    in.mark(JSON_SNIFF_BYTES);
    try {
      for (int i = 0; i < JSON_SNIFF_BYTES; i++) {
        int b = in.read();
        if (b < 0) {
          return false;
        }
        if (!Character.isWhitespace(b) && b != 0xEF && b != 0xBB && b != 0xBF) {
          return b == '{';
        }
      }
      return false;
    } finally {
      in.reset();
    }
  }

  private static byte[] readAtMost(InputStream in, int limit) throws IOException {
    return in.readNBytes(limit);
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException e) {
      // Nothing left to do with a stream we are abandoning.
    }
  }

  /**
   * Scheme, host and port of a URL for messages and logs: never its user info, path or query, which
   * can carry credentials.
   */
  static String describeHost(URI url) {
    if (url.getHost() == null) {
      return "the configured base URL";
    }
    return url.getPort() < 0 ? url.getHost() : url.getHost() + ":" + url.getPort();
  }

  private ModelUnavailableException timeout() {
    // Rounded up, so that a sub-second test limit does not read "within 0 seconds".
    long seconds = (replyTimeout.toMillis() + 999) / 1000;
    return noAnswer(Reason.TIMEOUT, String.format(DETAIL_TIMEOUT, seconds));
  }

  private static ModelUnavailableException noAnswer(Reason reason, String detail) {
    return new ModelUnavailableException(reason, 0, String.format(MSG_NO_ANSWER, detail), null);
  }

  private static ModelUnavailableException unavailable(
      Reason reason, String detailFormat, String host) {
    return unavailable(reason, detailFormat, host, null);
  }

  private static ModelUnavailableException unavailable(
      Reason reason, String detailFormat, String host, Throwable cause) {
    String message = String.format(MSG_NO_ANSWER, String.format(detailFormat, host));
    return new ModelUnavailableException(reason, 0, message, cause);
  }

  /** Logs a failure (its message is free of secrets and chat content) and returns it. */
  private static ModelUnavailableException fail(ModelUnavailableException e) {
    FAILURES.get(e.reason()).increment();
    LOG.log(
        Level.WARNING,
        "Chat completion failed ({0}, HTTP status {1}): {2}",
        new Object[] {e.reason(), e.httpStatus(), e.getMessage()});
    return e;
  }

  /** What must never reach a message: the API key, and anything that looks like a key. */
  private static final class Secrets {
    final String key;

    Secrets(String apiKey) {
      this.key = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
    }

    /** Server text made safe to show: no key, one line, at most 200 characters. */
    String sanitize(String text) {
      String safe = text;
      if (key != null && key.length() >= MIN_KEY_LENGTH_TO_REDACT) {
        safe = safe.replace(key, REDACTED);
      }
      safe = KEY_LIKE.matcher(safe).replaceAll(Matcher.quoteReplacement(REDACTED));
      safe = safe.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
      if (safe.length() > MAX_SERVER_MESSAGE_CHARS) {
        safe = safe.substring(0, MAX_SERVER_MESSAGE_CHARS - 1) + "\u2026";
      }
      return safe;
    }
  }

  private static final class StreamState {
    final StringBuilder reply = new StringBuilder();
    boolean finished;
  }

  /**
   * Splits a byte stream into UTF-8 lines at LF, CRLF or CR, returning each line as soon as its end
   * arrives (a BufferedReader would too, but has no length limit). Never reads ahead past a line
   * end, so a CR at the end of what has arrived so far does not block.
   */
  private static final class LineReader {
    private final InputStream in;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private boolean skipLf;

    LineReader(InputStream in) {
      this.in = in;
    }

    /** The next line without its end, or null at the end of the stream. */
    String next() throws IOException, ModelUnavailableException {
      line.reset();
      while (true) {
        int b = in.read();
        if (b < 0) {
          return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
        }
        if (skipLf) {
          skipLf = false;
          if (b == '\n') {
            continue;
          }
        }
        if (b == '\n' || b == '\r') {
          skipLf = b == '\r';
          return line.toString(StandardCharsets.UTF_8);
        }
        if (line.size() >= MAX_LINE_BYTES) {
          throw noAnswer(Reason.MALFORMED_REPLY, DETAIL_TOO_LONG);
        }
        line.write(b);
      }
    }
  }
}
