package org.ltibridge.activity.control;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.ltibridge.activity.entity.Activity;
import org.ltibridge.system.control.AtCommit;

/**
 * Which activity user a returning student is, held in memory so that their launch reads nothing
 * from the database first: the ids, and the facts about them that {@link UnifiedDecision} turns on
 * (the activity's transcript option and identity policy, the notice version the student answered).
 * Filled by every student launch that went the full way through {@link UnifiedActivityFlow}.
 *
 * <p>It also holds, per placement, the usable activity there ({@link Placement}), filled by every
 * full launch that led to the activity's pages, so that a student's first launch there can go the
 * quick way too.
 *
 * <p>Staleness: none that matters. The one statement of a returning launch ({@link
 * ReturningLaunches}) only goes ahead if the database still leads to the same destination as the
 * entry (activity usable, the same consent or chat page), so a change made on any instance counts
 * at once: the launch then takes the full way, which refreshes the entry. This instance also
 * forgets an activity when it is reconfigured and a student when they consent. Entries live {@code
 * launch-cache.ttl} after they were written (default 10 minutes, {@code PT0S} switches the cache
 * off); at most {@link #MAX_ENTRIES} are kept, the least used going first (Caffeine).
 */
@ApplicationScoped
public class ReturningStudents {

  /** The students who launched within {@code ttl}, some 20 MB at most. */
  static final int MAX_ENTRIES = 50_000;

  /** The placements launched within {@code ttl}. */
  static final int MAX_PLACEMENTS = 10_000;

  @Inject
  @ConfigProperty(name = "launch-cache.ttl", defaultValue = "PT10M")
  Duration ttl;

  @Resource(lookup = "java:comp/TransactionSynchronizationRegistry")
  TransactionSynchronizationRegistry transactions;

  private Cache<Key, Student> entries;
  private Cache<PlacementKey, Placement> placements;

  /**
   * A learner in a usable activity, as the database showed them at their last full launch.
   *
   * @param transcriptReview whether the activity lets instructors review transcripts
   * @param namesShown whether its instructors see students' names
   * @param answeredNoticeVersion the notice version the student last answered, null if never
   */
  public record Student(
      long activityId,
      long activityUserId,
      boolean transcriptReview,
      boolean namesShown,
      String answeredNoticeVersion) {}

  record Key(String platformKey, String resourceLinkId, String email) {}

  /**
   * A usable activity at a placement, as the database showed it at the last full launch there: what
   * the launch of a student not seen before needs to know ({@link ReturningLaunches}).
   *
   * @param transcriptReview whether the activity lets instructors review transcripts
   * @param namesShown whether its instructors see students' names
   * @param legacyConsumerKey the legacy key the placement began with, or null ({@link
   *     org.ltibridge.activity.entity.Activity#identityOf})
   */
  public record Placement(
      long activityId, boolean transcriptReview, boolean namesShown, String legacyConsumerKey) {

    static Placement of(Activity activity) {
      return new Placement(
          activity.id(),
          activity.chatVisibilityEnabled(),
          activity.namesShown(),
          activity.consumerKey().orElse(null));
    }
  }

  record PlacementKey(String platformKey, String resourceLinkId) {}

  /** For plain unit tests. */
  static ReturningStudents create(Duration ttl) {
    ReturningStudents cache = new ReturningStudents();
    cache.ttl = ttl;
    cache.build();
    return cache;
  }

  @PostConstruct
  void build() {
    entries =
        off()
            ? Caffeine.newBuilder().maximumSize(0).build()
            : Caffeine.newBuilder().maximumSize(MAX_ENTRIES).expireAfterWrite(ttl).build();
    placements =
        off()
            ? Caffeine.newBuilder().maximumSize(0).build()
            : Caffeine.newBuilder().maximumSize(MAX_PLACEMENTS).expireAfterWrite(ttl).build();
  }

  private boolean off() {
    return ttl.isZero() || ttl.isNegative();
  }

  public Optional<Student> find(String platformKey, String resourceLinkId, String email) {
    return Optional.ofNullable(entries.getIfPresent(new Key(platformKey, resourceLinkId, email)));
  }

  void remember(String platformKey, String resourceLinkId, String email, Student student) {
    if (!off()) {
      entries.put(new Key(platformKey, resourceLinkId, email), student);
    }
  }

  /** The usable activity at a placement, if a full launch there showed it within {@code ttl}. */
  public Optional<Placement> placement(String platformKey, String resourceLinkId) {
    return Optional.ofNullable(
        placements.getIfPresent(new PlacementKey(platformKey, resourceLinkId)));
  }

  void remember(String platformKey, String resourceLinkId, Activity activity) {
    remember(platformKey, resourceLinkId, Placement.of(activity));
  }

  void remember(String platformKey, String resourceLinkId, Placement placement) {
    if (!off()) {
      placements.put(new PlacementKey(platformKey, resourceLinkId), placement);
    }
  }

  /** The activity's settings changed: its students go the full way next time. */
  void forgetActivity(long activityId) {
    entries.asMap().values().removeIf(s -> s.activityId() == activityId);
    placements.asMap().values().removeIf(p -> p.activityId() == activityId);
  }

  /** The student consented (or anything else about them changed). */
  void forgetStudent(long activityUserId) {
    entries.asMap().values().removeIf(s -> s.activityUserId() == activityUserId);
  }

  /**
   * The students' identities were erased: forgotten now and again when the current transaction has
   * ended, so that a launch read between the two cannot put one back. Other instances need no
   * message: {@link ReturningLaunches#STILL_SO} finds the identity gone and the launch takes the
   * full way, which creates a new one.
   */
  public void forgetStudentsAtCommit(Collection<Long> activityUserIds) {
    Set<Long> ids = Set.copyOf(activityUserIds);
    AtCommit.forgetNowAndAtEnd(
        transactions,
        () -> entries.asMap().values().removeIf(s -> ids.contains(s.activityUserId())));
  }

  /** Live entries, after any pending eviction. */
  long size() {
    entries.cleanUp();
    return entries.estimatedSize();
  }
}
