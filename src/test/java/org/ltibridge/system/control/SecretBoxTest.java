package org.ltibridge.system.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** AES-GCM sealing with one reused cipher per thread. */
class SecretBoxTest {

  private final SecretBox box = SecretBox.withKey(key(1));

  @Test
  void whatIsSealedOpensAgainAndEachSealingDiffers() {
    byte[] plain = "a login in progress".getBytes(StandardCharsets.UTF_8);
    byte[] first = box.seal(plain);
    byte[] second = box.seal(plain);

    assertNotEquals(Arrays.toString(first), Arrays.toString(second), "a fresh IV every time");
    assertArrayEquals(plain, box.open(first).orElseThrow());
    assertArrayEquals(plain, box.open(second).orElseThrow());
    assertEquals("secret", box.decrypt(box.encrypt("secret")));
  }

  @Test
  void aChangedTruncatedOrForeignValueDoesNotOpenAndTheCipherStaysUsable() {
    byte[] sealed = box.seal("state".getBytes(StandardCharsets.UTF_8));
    byte[] changed = sealed.clone();
    changed[changed.length - 1] ^= 1;

    assertEquals(Optional.empty(), box.open(changed));
    assertEquals(Optional.empty(), box.open(Arrays.copyOf(sealed, 20)));
    assertEquals(Optional.empty(), box.open(null));
    assertEquals(Optional.empty(), SecretBox.withKey(key(2)).open(sealed));
    assertThrows(IllegalStateException.class, () -> box.decrypt("v1:" + "A".repeat(40)));

    // The same thread's cipher, after the refusals, seals and opens as before.
    byte[] again = box.seal("next".getBytes(StandardCharsets.UTF_8));
    assertEquals("next", new String(box.open(again).orElseThrow(), StandardCharsets.UTF_8));
    assertEquals("state", new String(box.open(sealed).orElseThrow(), StandardCharsets.UTF_8));
  }

  private static byte[] key(int fill) {
    byte[] key = new byte[32];
    Arrays.fill(key, (byte) fill);
    return key;
  }
}
