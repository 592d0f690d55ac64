package org.ltibridge.activity.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.ltibridge.activity.entity.TokenKind;
import org.ltibridge.launch.entity.PlatformKey;
import org.ltibridge.system.control.DatabaseKind;
import org.ltibridge.testsupport.ActivityRows;
import org.ltibridge.testsupport.Rows;

/**
 * The chat page's token opened in one round trip ({@link PageTokens#openQuickly}), on a real
 * database: {@link PageTokenOpeningTest} on H2 (update and read in a local transaction), {@link
 * PageTokenOpeningOnPostgresIT} on PostgreSQL (UPDATE ... RETURNING). Whatever the quick way does
 * not open it must leave unchanged, for the full way to refuse with its reason.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PageTokenOpeningCases {

  DataSource db;
  long activityId;
  long studentId;
  PageTokens tokens;
  ActivityRows rows;

  /** An empty database with the project's schema. */
  abstract DataSource database() throws Exception;

  @BeforeAll
  void rows() throws Exception {
    db = database();
    rows = new ActivityRows(db, "opening", null);
    activityId = rows.activity(PlatformKey.lti11("k", null).value(), "rl-open", "Open");
    studentId = rows.student(activityId, "ada", "rl-open", "Student-o1");
  }

  @BeforeEach
  void wire() {
    tokens = new PageTokens(db, Clock.systemUTC(), new DatabaseKind(db));
  }

  @Test
  void aLiveChatTokenOpensOnceAndNamesItsStudent() {
    String token = issue(TokenKind.CHAT, LocalDateTime.now().plusMinutes(5));

    assertEquals(
        Optional.of(new PageTokens.Holder(activityId, studentId)),
        tokens.openQuickly(token, TokenKind.CHAT));
    assertEquals(1, opened(token));

    assertEquals(Optional.empty(), tokens.openQuickly(token, TokenKind.CHAT), "once only");
  }

  @Test
  void aTokenOfAnotherKindStaysUnopened() {
    String consent = issue(TokenKind.CONSENT, LocalDateTime.now().plusMinutes(5));
    assertEquals(Optional.empty(), tokens.openQuickly(consent, TokenKind.CHAT));
    assertEquals(0, opened(consent));
  }

  @Test
  void expiredUsedUpUnknownAndMissingTokensAreNotOpened() {
    String expired = issue(TokenKind.CHAT, LocalDateTime.now().minusSeconds(1));
    String used = issue(TokenKind.CHAT, LocalDateTime.now().plusMinutes(5));
    Rows.execute(
        db,
        "UPDATE page_tokens SET consumed_at = ? WHERE token_hash = ?",
        LocalDateTime.now(),
        PageTokens.hash(used));

    for (String token : new String[] {expired, used, PageTokens.newToken(), "", null}) {
      assertEquals(Optional.empty(), tokens.openQuickly(token, TokenKind.CHAT), token);
    }
    assertEquals(0, opened(expired));
    assertEquals(0, opened(used));
  }

  private String issue(TokenKind kind, LocalDateTime expires) {
    return rows.pageToken(kind, activityId, studentId, expires);
  }

  private long opened(String token) {
    return rows.opened(token) ? 1 : 0;
  }
}
