package org.ltibridge.admin.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ltibridge.system.control.Problem;

class ModelEndpointsTest {

  @Test
  void blankMeansNoEndpoint() {
    assertNull(ModelEndpoints.validBaseUrl(null));
    assertNull(ModelEndpoints.validBaseUrl("   "));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://api.openai.com/v1",
        "http://localhost:11434/v1/",
        "HTTPS://models.example.edu",
        "http://[::1]:8000/v1"
      })
  void acceptsAbsoluteHttpUrls(String url) {
    assertEquals(url, ModelEndpoints.validBaseUrl("  " + url + " "));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "api.openai.com/v1",
        "/v1",
        "ftp://models.example.edu",
        "javascript:alert(1)",
        "https://user:secret@models.example.edu/v1",
        "https://models.example.edu/v1?key=abc",
        "https://models.example.edu/v1#x",
        "https:///v1",
        "https://exa mple.edu"
      })
  void refusesEverythingElse(String url) {
    Problem refused = assertThrows(Problem.class, () -> ModelEndpoints.validBaseUrl(url));
    assertEquals(400, refused.status());
    assertEquals(ModelEndpoints.ERROR_URL, refused.detail());
  }

  @Test
  void refusesOverlongUrls() {
    String url = "https://models.example.edu/" + "a".repeat(ModelEndpoints.MAX_URL);
    assertThrows(Problem.class, () -> ModelEndpoints.validBaseUrl(url));
  }
}
