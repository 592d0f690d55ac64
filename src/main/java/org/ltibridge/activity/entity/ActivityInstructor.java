package org.ltibridge.activity.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * An instructor of an activity, as a creator account of its organisation: recorded when they launch
 * it with such an account. The owner may hand the activity over to one of them (LAMB
 * lti_landscape.md §19, future direction 11).
 */
@Entity
@Table(name = "lti_activity_instructors")
@IdClass(ActivityInstructor.Key.class)
public class ActivityInstructor {

  @Id
  @Column(name = "activity_id")
  private Long activityId;

  @Id
  @Column(name = "creator_user_id")
  private Long creatorUserId;

  @Column(name = "first_seen_at", nullable = false)
  private LocalDateTime firstSeenAt;

  /** The LMS user who last arrived with this account (null if unknown). */
  @Column(name = "lms_user_id")
  private String lmsUserId;

  protected ActivityInstructor() {}

  public ActivityInstructor(
      Long activityId, Long creatorUserId, String lmsUserId, LocalDateTime now) {
    this.activityId = activityId;
    this.creatorUserId = creatorUserId;
    this.lmsUserId = lmsUserId;
    this.firstSeenAt = now;
  }

  /** Records who arrived with the account, if someone else (or nobody known) did before. */
  public void arrivedAs(String lmsUser) {
    if (lmsUser != null && !lmsUser.equals(lmsUserId)) {
      lmsUserId = lmsUser;
    }
  }

  /** The primary key: activity and creator account. */
  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;

    private Long activityId;
    private Long creatorUserId;

    public Key() {}

    public Key(Long activityId, Long creatorUserId) {
      this.activityId = activityId;
      this.creatorUserId = creatorUserId;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k
          && Objects.equals(activityId, k.activityId)
          && Objects.equals(creatorUserId, k.creatorUserId);
    }

    @Override
    public int hashCode() {
      return Objects.hash(activityId, creatorUserId);
    }
  }
}
