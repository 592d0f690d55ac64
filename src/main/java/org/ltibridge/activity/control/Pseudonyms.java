package org.ltibridge.activity.control;

import org.ltibridge.system.control.Randomness;

/**
 * LAMB lti_landscape.md §18.7 and §19 item 13: pseudonyms are random, not "Student N" by arrival
 * order, so an instructor who knows when students arrived cannot tell who is who. Stored per
 * activity user, so stable across visits; unique per activity (the database enforces it, a
 * collision retries).
 */
public final class Pseudonyms {

  // No 0/O, 1/I/L: readable aloud and unambiguous on screen.
  private static final char[] ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789".toCharArray();

  private Pseudonyms() {}

  public static String next() {
    char[] code = new char[5];
    for (int i = 0; i < code.length; i++) {
      code[i] = ALPHABET[Randomness.SECURE.nextInt(ALPHABET.length)];
    }
    return "Student " + new String(code);
  }
}
