package org.ltibridge.keys.control;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * When each generation of signing key signs, is published and may be deleted. Pure arithmetic over
 * the stored times, so every instance sharing the database reaches the same answer at the same
 * moment without talking to the others.
 *
 * <ul>
 *   <li>A key signs from its {@code signsFrom} until the next generation's {@code signsFrom}.
 *   <li>A new key is created {@code publishAhead} before it signs, so tools that cache our JWKS see
 *       it before they meet a token signed with it.
 *   <li>A key that stopped signing stays published for {@code retainAfter} (longer than anything we
 *       sign lives), then it is deleted.
 * </ul>
 */
public record KeySchedule(Duration rotateEvery, Duration publishAhead, Duration retainAfter) {

  public KeySchedule {
    if (rotateEvery.compareTo(publishAhead) <= 0) {
      throw new IllegalArgumentException("Keys must rotate less often than they are pre-published");
    }
  }

  /** The times of one stored key, ordered by generation in every list given to this class. */
  public record Times(String kid, int generation, LocalDateTime signsFrom) {}

  /** The key that signs at {@code now}: the newest whose time has come. */
  public Optional<Times> signing(List<Times> keys, LocalDateTime now) {
    Times found = null;
    for (Times k : keys) {
      if (!k.signsFrom().isAfter(now)) {
        found = k;
      }
    }
    return Optional.ofNullable(found);
  }

  /** Keys to publish at {@code now}: waiting, signing, and retired less than retainAfter ago. */
  public List<Times> published(List<Times> keys, LocalDateTime now) {
    List<Times> out = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      if (i == keys.size() - 1 || keys.get(i + 1).signsFrom().plus(retainAfter).isAfter(now)) {
        out.add(keys.get(i));
      }
    }
    return out;
  }

  /** Keys whose tokens have all expired: safe to delete. */
  public List<Times> expired(List<Times> keys, LocalDateTime now) {
    List<Times> published = published(keys, now);
    return keys.stream().filter(k -> !published.contains(k)).toList();
  }

  /**
   * When the scheduled rotation must create the next key, the time from which it signs; empty while
   * no key is due (or one is already waiting). With no key at all the first one signs at once:
   * nobody can have cached a keyset yet.
   */
  public Optional<LocalDateTime> scheduledNext(List<Times> keys, LocalDateTime now) {
    if (keys.isEmpty()) {
      return Optional.of(now);
    }
    Times newest = keys.get(keys.size() - 1);
    if (newest.signsFrom().isAfter(now)) {
      return Optional.empty();
    }
    LocalDateTime due = newest.signsFrom().plus(rotateEvery);
    if (now.isBefore(due.minus(publishAhead))) {
      return Optional.empty();
    }
    LocalDateTime earliest = now.plus(publishAhead);
    return Optional.of(due.isAfter(earliest) ? due : earliest);
  }

  /**
   * A rotation asked for now (by an admin): the next key signs after publishAhead. Empty when a key
   * is already waiting to sign: asking twice does not stack keys.
   */
  public Optional<LocalDateTime> requestedNext(List<Times> keys, LocalDateTime now) {
    if (keys.isEmpty()) {
      return Optional.of(now);
    }
    if (keys.get(keys.size() - 1).signsFrom().isAfter(now)) {
      return Optional.empty();
    }
    return Optional.of(now.plus(publishAhead));
  }
}
