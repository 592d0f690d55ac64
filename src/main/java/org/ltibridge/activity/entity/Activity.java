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
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.ltibridge.assistant.entity.Assistant;
import org.ltibridge.identity.control.SyntheticIdentity;
import org.ltibridge.identity.entity.CreatorUser;
import org.ltibridge.launch.entity.LmsUser;
import org.ltibridge.org.entity.Organization;

/**
 * One placement of the Unified LTI link in a course (LAMB lti_landscape.md §13.2), bound to one
 * organisation and owned by the instructor who configured it first. Identified by the launching
 * platform and the resource link id.
 */
@Entity
@Table(name = "lti_activities")
@NamedQuery(
    name = Activity.BY_PLACEMENT,
    query =
        "SELECT a FROM Activity a JOIN FETCH a.organization"
            + " WHERE a.platformKey = :platform AND a.resourceLinkId = :rlid")
@NamedQuery(name = Activity.ALL, query = "SELECT a FROM Activity a ORDER BY a.createdAt DESC")
public class Activity {

  public static final String BY_PLACEMENT = "Activity.byPlacement";
  public static final String ALL = "Activity.all";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "platform_key", nullable = false)
  private String platformKey;

  @Column(name = "resource_link_id", nullable = false)
  private String resourceLinkId;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "organization_id")
  private Organization organization;

  @Column(name = "context_id")
  private String contextId;

  @Column(name = "context_title")
  private String contextTitle;

  @Column(name = "activity_name")
  private String name;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "owner_creator_user_id")
  private CreatorUser owner;

  @Column(name = "owner_email", nullable = false)
  private String ownerEmail;

  @Column(name = "owner_name")
  private String ownerName;

  @Column(name = "configured_by_email", nullable = false)
  private String configuredByEmail;

  @Column(name = "configured_by_name")
  private String configuredByName;

  @Column(name = "chat_visibility_enabled", nullable = false)
  private boolean chatVisibilityEnabled;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private ActivityStatus status = ActivityStatus.ACTIVE;

  @Enumerated(EnumType.STRING)
  @Column(name = "identity_policy", nullable = false)
  private IdentityPolicy identityPolicy = IdentityPolicy.PSEUDONYMOUS;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private ActivityKind kind = ActivityKind.UNIFIED;

  /** The legacy link's consumer key, for placements that began as one (kept after migration). */
  @Column(name = "consumer_key")
  private String consumerKey;

  @Column(name = "migrated_at")
  private LocalDateTime migratedAt;

  @Column(name = "created_at", nullable = false)
  private LocalDateTime createdAt;

  @Column(name = "updated_at", nullable = false)
  private LocalDateTime updatedAt;

  @ManyToMany
  @JoinTable(
      name = "lti_activity_assistants",
      joinColumns = @JoinColumn(name = "activity_id"),
      inverseJoinColumns = @JoinColumn(name = "assistant_id"))
  @OrderBy("name")
  private List<Assistant> assistants = new ArrayList<>();

  protected Activity() {}

  /**
   * Configures a new activity; the configuring instructor becomes its owner (LAMB lti_landscape.md
   * §18.6).
   */
  public Activity(
      String platformKey,
      String resourceLinkId,
      Organization organization,
      String contextId,
      String contextTitle,
      String name,
      CreatorUser owner,
      String ownerName,
      boolean chatVisibilityEnabled,
      List<Assistant> assistants,
      LocalDateTime now) {
    this.platformKey = platformKey;
    this.resourceLinkId = resourceLinkId;
    this.organization = organization;
    this.contextId = contextId;
    this.contextTitle = contextTitle;
    this.name = name;
    this.owner = owner;
    this.ownerEmail = owner.email();
    this.ownerName = ownerName;
    this.configuredByEmail = owner.email();
    this.configuredByName = ownerName;
    this.chatVisibilityEnabled = chatVisibilityEnabled;
    this.assistants = new ArrayList<>(assistants);
    this.createdAt = now;
    this.updatedAt = now;
  }

  /**
   * The placement of a legacy single-assistant link, recorded at its first launch: its assistant is
   * the one {@code consumerKey} names, owned by the assistant's creator, no transcript review.
   */
  public static Activity legacyPlacement(
      String platformKey,
      String resourceLinkId,
      String consumerKey,
      Assistant assistant,
      String contextId,
      String contextTitle,
      String title,
      LocalDateTime now) {
    CreatorUser creator = assistant.owner();
    Activity a =
        new Activity(
            platformKey,
            resourceLinkId,
            assistant.organization(),
            contextId,
            contextTitle,
            title != null ? title : assistant.name(),
            creator,
            creator.displayName(),
            false,
            List.of(assistant),
            now);
    a.kind = ActivityKind.LEGACY;
    a.consumerKey = consumerKey;
    return a;
  }

  /**
   * Who {@code person} is in this placement: LAMB's per-assistant identity where the placement
   * began as a legacy link (also after its migration, so its students keep their conversations),
   * the per-activity one otherwise (LAMB lti_landscape.md §6).
   */
  public String identityOf(LmsUser person) {
    return identityOf(consumerKey, resourceLinkId, person);
  }

  /**
   * {@link #identityOf(LmsUser)} for a placement known by its legacy consumer key (null if it never
   * was a legacy link) and resource link id: for the launch of a student not seen before, which
   * knows the placement from memory rather than from this entity.
   */
  public static String identityOf(String consumerKey, String resourceLinkId, LmsUser person) {
    return consumerKey != null
        ? SyntheticIdentity.legacyEmail(person, consumerKey)
        : SyntheticIdentity.email(person, resourceLinkId);
  }

  public boolean isLegacy() {
    return kind == ActivityKind.LEGACY;
  }

  public ActivityKind kind() {
    return kind;
  }

  public Optional<String> consumerKey() {
    return Optional.ofNullable(consumerKey);
  }

  public Optional<LocalDateTime> migratedAt() {
    return Optional.ofNullable(migratedAt);
  }

  /**
   * Migration in place (LAMB lti_landscape.md §19, future direction 12): the legacy link becomes a
   * Unified activity owned by {@code newOwner}, its assistant preselected, its students and
   * conversations kept.
   */
  public void migrate(CreatorUser newOwner, String ownerName, LocalDateTime now) {
    this.kind = ActivityKind.UNIFIED;
    this.owner = newOwner;
    this.ownerEmail = newOwner.email();
    this.ownerName = ownerName;
    this.configuredByEmail = newOwner.email();
    this.configuredByName = ownerName;
    this.migratedAt = now;
    this.updatedAt = now;
  }

  /** The owner changes the assistant selection, name and transcript review. */
  public void reconfigure(
      String name, boolean chatVisibilityEnabled, List<Assistant> assistants, LocalDateTime now) {
    this.name = name;
    this.chatVisibilityEnabled = chatVisibilityEnabled;
    this.assistants.clear();
    this.assistants.addAll(assistants);
    this.updatedAt = now;
  }

  /** The owner's choice of what instructors see of who a student is. */
  public IdentityPolicy identityPolicy() {
    return identityPolicy;
  }

  public void chooseIdentityPolicy(IdentityPolicy policy, LocalDateTime now) {
    this.identityPolicy = policy;
    this.updatedAt = now;
  }

  /** Whether instructors see names now ({@link IdentityPolicy#namesShown}). */
  public boolean namesShown() {
    return IdentityPolicy.namesShown(identityPolicy, organization.namedIdentitiesAllowed());
  }

  /** An admin renames the activity (LAMB's org-admin page changes name and status only). */
  public void rename(String name, LocalDateTime now) {
    this.name = name;
    this.updatedAt = now;
  }

  /** A disabled activity keeps its data; its launches get a clear page and write nothing. */
  public void changeStatus(ActivityStatus status, LocalDateTime now) {
    this.status = status;
    this.updatedAt = now;
  }

  /**
   * LAMB lti_landscape.md §18.6: ownership moves to another creator of the same organisation. Call
   * it through {@code activity.control.Ownership}, which checks who may receive it.
   */
  public void transferTo(CreatorUser newOwner, LocalDateTime now) {
    this.owner = newOwner;
    this.ownerEmail = newOwner.email();
    this.ownerName = newOwner.givenName();
    this.updatedAt = now;
  }

  public ActivityStatus status() {
    return status;
  }

  public String ownerEmail() {
    return ownerEmail;
  }

  /** The name as stored, which may be empty. */
  public String givenName() {
    return name;
  }

  public boolean isOwnedBy(CreatorUser user) {
    return user != null && Objects.equals(owner.id(), user.id());
  }

  /**
   * Whether it may be used now (active, in an enabled organisation, a legacy link's assistant
   * published): {@link Availability#of}.
   */
  public Availability availability() {
    return Availability.of(
        status,
        organization.enabled(),
        kind != ActivityKind.LEGACY || assistants.stream().anyMatch(Assistant::isPublished));
  }

  public Long id() {
    return id;
  }

  public String platformKey() {
    return platformKey;
  }

  public String resourceLinkId() {
    return resourceLinkId;
  }

  public Organization organization() {
    return organization;
  }

  public String contextId() {
    return contextId;
  }

  public String contextTitle() {
    return contextTitle == null ? "" : contextTitle;
  }

  public String name() {
    return displayName(name);
  }

  /** The name shown for an activity named {@code name} (a default when it has none). */
  public static String displayName(String name) {
    return name == null || name.isBlank() ? "AI assistants" : name;
  }

  public CreatorUser owner() {
    return owner;
  }

  public String ownerName() {
    return ownerName == null ? ownerEmail : ownerName;
  }

  public boolean chatVisibilityEnabled() {
    return chatVisibilityEnabled;
  }

  public List<Assistant> assistants() {
    return List.copyOf(assistants);
  }

  public LocalDateTime createdAt() {
    return createdAt;
  }
}
