package org.ltibridge.activity.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Which activity user a returning student is, held in memory so that their launch reads nothing
 * from the database first: the ids, and the two facts that decide where the launch goes (the
 * activity's transcript option, the student's consent). Filled by every launch that went the full
 * way through {@link UnifiedActivityFlow}.
 *
 * <p>Staleness: none that matters. The one statement of a returning launch ({@link
 * ReturningLaunches}) only goes ahead if the database still agrees with the entry (activity active,
 * same transcript option, same consent), so a change made on any instance counts at once: the
 * launch then takes the full way, which refreshes the entry. This instance also forgets an activity
 * when it is reconfigured and a student when they consent. Entries live {@code launch-cache.ttl}
 * (default 10 minutes); their number is bounded: expired ones are swept out when it grows, and if
 * that is not enough the cache starts over.
 */
@ApplicationScoped
public class ReturningStudents {

  /**
   * The live entries number the students who launched within {@code ttl}; at this size (some 20 MB)
   * the expired ones are swept out.
   */
  static final int MAX_ENTRIES = 50_000;

  @Inject
  @ConfigProperty(name = "launch-cache.ttl", defaultValue = "PT10M")
  Duration ttl;

  private final ConcurrentHashMap<Key, Entry> entries = new ConcurrentHashMap<>();

  /**
   * A student in an active activity, as the database showed them at their last full launch.
   *
   * @param chatVisibility whether the activity lets instructors review transcripts
   * @param consented whether the student consented to the current notice
   */
  public record Student(
      long activityId, long activityUserId, boolean chatVisibility, boolean consented) {

    /** Their launch goes to the consent page first. */
    public boolean consentDue() {
      return chatVisibility && !consented;
    }
  }

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
