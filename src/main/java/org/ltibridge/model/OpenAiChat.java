package org.ltibridge.model;

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
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * OpenAI's chat-completions format (API reference, "Create chat completion" and "The chat
 * completion chunk object"; "List models"), as OpenAI, Ollama, vLLM, llama.cpp and LiteLLM speak
 * it: the request, a streamed chunk, a whole (non-streamed) reply, an error body. Knows nothing of
 * HTTP.
 */
final class OpenAiChat {

  /** The data of the event that ends a stream. */
  static final String DONE = "[DONE]";

  private static final JsonReaderFactory READERS = Json.createReaderFactory(null);
  private static final JsonBuilderFactory BUILDERS = Json.createBuilderFactory(null);

  /** What one streamed chunk says: a piece of text (maybe empty), and whether the reply ended. */
  record Piece(String text, boolean finished) {
    static final Piece NOTHING = new Piece("", false);
  }

  private OpenAiChat() {}

  /** {@code {"model", "messages", "stream": true[, "temperature"]}}. */
  static String request(ModelEndpoint endpoint, List<Turn> turns) {
    JsonArrayBuilder messages = BUILDERS.createArrayBuilder();
    for (Turn turn : turns) {
      messages.add(
          BUILDERS.createObjectBuilder().add("role", turn.role()).add("content", turn.content()));
    }
    JsonObjectBuilder body =
        BUILDERS
            .createObjectBuilder()
            .add("model", endpoint.model())
            .add("messages", messages)
            .add("stream", true);
    if (endpoint.temperature() != null) {
      body.add("temperature", endpoint.temperature());
    }
    return body.build().toString();
  }

  /**
   * One streamed chunk's {@code choices[0].delta.content} and whether it carries a {@code
   * finish_reason}. Chunks without choices exist (OpenAI's usage chunk); they carry nothing.
   */
  static Piece chunk(String data, Redaction redaction) throws ModelUnavailableException {
    JsonObject chunk = object(data).orElseThrow(ModelErrors::malformed);
    throwIfError(chunk, redaction);
    Optional<JsonObject> choice = firstChoice(chunk);
    if (choice.isEmpty()) {
      return Piece.NOTHING;
    }
    String text =
        choice.flatMap(c -> object(c, "delta")).flatMap(d -> string(d, "content")).orElse("");
    return new Piece(text, string(choice.get(), "finish_reason").isPresent());
  }

  /** A server that ignored {@code stream: true}: {@code choices[0].message.content}. */
  static String wholeReply(String json, Redaction redaction) throws ModelUnavailableException {
    JsonObject root = object(json).orElseThrow(ModelErrors::malformed);
    throwIfError(root, redaction);
    JsonObject message =
        firstChoice(root).flatMap(c -> object(c, "message")).orElseThrow(ModelErrors::malformed);
    return string(message, "content").orElse("");
  }

  /** The ids of {@code {"data": [{"id": …}, …]}}; empty for anything else. */
  static Optional<List<String>> modelIds(String json) {
    Optional<JsonObject> root = object(json);
    if (root.isEmpty() || !(root.get().get("data") instanceof JsonArray data)) {
      return Optional.empty();
    }
    List<String> ids = new ArrayList<>();
    for (JsonValue model : data) {
      if (!(model instanceof JsonObject o && o.get("id") instanceof JsonString id)) {
        return Optional.empty();
      }
      ids.add(id.getString());
    }
    return Optional.of(List.copyOf(ids));
  }

  /**
   * The human-readable part of an error body: OpenAI's {@code error.message}, or what other
   * compatible servers use ({@code error} as a string in Ollama, {@code message}, {@code detail}).
   */
  static Optional<String> errorMessage(String body) {
    return object(body).flatMap(OpenAiChat::errorMessage);
  }

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

  private static void throwIfError(JsonObject object, Redaction redaction)
      throws ModelUnavailableException {
    JsonValue error = object.get("error");
    if (error != null && error.getValueType() != JsonValue.ValueType.NULL) {
      throw ModelErrors.reported(errorMessage(object), redaction);
    }
  }

  private static Optional<JsonObject> object(String text) {
    try (JsonReader reader = READERS.createReader(new StringReader(text))) {
      return Optional.of(reader.readObject());
    } catch (JsonException | IllegalStateException e) {
      return Optional.empty();
    }
  }

  private static Optional<JsonObject> firstChoice(JsonObject root) {
    return root.get("choices") instanceof JsonArray array
            && !array.isEmpty()
            && array.get(0) instanceof JsonObject choice
        ? Optional.of(choice)
        : Optional.empty();
  }

  private static Optional<JsonObject> object(JsonObject parent, String name) {
    return parent.get(name) instanceof JsonObject child ? Optional.of(child) : Optional.empty();
  }

  private static Optional<String> string(JsonObject parent, String name) {
    return parent.get(name) instanceof JsonString text
        ? Optional.of(text.getString())
        : Optional.empty();
  }
}
