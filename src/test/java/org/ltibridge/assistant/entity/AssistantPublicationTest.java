package org.ltibridge.assistant.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The Student LTI consumer key derived from an assistant's creator and name, as LAMB does it. */
class AssistantPublicationTest {

  @Test
  void keyIsCreatorIdAndTheNameWithOnlySafeCharacters() {
    assertEquals("7_Physics_Tutor", AssistantPublication.consumerKey(7L, "Physics Tutor"));
    assertEquals("7_Essay-Coach_v2", AssistantPublication.consumerKey(7L, " Essay-Coach (v2)!"));
    assertEquals("12_Resume_Helfer", AssistantPublication.consumerKey(12L, "Résumé Helfer"));
  }

  @Test
  void anAssistantWithoutCreatorOrUsableNameStillGetsAKey() {
    assertEquals("Tutor", AssistantPublication.consumerKey(null, "Tutor"));
    assertEquals("3_assistant", AssistantPublication.consumerKey(3L, "日本語"));
  }

  @Test
  void keyIsAtMostFiftyCharacters() {
    String key = AssistantPublication.consumerKey(123L, "x".repeat(80));
    assertEquals(50, key.length());
    assertEquals("123_" + "x".repeat(46), key);
  }
}
