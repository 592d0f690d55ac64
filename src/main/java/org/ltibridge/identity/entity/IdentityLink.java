package org.ltibridge.identity.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/**
 * LAMB lti_landscape.md §13.5: an LMS identity (platform + LMS user id) known to be a given creator
 * user, for LMSs that do not send an email address.
 */
@Entity
@Table(name = "lti_identity_links")
@NamedQuery(
    name = IdentityLink.FOR_LMS_USER,
    query =
        "SELECT l FROM IdentityLink l WHERE l.platformKey = :platform AND l.lmsUserId = :lmsUserId")
public class IdentityLink {

  public static final String FOR_LMS_USER = "IdentityLink.forLmsUser";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "platform_key", nullable = false)
  private String platformKey;

  @Column(name = "lms_user_id", nullable = false)
  private String lmsUserId;

  @Column(name = "lms_email")
  private String lmsEmail;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "creator_user_id")
  private CreatorUser creatorUser;

  @Column(name = "linked_at", nullable = false)
  private LocalDateTime linkedAt;

  protected IdentityLink() {}

  public IdentityLink(
      String platformKey,
      String lmsUserId,
      String lmsEmail,
      CreatorUser creatorUser,
      LocalDateTime now) {
    this.platformKey = platformKey;
    this.lmsUserId = lmsUserId;
    this.lmsEmail = lmsEmail;
    this.creatorUser = creatorUser;
    this.linkedAt = now;
  }

  public CreatorUser creatorUser() {
    return creatorUser;
  }
}
