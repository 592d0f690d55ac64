package org.ltibridge.activity.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What a returning student's launch needs to know, held in memory for a short time so that the
 * launch reads nothing from the database: which activity user the student is, and whether the
 * consent page is due. Filled by every launch that went the full way through {@link
 * UnifiedActivityFlow}.
 *
 * <p>Staleness: this instance forgets an activity when it is reconfigured and a student when they
 * consent, at once; another instance's change is seen here within {@code launch-cache.ttl} (default
 * 2 s). The worst a stale entry does is show the consent page once more, or let a student into a
 * chat whose transcript option was switched on a second ago (the chat page itself reads the
 * activity fresh). The number of entries is bounded: expired ones are swept out when it grows, and
 * if that is not enough the cache starts over.
 */
@ApplicationScoped
public class ReturningStudents {

  /**
   * Entries live {@code ttl}, so the live ones number (launch rate x ttl), a few thousand at most;
   * at this size the expired ones are swept out.
   */
  static final int MAX_ENTRIES = 20_000;

  @Inject
  @ConfigProperty(name = "launch-cache.ttl", defaultValue = "PT2S")
  Duration ttl;

  private final ConcurrentHashMap<Key, Entry> entries = new ConcurrentHashMap<>();

  /** A student in an active activity: where their launch goes. */
  public record Student(long activityId, long activityUserId, boolean consentDue) {}

  record Key(String platformKey, String resourceLinkId, String email) {}

  private record Entry(Student student, long expiresAtNanos) {}

  /** For plain unit tests. */
  static ReturningStudents create(Duration ttl) {
    ReturningStudents cache = new ReturningStudents();
    cache.ttl = ttl;
    return cache;
  }

  public Optional<Student> find(String platformKey, String resourceLinkId, String email) {
    Key key = new Key(platformKey, resourceLinkId, email);
    Entry entry = entries.get(key);
    if (entry == null) {
      return Optional.empty();
    }
    if (entry.expiresAtNanos - System.nanoTime() < 0) {
      entries.remove(key, entry);
      return Optional.empty();
    }
    return Optional.of(entry.student);
  }

  void remember(String platformKey, String resourceLinkId, String email, Student student) {
    if (ttl.isZero() || ttl.isNegative()) {
      return;
    }
    if (entries.size() >= MAX_ENTRIES) {
      long now = System.nanoTime();
      entries.values().removeIf(e -> e.expiresAtNanos - now < 0);
      if (entries.size() >= MAX_ENTRIES) {
        entries.clear();
      }
    }
    entries.put(
        new Key(platformKey, resourceLinkId, email),
        new Entry(student, System.nanoTime() + ttl.toNanos()));
  }

  /** The activity's settings changed: its students go the full way next time. */
  void forgetActivity(long activityId) {
    entries.values().removeIf(e -> e.student.activityId() == activityId);
  }

  /** The student consented (or anything else about them changed). */
  void forgetStudent(long activityUserId) {
    entries.values().removeIf(e -> e.student.activityUserId() == activityUserId);
  }

  int size() {
    return entries.size();
  }
}
