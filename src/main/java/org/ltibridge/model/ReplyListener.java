package org.ltibridge.model;

/**
 * Receives one streamed reply. {@link #delta} is called for each piece, in order, never two at
 * once; then exactly one of {@link #completed} and {@link #failed}, once. Calls come from the HTTP
 * client's threads (or a timer's); each should return quickly and must not block on the database.
 */
public interface ReplyListener {

  /** A new piece of the reply (never empty). Throwing stops the reply as {@link #failed}. */
  void delta(String text);

  /** The whole reply, the concatenation of all pieces. */
  void completed(String reply);

  /**
   * No complete reply: why (a message fit to show the person), and what had arrived before (empty
   * when nothing had).
   */
  void failed(ModelUnavailableException failure, String partial);
}
