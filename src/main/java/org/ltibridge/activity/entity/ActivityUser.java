package org.ltibridge.activity.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.LocalDateTime;
import java.util.Optional;

/**
 * A person's identity inside one activity (LAMB lti_landscape.md §13.4, §6): the synthetic address
 * {@code {username}_{resource_link_id}@lamb-lti.local} isolates a student's chats per activity. The
 * pseudonym shown to instructors is random and stored, not derived from arrival order.
 */
@Entity
@Table(name = "lti_activity_users")
@NamedQuery(
    name = ActivityUser.BY_IDENTITY,
    query = "SELECT u FROM ActivityUser u WHERE u.activity.id = :activityId AND u.email = :email")
@NamedQuery(
    name = ActivityUser.STUDENTS,
    query =
        "SELECT u FROM ActivityUser u WHERE u.activity.id = :activityId AND u.role ="
            + " org.ltibridge.activity.entity.ActivityRole.STUDENT ORDER BY u.lastAccessAt DESC")
public class ActivityUser {

  public static final String BY_IDENTITY = "ActivityUser.byIdentity";
  public static final String STUDENTS = "ActivityUser.students";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "activity_id")
  private Activity activity;

  @Column(name = "user_email", nullable = false)
  private String email;

  @Column(name = "lms_user_id")
  private String lmsUserId;

  @Column(name = "user_name", nullable = false)
  private String userName;

  @Column(name = "display_name")
  private String displayName;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private ActivityRole role;

  @Column(nullable = false)
  private String pseudonym;

  @Column(name = "consent_given_at")
  private LocalDateTime consentGivenAt;

  @Column(name = "consent_notice_version")
  private String consentNoticeVersion;

  @Column(name = "last_access_at", nullable = false)
  private LocalDateTime lastAccessAt;

  @Column(name = "access_count", nullable = false)
  private int accessCount;

  @Column(name = "created_at", nullable = false)
  private LocalDateTime createdAt;

  protected ActivityUser() {}

  public ActivityUser(
      Activity activity,
      String email,
      String lmsUserId,
      String userName,
      String displayName,
      ActivityRole role,
      String pseudonym,
      LocalDateTime now) {
    this.activity = activity;
    this.email = email;
    this.lmsUserId = lmsUserId;
    this.userName = userName;
    this.displayName = displayName;
    this.role = role;
    this.pseudonym = pseudonym;
    this.lastAccessAt = now;
    this.accessCount = 0;
    this.createdAt = now;
  }

  /** Records consent to transcript review under a given notice version. */
  public void giveConsent(String noticeVersion, LocalDateTime now) {
    this.consentGivenAt = now;
    this.consentNoticeVersion = noticeVersion;
  }

  /**
   * Records that the student answered the notice of {@code noticeVersion} without consenting: they
   * declined on the consent page or withdrew a consent later (GDPR Art. 7(3): withdrawing is as
   * easy as giving). Their transcripts are then reviewable by nobody, and they are not asked again
   * until the notice changes.
   */
  public void declineConsent(String noticeVersion) {
    this.consentGivenAt = null;
    this.consentNoticeVersion = noticeVersion;
  }

  /**
   * The notice version the student last answered, consenting or declining, or null if they were
   * never asked (what {@code UnifiedDecision} compares with the version in force to know whether to
   * ask).
   */
  public String answeredNoticeVersion() {
    return consentNoticeVersion;
  }

  /** Where the student stands with the notice in force. */
  public enum TranscriptConsent {
    /** Never asked, or asked under an earlier notice: asked at their next launch. */
    NOT_ASKED,
    /** Agreed: their transcripts are reviewable while review is on. */
    GIVEN,
    /** Declined or withdrew: their transcripts are reviewable by nobody. */
    DECLINED
  }

  /**
   * The student's answer to the notice of {@code currentNoticeVersion}; {@link
   * TranscriptConsent#GIVEN} exactly when {@link #consentedNoticeVersion} is that version.
   */
  public TranscriptConsent transcriptConsent(String currentNoticeVersion) {
    if (!currentNoticeVersion.equals(consentNoticeVersion)) {
      return TranscriptConsent.NOT_ASKED;
    }
    return consentGivenAt == null ? TranscriptConsent.DECLINED : TranscriptConsent.GIVEN;
  }

  /**
   * The notice version the student consented to, or null if they never did (what {@code
   * UnifiedDecision} compares with the version in force).
   */
  public String consentedNoticeVersion() {
    return consentGivenAt == null ? null : consentNoticeVersion;
  }

  /**
   * {@link #consentedNoticeVersion} equals the version in force, as a JPQL condition on the
   * activity user at {@code path} (with the parameter {@code :v}, the version in force): for the
   * dashboard's queries of reviewable transcripts.
   */
  public static String consentedToJpql(String path) {
    return path + ".consentGivenAt IS NOT NULL AND " + path + ".consentNoticeVersion = :v";
  }

  /**
   * The same in SQL on the {@code lti_activity_users} row aliased {@code alias}, with the version
   * in force as the next {@code ?} parameter: for the dashboard's kept figures ({@code
   * ChatFiguresOnPostgresIT} holds it against {@link #consentedNoticeVersion}).
   */
  public static String consentedToSql(String alias) {
    return alias + ".consent_given_at IS NOT NULL AND " + alias + ".consent_notice_version = ?";
  }

  public Long id() {
    return id;
  }

  public Activity activity() {
    return activity;
  }

  public String email() {
    return email;
  }

  public String displayName() {
    return displayName == null ? userName : displayName;
  }

  /** The LMS's id of the person (LTI 1.1 {@code user_id}, LTI 1.3 {@code sub}), if recorded. */
  public Optional<String> lmsUserId() {
    return Optional.ofNullable(lmsUserId);
  }

  public ActivityRole role() {
    return role;
  }

  public String pseudonym() {
    return pseudonym;
  }

  public Optional<LocalDateTime> consentGivenAt() {
    return Optional.ofNullable(consentGivenAt);
  }

  public LocalDateTime lastAccessAt() {
    return lastAccessAt;
  }

  public int accessCount() {
    return accessCount;
  }

  public LocalDateTime createdAt() {
    return createdAt;
  }
}
