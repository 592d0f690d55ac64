package org.ltibridge.testsupport;

import java.time.LocalDateTime;
import javax.sql.DataSource;
import org.ltibridge.activity.control.PageTokens;
import org.ltibridge.activity.entity.TokenKind;

/** Rows of an organisation, its activities, students and assistants, for database-level tests. */
public final class ActivityRows {

  private final DataSource db;
  private final long organization;
  private final long owner;
  private final LocalDateTime now = LocalDateTime.now();

  /**
   * A new organisation with its creator account, which owns the activities made here.
   *
   * @param slug unique in the database
   * @param modelBaseUrl its chat-completions endpoint, or null for none
   */
  public ActivityRows(DataSource db, String slug, String modelBaseUrl) {
    this.db = db;
    organization =
        Rows.insert(
            db,
            "organizations",
            "slug",
            slug,
            "name",
            slug,
            "model_base_url",
            modelBaseUrl,
            "created_at",
            now);
    owner =
        Rows.insert(
            db,
            "creator_users",
            "organization_id",
            organization,
            "email",
            "owner@" + slug + ".example.edu",
            "created_at",
            now);
  }

  /** An active activity at {@code platform} and {@code resourceLinkId}; its id. */
  public long activity(String platform, String resourceLinkId, String name) {
    return Rows.insert(
        db,
        "lti_activities",
        "platform_key",
        platform,
        "resource_link_id",
        resourceLinkId,
        "organization_id",
        organization,
        "activity_name",
        name,
        "owner_creator_user_id",
        owner,
        "owner_email",
        "owner@example.edu",
        "configured_by_email",
        "owner@example.edu",
        "created_at",
        now,
        "updated_at",
        now);
  }

  /** A student of an activity under its synthetic identity; its id. */
  public long student(long activity, String username, String resourceLinkId, String pseudonym) {
    return Rows.insert(
        db,
        "lti_activity_users",
        "activity_id",
        activity,
        "user_email",
        username + "_" + resourceLinkId + "@lamb-lti.local",
        "user_name",
        username,
        "role",
        "STUDENT",
        "pseudonym",
        pseudonym,
        "last_access_at",
        now,
        "created_at",
        now);
  }

  /**
   * A published assistant of this organisation ({@code model} may be null), offered by {@code
   * activity}.
   */
  public long assistant(long activity, String name, String model) {
    long id = unpublishedAssistant(activity, name, model);
    publish(id);
    return id;
  }

  /** Publishes an assistant (as its consumer key, its id). */
  public void publish(long assistant) {
    Rows.add(
        db,
        "assistant_publications",
        "assistant_id",
        assistant,
        "consumer_name",
        "key-" + assistant,
        "published_at",
        now);
  }

  /** An unpublished assistant of this organisation, offered by {@code activity} all the same. */
  public long unpublishedAssistant(long activity, String name, String model) {
    long id =
        Rows.insert(
            db,
            "assistants",
            "organization_id",
            organization,
            "name",
            name,
            "description",
            "About " + name,
            "model",
            model,
            "created_at",
            now);
    Rows.add(db, "lti_activity_assistants", "activity_id", activity, "assistant_id", id);
    return id;
  }

  /** A page token of {@code activity}'s {@code student}, as a launch stores it; its raw value. */
  public String pageToken(TokenKind kind, long activity, long student, LocalDateTime expires) {
    String token = PageTokens.newToken();
    Rows.add(
        db,
        "page_tokens",
        "token_hash",
        PageTokens.hash(token),
        "kind",
        kind.name(),
        "activity_id",
        activity,
        "activity_user_id",
        student,
        "created_at",
        now,
        "expires_at",
        expires);
    return token;
  }

  /** Whether a page token was opened. */
  public boolean opened(String token) {
    return Rows.number(
            db,
            "SELECT COUNT(*) FROM page_tokens WHERE opened_at IS NOT NULL AND token_hash = ?",
            PageTokens.hash(token))
        == 1;
  }
}
