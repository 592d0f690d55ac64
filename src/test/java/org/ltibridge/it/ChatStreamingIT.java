package org.ltibridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ltibridge.it.Lms.Person;
import org.ltibridge.system.control.SecretBox;
import org.ltibridge.testsupport.FakeChatCompletionsServer;

/**
 * A class chatting at once, over real HTTP, against a fake model speaking OpenAI's streaming wire
 * protocol: a reply holds no request thread (an instance with four request threads streams a dozen
 * replies at once); beyond the organisation's limit students wait in line in their order and are
 * told their place; a student who leaves cancels the model's request (the model sees its connection
 * close) and what had arrived is kept, marked; a silent or stalled model and a malformed stream end
 * with a notice. The server runs with 3-second limits for the first word and for a stalled stream
 * (pom.xml).
 */
class ChatStreamingIT extends ItBase {

  FakeChatCompletionsServer model;
  Lms lms;
  String placement;
  long org;
  long assistantId;

  @BeforeEach
  void aClassWithAnAssistant() throws Exception {
    model = FakeChatCompletionsServer.start();
    String slug = "hall-" + UUID.randomUUID().toString().substring(0, 8);
    org = db().organization(slug, model.baseUrl(), SecretBox.withKey(ChatIT.TEST_KEY).encrypt("k"));
    String instructor = "teacher-" + slug + "@example.edu";
    db().creatorIn(org, instructor);
    assistantId = db().publishedAssistant(org, "Tutor " + slug, "tutor-model", "Be brief.");
    lms = lms();
    placement = Lms.newPlacement();
    Http.Res launch = lms.launch(Person.instructor(instructor), placement);
    Http.Res configured =
        http()
            .postForm(
                "/lamb/v1/lti/configure",
                "token=" + launch.locationToken() + "&assistant_ids=" + assistantId);
    assertEquals(303, configured.status(), configured.body());
  }

  @AfterEach
  void stopModel() {
    model.close();
  }

  /** A student launched and arrived in the chat (no transcript consent asked here). */
  String student() {
    Http.Res launch = lms.launch(Person.student(), placement);
    assertTrue(launch.location().startsWith("/lamb/v1/lti/chat?token="), launch.location());
    return launch.locationToken();
  }

  String message(String text) {
    return "{\"assistantId\": " + assistantId + ", \"content\": \"" + text + "\"}";
  }

  /** Sends a message; its events ("name:data") are read as they come; the future ends with them. */
  static CompletableFuture<List<String>> sendAsync(URI base, String token, String json) {
    return sendAsync(base, token, json, new java.util.concurrent.CopyOnWriteArrayList<>());
  }

