package org.ltibridge.model;

import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.ltibridge.system.control.Metrics;

/**
 * Client for an OpenAI-compatible endpoint (OpenAI, Ollama, vLLM, llama.cpp, LiteLLM, ...): asks
 * for a streamed reply and hands each piece to a {@link ReplyListener} as it arrives, without a
 * thread waiting for it: the JDK's {@link HttpClient} sends asynchronously and {@link ReplyBody}
 * reads the body as bytes come. A reply in flight costs a socket and its buffers.
 *
 * <p>Limits: connecting ({@code lti-bridge.model.connect-timeout}), the first word ({@code
 * first-word-timeout}), a stream that stalls ({@code idle-timeout}) and the whole reply ({@code
 * reply-timeout}); a reply can also be {@linkplain InFlight#cancel stopped}. Either way the
 * connection is closed, so the model server stops working on it.
 */
@ApplicationScoped
public class ModelClient {

  private static final Logger LOG = Logger.getLogger(ModelClient.class.getName());

  private static final String COMPLETIONS_PATH = "chat/completions";
  private static final String MODELS_PATH = "models";
  private static final int MAX_MODELS_BYTES = 1 << 20;
  static final int MAX_REPLY_CHARS = 1 << 20;

  /** From the request to a complete reply. */
  private static final Timer REPLIES =
      Metrics.timer("ltibridge.model.reply", "Time for a model's complete reply");

  /** From the request to the reply's first piece. */
  private static final Timer FIRST_WORDS =
      Metrics.timer("ltibridge.model.first.word", "Time until a model's first piece of reply");

  /** The four limits of a reply. */
  public record Limits(Duration connect, Duration firstWord, Duration idle, Duration whole) {

    /** Production defaults: 5 s to connect, 60 s to the first word, 30 s of silence, 5 min. */
    public static final Limits DEFAULT =
        new Limits(
            Duration.ofSeconds(5),
            Duration.ofSeconds(60),
            Duration.ofSeconds(30),
            Duration.ofMinutes(5));
  }

  @Inject
  @ConfigProperty(name = "lti-bridge.model.connect-timeout", defaultValue = "PT5S")
  Duration connectTimeout;

  @Inject
  @ConfigProperty(name = "lti-bridge.model.first-word-timeout", defaultValue = "PT60S")
  Duration firstWordTimeout;

  @Inject
  @ConfigProperty(name = "lti-bridge.model.idle-timeout", defaultValue = "PT30S")
  Duration idleTimeout;

  @Inject
  @ConfigProperty(name = "lti-bridge.model.reply-timeout", defaultValue = "PT5M")
  Duration replyTimeout;

  private volatile Limits limits;
  private volatile HttpClient http;

  // Watches the limits of every reply in flight; one thread, ended when idle, so nothing lingers
  // after undeploy.
  private final ScheduledThreadPoolExecutor timer;

  /** The application's client, its limits from the configuration. */
  public ModelClient() {
    this.timer =
        new ScheduledThreadPoolExecutor(
            1,
            task -> {
              Thread thread = new Thread(task, "model-reply-limits");
              thread.setDaemon(true);
              return thread;
            });
    timer.setRemoveOnCancelPolicy(true);
    timer.setKeepAliveTime(30, TimeUnit.SECONDS);
    timer.allowCoreThreadTimeOut(true);
  }

  /** For tests: a client with the given limits. */
  public static ModelClient withLimits(Limits limits) {
    ModelClient client = new ModelClient();
    client.limits = Objects.requireNonNull(limits, "limits");
    return client;
  }

  private Limits limits() {
    Limits l = limits;
    if (l == null) {
      l =
          connectTimeout == null
              ? Limits.DEFAULT
              : new Limits(connectTimeout, firstWordTimeout, idleTimeout, replyTimeout);
      limits = l;
    }
    return l;
  }

  private HttpClient http() {
    HttpClient h = http;
    if (h == null) {
      synchronized (this) {
        if (http == null) {
          http =
              HttpClient.newBuilder()
                  .version(HttpClient.Version.HTTP_1_1)
                  .connectTimeout(limits().connect())
                  .build();
        }
        h = http;
      }
    }
    return h;
  }

  @PreDestroy
  void stop() {
    timer.shutdownNow();
  }

