package org.ltibridge.activity.control;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.util.List;

/**
 * What a token carries between the steps of a flow, stored as JSON in its payload. Records of plain
 * values only: never a secret.
 */
public final class Claims {

  private static final Jsonb JSON = JsonbBuilder.create();

  private Claims() {}

  /**
   * The instructor and placement behind a setup token.
   *
   * @param creatorUserIds the instructor's creator accounts (one per organisation)
   */
  public record Setup(
      String platformKey,
      String resourceLinkId,
      String contextId,
      String contextTitle,
      String resourceLinkTitle,
      String lmsUserId,
      String name,
      String email,
      List<Long> creatorUserIds) {}

  /**
   * The instructor behind a dashboard token.
   *
   * @param creatorUserId the instructor's creator account, if identified
   * @param owner whether they own the activity (may change the assistant selection)
   */
  public record Dashboard(
      Long creatorUserId, boolean owner, String lmsUserId, String name, String email) {}

  public static String write(Object claims) {
    return JSON.toJson(claims);
  }

  public static <T> T read(String json, Class<T> type) {
    return JSON.fromJson(json, type);
  }
}