  /** The same, each event added to {@code heard} as it arrives. */
  static CompletableFuture<List<String>> sendAsync(
      URI base, String token, String json, List<String> heard) {
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve("lamb/v1/lti/chat/messages"))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + token)
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build();
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            HttpResponse<InputStream> res =
                HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (BufferedReader in =
                new BufferedReader(new InputStreamReader(res.body(), StandardCharsets.UTF_8))) {
              String name = null;
              for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith("event:")) {
                  name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                  heard.add(name + ":" + line.substring(5).strip());
                }
              }
            }
            return List.copyOf(heard);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
  }

  String lastReplyStatus(long conversation) {
    return db().string(
            "SELECT status FROM chat_messages WHERE conversation_id = ? AND role = 'ASSISTANT'"
                + " ORDER BY id DESC LIMIT 1",
            conversation);
  }

  String lastReply(long conversation) {
    return db().string(
            "SELECT content FROM chat_messages WHERE conversation_id = ? AND role = 'ASSISTANT'"
                + " ORDER BY id DESC LIMIT 1",
            conversation);
  }

  static long conversationOf(List<String> events) {
    assertTrue(events.get(0).startsWith("conversation:"), events.toString());
    return Long.parseLong(events.get(0).replaceAll("\\D", ""));
  }

  /**
   * An instance whose request thread pool holds four threads streams twelve replies at once: a
   * reply in flight holds no request thread.
   */
  @Test
  void anInstanceWithFourRequestThreadsStreamsTwelveRepliesAtOnce() throws Exception {
    // Payara's own pool is what is made small; the WildFly pass runs the other tests.
    Assumptions.assumeTrue(
        System.getProperty("it.wildfly.home") == null, "Payara's request thread pool");
    Path preBoot = Path.of("target/pre-boot-four-threads.asadmin");
    Files.writeString(
        preBoot,
        Files.readString(Path.of("server-config/pre-boot-commands.asadmin"))
            + "\nset configs.config.server-config.thread-pools.thread-pool.http-thread-pool"
            + ".max-thread-pool-size=4\n"
            + "set configs.config.server-config.thread-pools.thread-pool.http-thread-pool"
            + ".min-thread-pool-size=1\n");
    model.replyWith("One ", "piece ", "at ", "a ", "time.").chunkDelay(Duration.ofMillis(600));
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      tokens.add(student());
    }
    try (PayaraProcess small =
        new PayaraProcess(base())
            .preBoot(preBoot.toString())
            .log("target/it-four-threads.log")
            .start()) {
      List<CompletableFuture<List<String>>> replies = new ArrayList<>();
      for (String token : tokens) {
        replies.add(sendAsync(small.base(), token, message("Go")));
      }
      for (CompletableFuture<List<String>> reply : replies) {
        List<String> events = reply.get(60, TimeUnit.SECONDS);
        assertTrue(
            events.get(events.size() - 1).equals("done:{\"text\":\"One piece at a time.\"}"),
            events.toString());
      }
    }
    assertEquals(
        12,
        model.mostStreamsOpen(),
        "all twelve replies were streaming from the model at the same moment");
  }

  /**
   * With a limit of one request at once, the second and third student wait, are told their place,
   * and are answered in the order they came; the model never has two requests at once.
   */
  @Test
  void beyondTheLimitStudentsWaitInTheirOrderAndAreToldTheirPlace() throws Exception {
    db().update("UPDATE organizations SET model_max_concurrent = 1 WHERE id = ?", org);
    model.replyWith("Slow ", "answer.").chunkDelay(Duration.ofMillis(1500));
    String first = student();
    String second = student();
    String third = student();

    CompletableFuture<List<String>> a = sendAsync(base(), first, message("first"));
    waitUntil(() -> model.streamsOpen() == 1);
    List<String> heardB = new java.util.concurrent.CopyOnWriteArrayList<>();
    CompletableFuture<List<String>> b = sendAsync(base(), second, message("second"), heardB);
    waitUntil(() -> heardB.size() >= 2); // b is in line
    CompletableFuture<List<String>> c = sendAsync(base(), third, message("third"));

    List<String> eventsA = a.get(30, TimeUnit.SECONDS);
    List<String> eventsB = b.get(30, TimeUnit.SECONDS);
    List<String> eventsC = c.get(30, TimeUnit.SECONDS);
    assertTrue(eventsA.stream().noneMatch(e -> e.startsWith("waiting:")), eventsA.toString());
    assertEquals("waiting:{\"place\":1}", eventsB.get(1), eventsB.toString());
    assertEquals("waiting:{\"place\":2}", eventsC.get(1), eventsC.toString());
    assertTrue(eventsC.contains("waiting:{\"place\":1}"), "c moved up: " + eventsC);
    for (List<String> events : List.of(eventsA, eventsB, eventsC)) {
      assertEquals("done:{\"text\":\"Slow answer.\"}", events.get(events.size() - 1));
    }
    List<String> order =
        model.completions().stream()
            .map(r -> r.body().getJsonArray("messages").getJsonObject(1).getString("content"))
            .toList();
    assertEquals(List.of("first", "second", "third"), order);
    assertEquals(1, model.mostStreamsOpen());
  }

  /**
   * A student who leaves (closes the connection, as the page's Stop does) stops the model's request
   * at once: the model sees its connection close, and what had arrived is kept, marked PARTIAL.
   */
  @Test
  void aStudentWhoLeavesCancelsTheModelsRequestAndThePartialReplyIsKept() throws Exception {
    model
        .replyWith("Kept ", "part. ", "Never ", "sent ", "1 ", "2 ", "3 ", "4 ", "5 ", "6.")
        .chunkDelay(Duration.ofMillis(500));
    String token = student();
    byte[] body = message("Tell me").getBytes(StandardCharsets.UTF_8);
    long conversation = 0;
    int deltas = 0;
    // A plain socket, closed as a browser closes it when the page goes or Stop aborts the fetch.
    try (java.net.Socket socket = new java.net.Socket(base().getHost(), base().getPort())) {
      socket
          .getOutputStream()
          .write(
              ("POST /lamb/v1/lti/chat/messages HTTP/1.1\r\nHost: "
                      + base().getHost()
                      + "\r\nContent-Type: application/json\r\nAuthorization: Bearer "
                      + token
                      + "\r\nContent-Length: "
                      + body.length
                      + "\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().write(body);
      socket.getOutputStream().flush();
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      for (String line; (line = in.readLine()) != null && deltas < 2; ) {
        String data = line.startsWith("data:") ? line.substring(5).strip() : "";
        if (data.startsWith("{\"id\":")) {
          conversation = Long.parseLong(data.replaceAll("\\D", ""));
        } else if (data.startsWith("{\"text\":")) {
          deltas++;
        }
      }
    }
    assertEquals(2, deltas);

    waitUntil(() -> model.streamsLeftByClient() == 1);
    long id = conversation;
    waitUntil(() -> lastReplyStatus(id) != null);
    assertEquals("PARTIAL", lastReplyStatus(id));
    assertTrue(lastReply(id).startsWith("Kept part."), lastReply(id));
    assertTrue(!lastReply(id).contains("6."), lastReply(id));
  }

  /** A model that says nothing within the first-word limit: a notice, the failure stored. */
  @Test
  void aSilentModelEndsWithANoticeAtTheFirstWordLimit() throws Exception {
    model.firstDelay(Duration.ofSeconds(8));
    List<String> events = ChatIT.send(student(), message("Hello?"));
    String last = events.get(events.size() - 1);
    assertTrue(last.startsWith("notice:") && last.contains("no first word within 3 seconds"), last);
    assertEquals("FAILED", lastReplyStatus(conversationOf(events)));
  }

  /** A stream that stalls after its first piece: the piece is kept, marked, with a notice. */
  @Test
  void aStalledStreamKeepsWhatArrivedMarked() throws Exception {
    model.replyWith("Half ", "of it.").holdAfterFirstPieceUntil(new CountDownLatch(1));
    List<String> events = ChatIT.send(student(), message("Hello?"));
    String last = events.get(events.size() - 1);
    assertTrue(last.startsWith("notice:") && last.contains("stalled for 3 seconds"), last);
    assertTrue(last.contains("\"partial\":\"Half \""), last);
    long conversation = conversationOf(events);
    assertEquals("PARTIAL", lastReplyStatus(conversation));
    assertEquals("Half", lastReply(conversation).strip());
  }

  /** Chunks that are not OpenAI's format: a notice that says so, the failure stored. */
  @Test
  void malformedChunksEndWithANotice() throws Exception {
    model.streamRaw("data: {\"choices\": [oops\n\ndata: [DONE]\n\n");
    List<String> events = ChatIT.send(student(), message("Hello?"));
    String last = events.get(events.size() - 1);
    assertTrue(last.startsWith("notice:") && last.contains("chat-completions format"), last);
    assertEquals("FAILED", lastReplyStatus(conversationOf(events)));
  }

  static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within 20 s");
      }
      Thread.sleep(50);
    }
  }
}
