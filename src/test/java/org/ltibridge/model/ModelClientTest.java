package org.ltibridge.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ltibridge.model.ModelUnavailableException.Reason;
import org.ltibridge.testsupport.FakeChatCompletionsServer;
import org.ltibridge.testsupport.FakeChatCompletionsServer.RecordedRequest;

/**
 * The model client against a real HTTP server speaking OpenAI's chat-completions wire protocol
 * ({@link FakeChatCompletionsServer}). The client is asynchronous; {@link #complete} waits for the
 * outcome so that each test reads as a call and its result.
 */
class ModelClientTest {

  private static final String KEY = "sk-test";
  private static final String MODEL = "gpt-test";
  private static final List<Turn> CONVERSATION =
      List.of(
          Turn.system("You are a helpful tutor."),
          Turn.user("What is 2+2?"),
          Turn.assistant("4."),
          Turn.user("And 3+3?"));

  private FakeChatCompletionsServer server;
  private final ModelClient client = ModelClient.withLimits(ModelClient.Limits.DEFAULT);
  private final List<String> deltas = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void startServer() throws Exception {
    server = FakeChatCompletionsServer.start();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  private ModelEndpoint endpoint(String apiKey) {
    return new ModelEndpoint(server.baseUri(), apiKey, MODEL);
  }

  /** Test JSON with single quotes, for readability. */
  private static String json(String singleQuoted) {
    return singleQuoted.replace('\'', '"');
  }

  private String complete(ModelEndpoint endpoint) throws ModelUnavailableException {
    return complete(client, endpoint, CONVERSATION, deltas::add);
  }

  /** Streams a reply, waits for its end: the whole reply, or the failure thrown. */
  static String complete(
      ModelClient client,
      ModelEndpoint endpoint,
      List<Turn> turns,
      java.util.function.Consumer<String> onDelta)
      throws ModelUnavailableException {
    java.util.concurrent.CompletableFuture<String> outcome =
        new java.util.concurrent.CompletableFuture<>();
    client.stream(
        endpoint,
        turns,
        new ReplyListener() {
          @Override
          public void delta(String text) {
            onDelta.accept(text);
          }

          @Override
          public void completed(String reply) {
            outcome.complete(reply);
          }

          @Override
          public void failed(ModelUnavailableException failure, String partial) {
            outcome.completeExceptionally(failure);
          }
        });
    try {
      return outcome.get(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw (ModelUnavailableException) e.getCause();
    } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
      throw new AssertionError("no outcome", e);
    }
  }

  @Test
  void streamedDeltasArriveInOrderAndMakeUpTheReply() throws Exception {
    server.replyWith("Six", ", of ", "course", "! \u00e9\u6f22\uD83D\uDE00");

    String reply = complete(endpoint(KEY));

    assertEquals(List.of("Six", ", of ", "course", "! \u00e9\u6f22\uD83D\uDE00"), deltas);
    assertEquals("Six, of course! \u00e9\u6f22\uD83D\uDE00", reply);
  }

  @Test
  void defaultFakeReplyEchoesTheLastUserMessageInPieces() throws Exception {
    String reply = complete(endpoint(KEY));

    assertEquals("You said: And 3+3?", reply);
    assertTrue(deltas.size() > 2, "several pieces: " + deltas);
    assertEquals(reply, String.join("", deltas));
  }

  @Test
  void firstDeltaIsDeliveredWhileTheServerHoldsBackTheRest() throws Exception {
    // The server sends the rest only after the client has handed on the first piece: a client that
    // waited for the whole body would leave the stream cut off after 10 seconds.
    CountDownLatch firstPieceSeen = new CountDownLatch(1);
    server.replyWith("one ", "two ", "three").holdAfterFirstPieceUntil(firstPieceSeen);

    String reply =
        complete(
            client,
            endpoint(KEY),
            CONVERSATION,
            delta -> {
              deltas.add(delta);
              firstPieceSeen.countDown();
            });

    assertEquals("one two three", reply);
    assertEquals(List.of("one ", "two ", "three"), deltas);
  }

  @Test
  void deltasArriveSpreadOverTimeAsTheServerSendsThem() throws Exception {
    server.replyWith("a", "b", "c", "d").chunkDelay(Duration.ofMillis(150));
    List<Long> arrivals = Collections.synchronizedList(new ArrayList<>());
    long start = System.nanoTime();

    complete(client, endpoint(KEY), CONVERSATION, delta -> arrivals.add(System.nanoTime()));
    long end = System.nanoTime();

    assertEquals(4, arrivals.size());
    // 3 more chunk delays plus finish chunk and [DONE] follow the first piece.
    long firstBeforeEndMillis = (end - arrivals.get(0)) / 1_000_000;
    assertTrue(
        firstBeforeEndMillis >= 400, "first piece only " + firstBeforeEndMillis + " ms early");
    for (int i = 1; i < arrivals.size(); i++) {
      long gapMillis = (arrivals.get(i) - arrivals.get(i - 1)) / 1_000_000;
      assertTrue(
          gapMillis >= 50, "pieces " + (i - 1) + " and " + i + " " + gapMillis + " ms apart");
    }
    assertTrue((arrivals.get(0) - start) / 1_000_000 < (end - start) / 1_000_000 / 2);
  }

  @Test
  void requestCarriesModelMessagesInOrderAndStreamTrue() throws Exception {
    complete(endpoint(KEY));

    assertEquals(1, server.requests().size());
    RecordedRequest request = server.lastRequest();
    assertEquals("POST", request.method());
    assertEquals("/v1/chat/completions", request.path());
    JsonObject body = request.body();
    assertEquals(MODEL, body.getString("model"));
    assertEquals(JsonValue.TRUE, body.get("stream"));
    JsonArray messages = body.getJsonArray("messages");
    assertEquals(CONVERSATION.size(), messages.size());
    for (int i = 0; i < CONVERSATION.size(); i++) {
      JsonObject message = messages.getJsonObject(i);
      assertEquals(CONVERSATION.get(i).role(), message.getString("role"));
      assertEquals(CONVERSATION.get(i).content(), message.getString("content"));
    }
    assertTrue(request.header("Content-Type").orElseThrow().startsWith("application/json"));
    assertEquals("text/event-stream", request.header("Accept").orElseThrow());
  }

  @Test
  void messagesWithQuotesAndNewlinesAreSentIntact() throws Exception {
    String tricky = "He said \"hi\"\\n\nthen\t</script> \u00fc \uD83D\uDE00";

    complete(client, endpoint(KEY), List.of(Turn.user(tricky)), deltas::add);

    JsonObject message = server.lastRequest().body().getJsonArray("messages").getJsonObject(0);
    assertEquals(tricky, message.getString("content"));
  }

  @Test
  void bearerKeyIsSentAndAccepted() throws Exception {
    server.requireApiKey(KEY);

    complete(endpoint(KEY));

    assertEquals("Bearer " + KEY, server.lastRequest().header("authorization").orElseThrow());
  }

  @Test
  void noAuthorizationHeaderWhenKeyIsBlank() throws Exception {
    complete(endpoint("  "));
    complete(endpoint(null));

    assertTrue(server.requests().stream().allMatch(r -> r.header("Authorization").isEmpty()));
  }

  @Test
  void wrongKeyFailsWith401AndNeverShowsTheKey() {
    server.requireApiKey(KEY);
    String wrongKey = "sk-wrong-0123456789abcdef";

    ModelUnavailableException e =
        assertThrows(ModelUnavailableException.class, () -> complete(endpoint(wrongKey)));

    assertEquals(Reason.HTTP_ERROR, e.reason());
    assertEquals(401, e.httpStatus());
    assertTrue(e.getMessage().contains("HTTP 401"), e.getMessage());
    assertTrue(e.getMessage().contains("API key in the organisation settings"), e.getMessage());
    assertTrue(e.getMessage().contains("Incorrect API key provided"), e.getMessage());
    assertFalse(e.getMessage().contains(wrongKey), e.getMessage());
    assertFalse(e.getMessage().contains("0123456789abcdef"), e.getMessage());
    assertFalse(e.getMessage().contains("Bearer"), e.getMessage());
    assertTrue(deltas.isEmpty());
  }

  @Test
  void keyEchoedByTheServerIsRedactedFromTheMessage() {
    String key = "my-private-key-XYZ987";
    server.failWith(
        401,
        "{\"error\":{\"message\":\"Incorrect API key provided: "
            + key
            + " (sent as Bearer "
            + key
            + ", similar to sk-proj-abcdef123456)\",\"type\":\"invalid_request_error\"}}");

    ModelUnavailableException e =
        assertThrows(ModelUnavailableException.class, () -> complete(endpoint(key)));

    assertFalse(e.getMessage().contains(key), e.getMessage());
    assertFalse(e.getMessage().contains("XYZ987"), e.getMessage());
    assertFalse(e.getMessage().contains("abcdef123456"), e.getMessage());
    assertTrue(e.getMessage().contains("Incorrect API key provided"), e.getMessage());
  }

  @Test
  void serverErrorMessageIsTruncatedTo200Characters() {
    String longMessage = "x".repeat(1000);
    server.failWith(
        500, "{\"error\":{\"message\":\"" + longMessage + "\",\"type\":\"server_error\"}}");

    ModelUnavailableException e =
        assertThrows(ModelUnavailableException.class, () -> complete(endpoint(KEY)));

    assertEquals(500, e.httpStatus());
    assertTrue(e.getMessage().contains("HTTP 500"), e.getMessage());
    assertTrue(e.getMessage().contains("x".repeat(150)), e.getMessage());
    assertFalse(e.getMessage().contains("x".repeat(201)), e.getMessage());
  }

  @Test
  void rateLimitIsExplained() {
    server.failWith(
        429,
        "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"code\":null}}");

    ModelUnavailableException e =
        assertThrows(ModelUnavailableException.class, () -> complete(endpoint(KEY)));

    assertEquals(429, e.httpStatus());
    assertTrue(e.getMessage().contains("try again later"), e.getMessage());
    assertTrue(e.getMessage().contains("Rate limit reached"), e.getMessage());
  }

  @Test
  void nonJsonErrorBodyIsLeftOut() {
    server.failWith(502, "<html><body>Bad Gateway</body></html>");

    ModelUnavailableException e =
        assertThrows(ModelUnavailableException.class, () -> complete(endpoint(KEY)));

    assertEquals(502, e.httpStatus());
    assertTrue(e.getMessage().contains("HTTP 502"), e.getMessage());
    assertFalse(e.getMessage().contains("<html>"), e.getMessage());
  }

  @Test
  void wrongPathGives404WithAHintAtTheBaseUrl() {
    ModelEndpoint noV1 = new ModelEndpoint(URI.create(server.baseUrl() + "/v2"), KEY, MODEL);

    ModelUnavailableException e =
        assertThrows(ModelUnavailableException.class, () -> complete(noV1));

    assertEquals(404, e.httpStatus());
    assertTrue(e.getMessage().contains("base URL"), e.getMessage());
  }

  @Test
  void serverDownFailsAsUnreachable() {
    URI closed = server.baseUri();
    server.close();

    ModelUnavailableException e =
        assertThrows(
            ModelUnavailableException.class, () -> complete(new ModelEndpoint(closed, KEY, MODEL)));

    assertEquals(Reason.UNREACHABLE, e.reason());
    assertTrue(e.getMessage().contains("127.0.0.1:" + closed.getPort()), e.getMessage());
    assertFalse(e.getMessage().contains(KEY), e.getMessage());
  }

  @Test
  void nonStreamedJsonReplyIsAccepted() throws Exception {
    server.ignoreStreamFlag().replyWith("Six", ", of course.");

    String reply = complete(endpoint(KEY));

    assertEquals("Six, of course.", reply);
    assertEquals(List.of("Six, of course."), deltas);
    assertEquals(JsonValue.TRUE, server.lastRequest().body().get("stream"));
  }

  @Test
  void baseUrlWorksWithAndWithoutTrailingSlash() throws Exception {
    server.replyWith("ok");
    URI withSlash = URI.create(server.baseUrl() + "/");
    URI withoutSlash = server.baseUri();

    assertEquals(
        "ok", complete(client, new ModelEndpoint(withSlash, KEY, MODEL), CONVERSATION, d -> {}));
    assertEquals(
        "ok", complete(client, new ModelEndpoint(withoutSlash, KEY, MODEL), CONVERSATION, d -> {}));

    assertEquals(2, server.requests().size());
    for (RecordedRequest request : server.requests()) {
      assertEquals("/v1/chat/completions", request.path());
    }
  }

  @Test
  void completionsUriJoinsPathsWithOneSlash() {
    assertEquals(
        URI.create("https://api.openai.com/v1/chat/completions"),
        ModelClient.endpointUri(URI.create("https://api.openai.com/v1"), "chat/completions"));
    assertEquals(
        URI.create("https://api.openai.com/v1/chat/completions"),
        ModelClient.endpointUri(URI.create("https://api.openai.com/v1/"), "chat/completions"));
    assertEquals(
        URI.create("http://localhost:11434/v1/chat/completions"),
        ModelClient.endpointUri(URI.create("http://localhost:11434/v1//"), "chat/completions"));
    assertEquals(
        URI.create("http://localhost:8000/chat/completions"),
        ModelClient.endpointUri(URI.create("http://localhost:8000"), "chat/completions"));
  }

  @Test
  void malformedStreamFails() {
    server.streamRaw(
        "data: {\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}\n\ndata: {not json\n\n");

    ModelUnavailableException e =
        assertThrows(ModelUnavailableException.class, () -> complete(endpoint(KEY)));

    assertEquals(Reason.MALFORMED_REPLY, e.reason());
    assertEquals(List.of("Hi"), deltas);
  }

  @Test
  void streamEndingWithoutFinishFailsAsCutOff() {
    server.streamRaw("data: {\"choices\":[{\"delta\":{\"content\":\"Half a\"}}]}\n\n");

    ModelUnavailableException e =
        assertThrows(ModelUnavailableException.class, () -> complete(endpoint(KEY)));

    assertEquals(Reason.MALFORMED_REPLY, e.reason());
    assertTrue(e.getMessage().contains("stopped before it was complete"), e.getMessage());
  }

  @Test
  void errorEventInTheStreamFails() {
    server.streamRaw(
        "data: {\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}\n\n"
            + "data: {\"error\":{\"message\":\"The server is"
            + " overloaded\",\"type\":\"server_error\"}}\n\n");

    ModelUnavailableException e =
        assertThrows(ModelUnavailableException.class, () -> complete(endpoint(KEY)));

    assertTrue(e.getMessage().contains("The server is overloaded"), e.getMessage());
  }

  @Test
  void sseCommentsCrLfEmptyAndNullDeltasAndUsageChunkAreTolerated() throws Exception {
    server.streamRaw(
        ": keep-alive\r\n\r\n"
            + "event: message\r\n"
            + json("data:{'choices':[{'index':0,'delta':{'role':'assistant','content':null}}]}")
            + "\r\n\r\n"
            + json("data: {'choices':[{'index':0,'delta':{'content':''}}]}\r\n\r\n")
            + json("data: {'choices':[{'index':0,'delta':{'content':'Hel'}}]}\r\n\r\n")
            + json("data: {'choices':[{'delta':{'content':'lo'},'finish_reason':'stop'}]}\n\n")
            + json("data: {'choices':[],'usage':{'total_tokens':5}}\n\n")
            + "data: [DONE]\n\n");

    String reply = complete(endpoint(KEY));

    assertEquals("Hello", reply);
    assertEquals(List.of("Hel", "lo"), deltas);
  }

  @Test
  void streamWithFinishReasonButWithoutDoneIsAccepted() throws Exception {
    server.streamRaw(
        "data: {\"choices\":[{\"delta\":{\"content\":\"Done\"},\"finish_reason\":\"stop\"}]}\n\n");

    assertEquals("Done", complete(endpoint(KEY)));
  }

  private static ModelClient withLimits(long firstWordMs, long idleMs, long wholeMs) {
    return ModelClient.withLimits(
        new ModelClient.Limits(
            Duration.ofSeconds(5),
            Duration.ofMillis(firstWordMs),
            Duration.ofMillis(idleMs),
            Duration.ofMillis(wholeMs)));
  }

  @Test
  void aModelThatSaysNothingInTimeFailsAtTheFirstWordLimit() {
    server.firstDelay(Duration.ofSeconds(5));
    long start = System.nanoTime();

    ModelUnavailableException e =
        assertThrows(
            ModelUnavailableException.class,
            () ->
                complete(withLimits(600, 5000, 10_000), endpoint(KEY), CONVERSATION, deltas::add));

    long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
    assertEquals(Reason.TIMEOUT, e.reason());
    assertTrue(e.getMessage().contains("no first word within 1 seconds"), e.getMessage());
    assertTrue(elapsedMillis < 3000, "gave up after " + elapsedMillis + " ms");
    assertTrue(deltas.isEmpty());
  }

  @Test
  void aStreamThatStallsFailsAtTheIdleLimitKeepingWhatArrived() throws Exception {
    server.replyWith("a", "b", "c", "d").chunkDelay(Duration.ofMillis(900));
    java.util.concurrent.CompletableFuture<String> partial =
        new java.util.concurrent.CompletableFuture<>();
    java.util.concurrent.CompletableFuture<ModelUnavailableException> failure =
        new java.util.concurrent.CompletableFuture<>();

    withLimits(5000, 400, 10_000).stream(
        endpoint(KEY),
        CONVERSATION,
        new ReplyListener() {
          @Override
          public void delta(String text) {}

          @Override
          public void completed(String reply) {
            failure.complete(null);
          }

          @Override
          public void failed(ModelUnavailableException e, String arrived) {
            partial.complete(arrived);
            failure.complete(e);
          }
        });

    ModelUnavailableException e = failure.get(10, java.util.concurrent.TimeUnit.SECONDS);
    assertEquals(Reason.TIMEOUT, e.reason());
    assertTrue(e.getMessage().contains("stalled"), e.getMessage());
    assertEquals("a", partial.get(), "what came before the stream stalled is kept");
  }

  @Test
  void aReplyLongerThanTheWholeLimitFailsWithWhatArrived() {
    server.replyWith("a", "b", "c", "d", "e", "f").chunkDelay(Duration.ofMillis(300));
    long start = System.nanoTime();

    ModelUnavailableException e =
        assertThrows(
            ModelUnavailableException.class,
            () -> complete(withLimits(5000, 5000, 1000), endpoint(KEY), CONVERSATION, deltas::add));

    long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
    assertEquals(Reason.TIMEOUT, e.reason());
    assertTrue(e.getMessage().contains("no complete reply within 1 seconds"), e.getMessage());
    assertTrue(elapsedMillis < 3000, "gave up after " + elapsedMillis + " ms");
    assertFalse(deltas.isEmpty(), "pieces before the limit were still delivered");
  }

  @Test
  void aListenerThatThrowsStopsTheReplyAndTheServerSeesTheConnectionClose() throws Exception {
    server.replyWith("a", "b", "c", "d", "e", "f", "g", "h").chunkDelay(Duration.ofMillis(100));

    ModelUnavailableException e =
        assertThrows(
            ModelUnavailableException.class,
            () ->
                complete(
                    client,
                    endpoint(KEY),
                    CONVERSATION,
                    d -> {
                      throw new IllegalStateException("browser went away");
                    }));

    assertEquals(Reason.CANCELLED, e.reason());
    awaitLeftByClient();
  }

  @Test
  void cancellingAReplyClosesTheConnectionToTheModel() throws Exception {
    server.replyWith("a", "b", "c", "d", "e", "f", "g", "h").chunkDelay(Duration.ofMillis(100));
    CountDownLatch first = new CountDownLatch(1);
    java.util.concurrent.CompletableFuture<String> partial =
        new java.util.concurrent.CompletableFuture<>();

    ModelClient.InFlight reply =
        client.stream(
            endpoint(KEY),
            CONVERSATION,
            new ReplyListener() {
              @Override
              public void delta(String text) {
                first.countDown();
              }

              @Override
              public void completed(String whole) {
                partial.complete("completed: " + whole);
              }

              @Override
              public void failed(ModelUnavailableException failure, String arrived) {
                partial.complete(failure.reason() + ": " + arrived);
              }
            });
    assertTrue(first.await(5, java.util.concurrent.TimeUnit.SECONDS));
    reply.cancel();

    assertTrue(partial.get(5, java.util.concurrent.TimeUnit.SECONDS).startsWith("CANCELLED: a"));
    assertTrue(reply.over());
    awaitLeftByClient();
  }

  private void awaitLeftByClient() throws InterruptedException {
    for (int i = 0; i < 50 && server.streamsLeftByClient() == 0; i++) {
      Thread.sleep(100);
    }
    assertEquals(1, server.streamsLeftByClient(), "the model server saw the connection close");
  }

  @Test
  void unusableSettingsFailWithoutSendingAndWithoutShowingTheKey() {
    String keyWithNewline = "sk-abc\r\nX-Evil: 1";
    ModelUnavailableException badKey =
        assertThrows(ModelUnavailableException.class, () -> complete(endpoint(keyWithNewline)));
    ModelUnavailableException badUrl =
        assertThrows(
            ModelUnavailableException.class,
            () -> complete(new ModelEndpoint(URI.create("ftp://example.org/v1"), KEY, MODEL)));

    assertEquals(Reason.INVALID_SETTINGS, badKey.reason());
    assertFalse(badKey.getMessage().contains("sk-abc"), badKey.getMessage());
    assertEquals(Reason.INVALID_SETTINGS, badUrl.reason());
    assertTrue(server.requests().isEmpty());
  }

  @Test
  void toStringOfEndpointAndTurnHidesKeyAndContent() {
    ModelEndpoint endpoint =
        new ModelEndpoint(URI.create("https://user:pw@api.example.org/v1?k=1"), "sk-secret", MODEL);

    assertFalse(endpoint.toString().contains("sk-secret"), endpoint.toString());
    assertFalse(endpoint.toString().contains("pw"), endpoint.toString());
    assertFalse(Turn.user("my secret essay").toString().contains("essay"));
  }

  @Test
  void temperatureIsSentOnlyWhenSet() throws Exception {
    complete(new ModelEndpoint(server.baseUri(), KEY, MODEL, 0.25));
    assertEquals(0.25, server.lastRequest().body().getJsonNumber("temperature").doubleValue());

    complete(endpoint(KEY));
    assertFalse(server.lastRequest().body().containsKey("temperature"));
  }

  @Test
  void theModelListIsReadInOpenAisFormatWithTheKey() {
    server.requireApiKey(KEY).listModels("gpt-a", "gpt-b");

    assertEquals(
        java.util.Optional.of(List.of("gpt-a", "gpt-b")),
        client.models(URI.create(server.baseUrl() + "/"), KEY, Duration.ofSeconds(3)));
    RecordedRequest asked = server.lastRequest();
    assertEquals("GET", asked.method());
    assertEquals(FakeChatCompletionsServer.MODELS_PATH, asked.path());
    assertEquals("Bearer " + KEY, asked.header("Authorization").orElseThrow());
  }

  @Test
  void noModelListWhenTheServerHasNoneRefusesOrIsAway() throws Exception {
    Duration wait = Duration.ofSeconds(3);
    assertEquals(java.util.Optional.empty(), client.models(server.baseUri(), KEY, wait), "404");
    server.requireApiKey("another").listModels("gpt-a");
    assertEquals(java.util.Optional.empty(), client.models(server.baseUri(), KEY, wait), "401");
    URI away;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
      away = URI.create("http://127.0.0.1:" + free.getLocalPort() + "/v1");
    }
    assertEquals(java.util.Optional.empty(), client.models(away, KEY, wait), "refused");
  }

  @Test
  void aModelListThatDoesNotComeInTimeIsNone() throws Exception {
    try (java.net.ServerSocket silent = new java.net.ServerSocket(0)) {
      URI base = URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/v1");
      long start = System.nanoTime();
      assertEquals(java.util.Optional.empty(), client.models(base, KEY, Duration.ofMillis(300)));
      assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 2_000);
    }
  }
}
