package org.ltibridge.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A model's failure reads in the chat's language; the log and the stored reply stay English. */
class ModelErrorsTest {

  @Test
  void aRefusedRequestIsExplainedInEitherLanguageWithTheServersOwnWordsRedacted() {
    ModelUnavailableException e =
        ModelErrors.status(
            401,
            "{\"error\": {\"message\": \"Incorrect API key provided: sk-secret\"}}",
            new Redaction("sk-secret"));
    assertEquals(
        "The assistant's language model did not answer (HTTP 401: check the API key in the"
            + " organisation settings). The server said: \"Incorrect API key provided: "
            + e.getMessage().substring(e.getMessage().lastIndexOf(": ") + 2),
        e.getMessage());
    assertEquals(e.getMessage(), e.message("en"));
    String es = e.message("es");
    assertTrue(
        es.startsWith(
            "El modelo de lenguaje del asistente no respondió (HTTP 401: revisa la clave de API"),
        es);
    assertTrue(es.contains("El servidor dijo: \"Incorrect API key provided"), es);
    assertTrue(!es.contains("sk-secret") && !e.getMessage().contains("sk-secret"), es);
  }

  @Test
  void aTimeLimitNamesItsSecondsPlainly() {
    ModelUnavailableException e =
        ModelErrors.timeout(ModelErrors.Limit.FIRST_WORD, Duration.ofMillis(1500));
    assertEquals(
        "The assistant's language model did not answer (no first word within 2 seconds: try"
            + " again later).",
        e.getMessage());
    assertEquals(
        "El modelo de lenguaje del asistente no respondió (ninguna primera palabra en 2 segundos:"
            + " inténtalo más tarde).",
        e.message("es"));
  }
}
