package org.ltibridge.admin.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ltibridge.admin.control.ModelEndpoints;
import org.ltibridge.system.control.Problem;

/**
 * How the model endpoint's {@code PUT} reads {@code max_concurrent}: absent keeps the cap, null
 * asks for the default, a whole number is passed on (its range is checked by {@link
 * ModelEndpoints}), and anything else is refused with the same words as a number out of range.
 */
class AdminModelEndpointResourceTest {

  static AdminModelEndpointResource.EndpointChange change(String cap) {
    return AdminModelEndpointResource.EndpointChange.of(
        "{\"base_url\": \"https://models.example.edu/v1\""
            + (cap == null ? "" : ", \"max_concurrent\": " + cap)
            + "}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "40", "10000", "0", "-1", "10001", "1e2", "40.0"})
  void aWholeNumberIsPassedOnAsItIs(String cap) {
    AdminModelEndpointResource.EndpointChange c = change(cap);
    assertTrue(c.capGiven());
    assertEquals(new java.math.BigDecimal(cap).intValueExact(), c.maxConcurrent());
  }

  @org.junit.jupiter.api.Test
  void nullAsksForTheDefaultAndAbsenceKeepsTheCap() {
    AdminModelEndpointResource.EndpointChange asDefault = change("null");
    assertTrue(asDefault.capGiven());
    assertNull(asDefault.maxConcurrent());
    AdminModelEndpointResource.EndpointChange kept = change(null);
    assertFalse(kept.capGiven());
    assertNull(kept.maxConcurrent());
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"abc\"", "\"40\"", "2.5", "true", "[40]", "{}", "1e20", "99999999999"})
  void anythingElseIsRefusedWithTheRule(String cap) {
    Problem refused = assertThrows(Problem.class, () -> change(cap));
    assertEquals(400, refused.status());
    assertEquals(ModelEndpoints.ERROR_MAX_CONCURRENT.english(), refused.detail());
  }
}
