package org.ltibridge.activity.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ltibridge.activity.entity.TokenKind;
import org.ltibridge.launch.entity.PlatformKey;
import org.ltibridge.system.control.DatabaseKind;
import org.ltibridge.system.control.Problem;
import org.ltibridge.testsupport.ActivityRows;
import org.ltibridge.testsupport.Rows;

/**
 * The chat page's token opened in one round trip ({@link PageTokens#openQuickly}), on a real
 * database: {@link PageTokenOpeningTest} on H2 (update and read in a local transaction), {@link
 * PageTokenOpeningOnPostgresIT} on PostgreSQL (UPDATE ... RETURNING). Whatever the quick way does
 * not open it must leave unchanged, for the full way to refuse with its reason.
 *
 * <p>And the quick way and the full way ({@link PageTokens#openPage}, its entity manager on the
 * same database through {@link PageTokensOverJdbc}) agree: the same token, presented the same way,
 * is opened by both or refused by both, and leaves the same row behind (issue #15).
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

  /** A token as stored ({@code raw}, null for none) and as a request presents it. */
  record Presented(String raw, String value) {}

  /** A way in the differential cases: how the token is set up, and how it is presented. */
  record Case(String name, Function<PageTokenOpeningCases, Presented> setUp) {
    @Override
    public String toString() {
      return name;
    }
  }

  Stream<Case> cases() {
    return Stream.of(
        new Case("fresh", t -> t.live(TokenKind.CHAT, "%s")),
        new Case("spaced", t -> t.live(TokenKind.CHAT, " \t%s \n")),
        new Case(
            "expired",
            t -> {
              String raw = t.issue(TokenKind.CHAT, LocalDateTime.now().minusSeconds(1));
              return new Presented(raw, raw);
            }),
        new Case(
            "used",
            t -> t.changed(t.live(TokenKind.CHAT, "%s"), "consumed_at", LocalDateTime.now())),
        new Case(
            "opened before",
            t -> t.changed(t.live(TokenKind.CHAT, "%s"), "opened_at", LocalDateTime.now())),
        new Case("other kind", t -> t.live(TokenKind.CONSENT, "%s")),
        new Case("other kind, spaced", t -> t.live(TokenKind.CONSENT, " %s ")),
        new Case("unknown", t -> new Presented(null, PageTokens.newToken())),
        new Case("case changed", t -> t.live(TokenKind.CHAT, "%s", true)),
        new Case("empty", t -> new Presented(null, "")),
        new Case("blank", t -> new Presented(null, " \t ")),
        new Case("null", t -> new Presented(null, null)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void theQuickAndTheFullWayAgree(Case c) {
    PageTokens full = PageTokensOverJdbc.wire(new PageTokens(db, Clock.systemUTC(), null), db);

    long before = count();
    Presented quickToken = c.setUp().apply(this);
    Optional<PageTokens.Holder> quick = tokens.openQuickly(quickToken.value(), TokenKind.CHAT);

    Presented fullToken = c.setUp().apply(this);
    Optional<PageTokens.Holder> fully;
    try {
      var opened = full.openPage(fullToken.value(), TokenKind.CHAT);
      fully =
          Optional.of(
              new PageTokens.Holder(
                  opened.activityId().orElseThrow(), opened.activityUserId().orElseThrow()));
    } catch (Problem refused) {
      fully = Optional.empty();
    }

    assertEquals(quick, fully, "opened by both or refused by both");
    assertEquals(state(quickToken), state(fullToken), "the same row afterwards");
    boolean shouldOpen = c.name().equals("fresh") || c.name().equals("spaced");
    assertEquals(
        shouldOpen ? Optional.of(new PageTokens.Holder(activityId, studentId)) : Optional.empty(),
        quick);
    assertEquals(
        before + (quickToken.raw() == null ? 0 : 1) + (fullToken.raw() == null ? 0 : 1),
        count(),
        "no row added or removed by opening");
  }

  @Test
  void oneReadingOfAToken() {
    String token = PageTokens.newToken();
    assertEquals(token, PageTokens.normalise(token));
    assertEquals(token, PageTokens.normalise(" \t" + token + "\r\n "));
    assertEquals(token.toUpperCase(), PageTokens.normalise(token.toUpperCase()), "case is kept");
    assertNull(PageTokens.normalise(null));
    assertNull(PageTokens.normalise(""));
    assertNull(PageTokens.normalise(" \t\n"));
  }

  private Presented live(TokenKind kind, String format) {
    return live(kind, format, false);
  }

  private Presented live(TokenKind kind, String format, boolean upperCase) {
    String raw = issue(kind, LocalDateTime.now().plusMinutes(5));
    String value = String.format(format, raw);
    return new Presented(raw, upperCase ? value.toUpperCase() : value);
  }

  private Presented changed(Presented token, String column, LocalDateTime at) {
    Rows.execute(
        db,
        "UPDATE page_tokens SET " + column + " = ? WHERE token_hash = ?",
        at,
        PageTokens.hash(token.raw()));
    return token;
  }

  /** What is left of a token's row, its times as set or not. */
  private List<Object> state(Presented token) {
    if (token.raw() == null) {
      return List.of();
    }
    return Rows.list(
            db,
            "SELECT kind, activity_id, activity_user_id, opened_at IS NOT NULL,"
                + " consumed_at IS NOT NULL FROM page_tokens WHERE token_hash = ?",
            PageTokens.hash(token.raw()))
        .stream()
        .map(row -> (Object) List.of(row))
        .toList();
  }

  private long count() {
    return Rows.number(db, "SELECT COUNT(*) FROM page_tokens");
  }

  private String issue(TokenKind kind, LocalDateTime expires) {
    return rows.pageToken(kind, activityId, studentId, expires);
  }

  private long opened(String token) {
    return rows.opened(token) ? 1 : 0;
  }
}
