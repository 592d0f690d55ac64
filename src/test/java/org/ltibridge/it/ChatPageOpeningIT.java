package org.ltibridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.ltibridge.it.Lms.Person;

/**
 * Differential test of the chat page's opening (issue #15) over HTTP: the quick way ({@code
 * ChatPageFilter}, {@code PageTokens#openQuickly}) and the full way ({@code ChatResource#page},
 * {@code PageTokens#openPage}) open the same tokens, refuse the same ones with the same status and
 * leave the same row.
 *
 * <p>How both ways run on the same input: the filter answers GETs only, so a HEAD of the same URL
 * goes to the resource (JAX-RS answers HEAD with the GET method, without the body), which is the
 * full way. Per case a student is launched twice into one activity, which gives two chat tokens in
 * the same state; the case's state is written to both (token fresh, presented with surrounding
 * spaces, expired, used, opened before, of another kind; activity active or disabled); then one is
 * opened with GET, the other with HEAD. The JDBC-level comparison of the two openings on H2 and
 * PostgreSQL is {@code PageTokenOpeningCases}.
 */
class ChatPageOpeningIT extends ItBase {

  /** A token variant: how its row is changed, and how a request presents it. */
  record Variant(String name, String set, UnaryOperator<String> presented) {}

  static final List<Variant> VARIANTS =
      List.of(
          new Variant("fresh", null, t -> t),
          new Variant("spaced", null, t -> " " + t + " "),
          new Variant("expired", "expires_at = ?", t -> t),
          new Variant("used", "consumed_at = ?", t -> t),
          new Variant("opened before", "opened_at = ?", t -> t),
          new Variant("other kind", "kind = 'CONSENT'", t -> t));

  @Test
  void getAndHeadOpenAndRefuseAlike() {
    Lms lms = lms();
    List<String> wrong = new ArrayList<>();
    int cases = 0;
    for (boolean disabled : new boolean[] {false, true}) {
      for (Variant v : VARIANTS) {
        String placement = Lms.newPlacement();
        Activities.configure(lms, placement, false);
        Person student = Person.student();
        String quickToken = lms.launch(student, placement).locationToken();
        String fullToken = lms.launch(student, placement).locationToken();
        for (String token : List.of(quickToken, fullToken)) {
          change(v, token);
        }
        db().update(
                "UPDATE lti_activities SET status = ? WHERE resource_link_id = ?",
                disabled ? "DISABLED" : "ACTIVE",
                placement);

        String which = v.name() + (disabled ? ", activity disabled" : ", activity active");
        Http.Res quick = http().get(url(v.presented().apply(quickToken)));
        Http.Res full = http().send("HEAD", url(v.presented().apply(fullToken)), null, null);

        // A live token opens (200) unless its activity is disabled (403); a spent one is gone (410)
        // whatever the activity; a token of another kind is refused as the full way says.
        boolean live = v.name().equals("fresh") || v.name().equals("spaced");
        int expected =
            v.name().equals("other kind") ? full.status() : !live ? 410 : disabled ? 403 : 200;
        if (quick.status() != full.status()
            || quick.status() != expected
            || !row(quickToken).equals(row(fullToken))) {
          wrong.add(
              which
                  + ": GET "
                  + quick.status()
                  + " "
                  + row(quickToken)
                  + ", HEAD "
                  + full.status()
                  + " "
                  + row(fullToken));
        }
        cases++;
      }
    }
    assertEquals(12, cases);
    assertEquals(List.of(), wrong);
  }

  private static String url(String token) {
    return "/lamb/v1/lti/chat?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
  }

  private static void change(Variant v, String token) {
    if (v.set() == null) {
      return;
    }
    String hash = org.ltibridge.activity.control.PageTokens.hash(token);
    if (v.set().contains("?")) {
      LocalDateTime at = LocalDateTime.now().minusSeconds(5);
      db().update(
              "UPDATE page_tokens SET " + v.set() + " WHERE token_hash = ?",
              Timestamp.valueOf(at),
              hash);
    } else {
      db().update("UPDATE page_tokens SET " + v.set() + " WHERE token_hash = ?", hash);
    }
  }

  /** Kind, opened, used, as the opening left them. */
  private static List<Object> row(String token) {
    List<Object> r =
        db().rows(
                "SELECT kind, opened_at, consumed_at FROM page_tokens WHERE token_hash = ?",
                org.ltibridge.activity.control.PageTokens.hash(token))
            .get(0);
    return List.of(r.get(0), r.get(1) != null, r.get(2) != null);
  }
}
