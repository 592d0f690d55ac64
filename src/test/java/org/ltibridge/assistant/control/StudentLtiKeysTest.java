package org.ltibridge.assistant.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ltibridge.assistant.control.StudentLtiKeys.Source;

/**
 * The one rule of which secret checks a legacy link (LAMB lti_landscape.md §7.1, §18.3): the
 * assistant's own, else the organisation's Student LTI secret, else the instance-wide {@code
 * LTI_SECRET}, else none; all eight combinations.
 */
class StudentLtiKeysTest {

  @ParameterizedTest(name = "assistant {0}, organisation {1}, instance {2} -> {3}")
  @CsvSource({
    "true,  true,  true,  ASSISTANT",
    "true,  true,  false, ASSISTANT",
    "true,  false, true,  ASSISTANT",
    "true,  false, false, ASSISTANT",
    "false, true,  true,  ORGANIZATION",
    "false, true,  false, ORGANIZATION",
    "false, false, true,  INSTANCE",
    "false, false, false, NONE"
  })
  void theFirstSecretInOrderApplies(
      boolean assistant, boolean organization, boolean instance, Source expected) {
    assertEquals(expected, StudentLtiKeys.sourceOf(assistant, organization, instance));
  }

  @Test
  void aBlankLtiSecretCountsAsNone() {
    StudentLtiKeys keys = new StudentLtiKeys();
    keys.instanceSecret = Optional.of("  ");
    assertFalse(keys.instanceHasOne());
    keys.instanceSecret = Optional.empty();
    assertFalse(keys.instanceHasOne());
    keys.instanceSecret = Optional.of("lamb-secret");
    assertTrue(keys.instanceHasOne());
  }

  @Test
  void forgettingOutsideATransactionForgetsAtOnce() {
    StudentLtiKeys keys = new StudentLtiKeys();
    keys.forgetAtCommit("Physics Tutor");
    keys.forgetAtCommit(null);
  }
}