  /**
   * Asks the model for the next reply of the conversation, streamed: POSTs {@code
   * {baseUrl}/chat/completions} with {@code "stream": true} and returns at once; the reply goes to
   * {@code listener}. A server that ignores {@code stream: true} and answers one JSON object is
   * accepted too; its reply is then one piece.
   *
   * @param endpoint where to send the request, with which key and model
   * @param turns the conversation so far, system prompt first, the new message last
   * @return the reply in flight, to stop it
   */
  public InFlight stream(ModelEndpoint endpoint, List<Turn> turns, ReplyListener listener) {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(turns, "turns");
    Objects.requireNonNull(listener, "listener");
    Redaction redaction = new Redaction(endpoint.apiKey());
    InFlight reply = new InFlight(listener, endpoint.host(), limits());
    HttpRequest request;
    try {
      request = request(endpoint, turns, redaction);
    } catch (ModelUnavailableException e) {
      reply.failed(e);
      return reply;
    }
    LOG.fine(() -> "Asking " + endpoint.host() + " for a reply from model " + endpoint.model());
    reply.start(
        http()
            .sendAsync(
                request,
                info -> {
                  ReplyBody body = new ReplyBody(info, reply, redaction, endpoint.host());
                  reply.reading(body);
                  return body;
                }));
    return reply;
  }

  private HttpRequest request(ModelEndpoint endpoint, List<Turn> turns, Redaction redaction)
      throws ModelUnavailableException {
    HttpRequest.Builder builder;
    try {
      builder = HttpRequest.newBuilder(endpointUri(endpoint.baseUrl(), COMPLETIONS_PATH));
    } catch (IllegalArgumentException e) {
      throw ModelErrors.badBaseUrl();
    }
    builder
        .timeout(limits().whole())
        .header("Content-Type", "application/json")
        .header("Accept", "text/event-stream")
        .POST(
            HttpRequest.BodyPublishers.ofString(
                OpenAiChat.request(endpoint, turns), StandardCharsets.UTF_8));
    if (redaction.key() != null) {
      if (!sendable(redaction.key())) {
        throw ModelErrors.badApiKey();
      }
      builder.header("Authorization", "Bearer " + redaction.key());
    }
    return builder.build();
  }

