package org.ltibridge.admin.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDateTime;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ltibridge.org.entity.Organization;
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
    assertEquals(ModelEndpoints.ERROR_URL.english(), refused.detail());
  }

  @Test
  void refusesOverlongUrls() {
    String url = "https://models.example.edu/" + "a".repeat(ModelEndpoints.MAX_URL);
    assertThrows(Problem.class, () -> ModelEndpoints.validBaseUrl(url));
  }

  // --- the cap on concurrent model requests ---------------------------------------------------

  @Test
  void anEmptyCapMeansTheDefault() {
    assertNull(ModelEndpoints.maxConcurrent(null));
    assertNull(ModelEndpoints.maxConcurrent(""));
    assertNull(ModelEndpoints.maxConcurrent("   "));
    assertNull(ModelEndpoints.validMaxConcurrent(null));
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", " 40 ", "100", "10000", "007"})
  void acceptsWholeNumbersFromOneToTenThousand(String typed) {
    assertEquals(Integer.valueOf(typed.strip()), ModelEndpoints.maxConcurrent(typed));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0",
        "-1",
        "10001",
        "abc",
        "2.5",
        "1e3",
        "+5",
        "1 000",
        "99999999999999",
        "\u0663",
        "0x10"
      })
  void refusesAnyOtherCapWithAReason(String typed) {
    Problem refused = assertThrows(Problem.class, () -> ModelEndpoints.maxConcurrent(typed));
    assertEquals(400, refused.status());
    assertEquals(ModelEndpoints.ERROR_MAX_CONCURRENT.english(), refused.detail());
  }

  @Test
  void applySetsTheCapAndAnEmptyOneClearsIt() {
    Organization org = new Organization("physics", "Physics", LocalDateTime.now());
    ModelEndpoints endpoints = new ModelEndpoints();
    ModelEndpoints.Endpoint set =
        endpoints.apply(org, "https://models.example.edu/v1", "", false, 40, "test");
    assertEquals(40, set.maxConcurrent());
    assertEquals(OptionalInt.of(40), org.modelMaxConcurrent());
    ModelEndpoints.Endpoint cleared =
        endpoints.apply(org, "https://models.example.edu/v1", "", false, null, "test");
    assertNull(cleared.maxConcurrent());
    assertEquals(OptionalInt.empty(), org.modelMaxConcurrent());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, 10001, Integer.MIN_VALUE, Integer.MAX_VALUE})
  void applyRefusesACapOutOfRangeAndWritesNothing(int cap) {
    Organization org = new Organization("physics", "Physics", LocalDateTime.now());
    ModelEndpoints endpoints = new ModelEndpoints();
    endpoints.apply(org, "https://models.example.edu/v1", "", false, 40, "test");
    Problem refused =
        assertThrows(
            Problem.class,
            () -> endpoints.apply(org, "https://other.example.edu/v1", "", false, cap, "test"));
    assertEquals(ModelEndpoints.ERROR_MAX_CONCURRENT.english(), refused.detail());
    assertEquals(OptionalInt.of(40), org.modelMaxConcurrent());
    assertEquals("https://models.example.edu/v1", org.modelBaseUrl().orElseThrow());
  }
}
