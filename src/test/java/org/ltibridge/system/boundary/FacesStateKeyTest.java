package org.ltibridge.system.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Base64;
import org.junit.jupiter.api.Test;

/** LTI_BRIDGE_FACES_STATE_KEY: an AES key of 16, 24 or 32 bytes, or the start stops. */
class FacesStateKeyTest {

  @Test
  void aesKeyLengthsAreAccepted() {
    for (int length : new int[] {16, 24, 32}) {
      String encoded = Base64.getEncoder().encodeToString(new byte[length]);
      assertEquals(length, FacesStateKey.parse(encoded).getEncoded().length);
    }
  }

  @Test
  void anythingElseStopsTheStartWithoutShowingTheValue() {
    for (String bad :
        new String[] {
          "not base64 at all!", Base64.getEncoder().encodeToString(new byte[31]), "c2hvcnQ="
        }) {
      IllegalStateException e =
          assertThrows(IllegalStateException.class, () -> FacesStateKey.parse(bad));
      assertEquals(FacesStateKey.MALFORMED, e.getMessage());
      assertFalse(e.getMessage().contains(bad));
    }
  }
}