  /**
   * The ids of the models the endpoint offers, from OpenAI's {@code GET {baseUrl}/models}; empty
   * when it does not answer that within {@code timeout} (no such route, down, refused, another
   * format). Never throws.
   */
  public Optional<List<String>> models(URI baseUrl, String apiKey, Duration timeout) {
    Redaction redaction = new Redaction(apiKey);
    CompletableFuture<HttpResponse<InputStream>> sent = null;
    try {
      HttpRequest.Builder builder =
          HttpRequest.newBuilder(endpointUri(baseUrl, MODELS_PATH))
              .timeout(timeout)
              .header("Accept", "application/json")
              .GET();
      if (sendable(redaction.key())) {
        builder.header("Authorization", "Bearer " + redaction.key());
      }
      sent = http().sendAsync(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
      long deadline = System.nanoTime() + timeout.toNanos();
      HttpResponse<InputStream> response = sent.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      InputStream body = response.body();
      // The body within what is left of the timeout: HttpRequest.timeout does not cover it.
      ScheduledFuture<?> watchdog =
          timer.schedule(
              () -> closeQuietly(body),
              Math.max(0, deadline - System.nanoTime()),
              TimeUnit.NANOSECONDS);
      try (body) {
        if (response.statusCode() != 200) {
          return Optional.empty();
        }
        byte[] bytes = body.readNBytes(MAX_MODELS_BYTES + 1);
        return bytes.length > MAX_MODELS_BYTES
            ? Optional.empty()
            : OpenAiChat.modelIds(new String(bytes, StandardCharsets.UTF_8));
      } finally {
        watchdog.cancel(false);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (IllegalArgumentException | ExecutionException | TimeoutException | IOException e) {
      if (sent != null) {
        sent.cancel(true);
      }
      LOG.fine(() -> "No model list from " + ModelEndpoint.describeHost(baseUrl) + ": " + e);
      return Optional.empty();
    }
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
    URI uri = URI.create(base + "/" + path);
    String scheme = uri.getScheme();
    if (scheme == null
        || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
        || uri.getHost() == null) {
      throw new IllegalArgumentException("not an absolute http(s) URL");
    }
    return uri;
  }

  /** Checked here rather than by HttpRequest.Builder, so that no exception message carries it. */
  private static boolean sendable(String key) {
    return key != null && key.chars().allMatch(c -> c > 0x20 && c < 0x7f);
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException e) {
      // Nothing left to do with a stream we are abandoning.
    }
  }

  /** One reply on its way: stop it with {@link #cancel}. */
  public final class InFlight implements ReplyBody.Reply {

    private final ReplyListener listener;
    private final String host;
    private final Limits limits;
    private final StringBuilder reply = new StringBuilder();
    private final AtomicBoolean over = new AtomicBoolean();
    private final long started = System.nanoTime();
    private volatile long lastPiece;
    private volatile long lastHeard;
    private volatile boolean spoken;
    private volatile CompletableFuture<?> exchange;
    private volatile ReplyBody body;
    private volatile ScheduledFuture<?> check;

    private InFlight(ReplyListener listener, String host, Limits limits) {
      this.listener = listener;
      this.host = host;
      this.limits = limits;
    }

    /** Stops the reply: the connection to the model is closed; the listener hears it failed. */
    public void cancel() {
      failed(ModelErrors.cancelled());
    }

    /** Whether the reply has ended, one way or another. */
    public boolean over() {
      return over.get();
    }

    private void start(CompletableFuture<? extends HttpResponse<?>> sent) {
      exchange = sent;
      sent.whenComplete(
          (response, failure) -> {
            if (failure != null) {
              failed(ModelErrors.transport(failure, host));
            }
          });
      watch(min(limits.firstWord(), limits.whole()));
      if (over.get()) {
        sent.cancel(true); // stopped before the request left
      }
    }

    private void reading(ReplyBody body) {
      this.body = body;
      if (over.get()) {
        body.cancel();
      }
    }

    @Override
    public void heard() {
      lastHeard = System.nanoTime();
    }

    @Override
    public void piece(String text) throws ModelUnavailableException {
      if (over.get()) {
        throw ModelErrors.cancelled();
      }
      synchronized (reply) {
        if (reply.length() + text.length() > MAX_REPLY_CHARS) {
          throw ModelErrors.tooLong();
        }
        reply.append(text);
      }
      lastPiece = System.nanoTime();
      if (!spoken) {
        spoken = true;
        FIRST_WORDS.record(lastPiece - started, TimeUnit.NANOSECONDS);
        // From now on the silence between pieces counts, not the first word's limit.
        stopWatching();
        watch(min(limits.idle(), limits.whole().minusNanos(lastPiece - started)));
      }
      try {
        listener.delta(text);
      } catch (RuntimeException e) {
        // The person is gone (their connection broke): nobody to tell, so stop asking.
        throw ModelErrors.cancelled();
      }
    }

    @Override
    public void finished() {
      if (over.compareAndSet(false, true)) {
        stopWatching();
        REPLIES.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        String whole;
        synchronized (reply) {
          whole = reply.toString();
        }
        LOG.fine(() -> "Reply from " + host + " complete, " + whole.length() + " chars");
        listener.completed(whole);
      }
    }

    @Override
    public void failed(ModelUnavailableException e) {
      if (over.compareAndSet(false, true)) {
        stopWatching();
        ReplyBody b = body;
        if (b != null) {
          b.cancel();
        }
        CompletableFuture<?> x = exchange;
        if (x != null) {
          x.cancel(true);
        }
        String partial;
        synchronized (reply) {
          partial = reply.toString();
        }
        listener.failed(ModelErrors.count(e), partial);
      }
    }

    /** Checks the limits when the nearest one could have run out, and again until the end. */
    private void watch(Duration in) {
      if (over.get()) {
        return;
      }
      try {
        check = timer.schedule(this::checkLimits, in.toNanos(), TimeUnit.NANOSECONDS);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        // Undeploying: the reply ends with the application.
      }
    }

    private void checkLimits() {
      long now = System.nanoTime();
      long wholeLeft = started + limits.whole().toNanos() - now;
      if (wholeLeft <= 0) {
        failed(ModelErrors.timeout(ModelErrors.Limit.WHOLE_REPLY, limits.whole()));
        return;
      }
      long left;
      if (!spoken) {
        left = started + limits.firstWord().toNanos() - now;
        if (left <= 0) {
          failed(ModelErrors.timeout(ModelErrors.Limit.FIRST_WORD, limits.firstWord()));
          return;
        }
      } else {
        // Silence counts from the last bytes of any kind (a chunk that ends the reply carries no
        // text; some servers send comments to keep the connection open while they work).
        left = Math.max(lastPiece, lastHeard) + limits.idle().toNanos() - now;
        if (left <= 0) {
          failed(ModelErrors.timeout(ModelErrors.Limit.STALLED, limits.idle()));
          return;
        }
      }
      watch(Duration.ofNanos(Math.min(left, wholeLeft)));
    }

    private static Duration min(Duration a, Duration b) {
      return a.compareTo(b) <= 0 ? a : b;
    }

    private void stopWatching() {
      ScheduledFuture<?> c = check;
      if (c != null) {
        c.cancel(false);
      }
    }
  }
}
