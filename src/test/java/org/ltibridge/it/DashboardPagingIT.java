package org.ltibridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The instructor dashboard's API on a big activity (issue #19): 120 students and 150 chats over 15
 * days, seeded by SQL after a real setup ({@link BigActivity}). It pages students and chats with
 * totals and links, filters chats by assistant and dates, reports usage per day and per assistant
 * for backdated rows, and exports the access log and the reviewable transcripts as CSV and JSON,
 * parsed back here and compared with the API's own lists. Bad paging, filters and formats answer
 * 400, a student's token 403, transcripts 403 while review is off, and no request writes a row.
 */
class DashboardPagingIT extends ItBase {

  static final String API = "/lamb/v1/lti/dashboard/";

  @Test
  void pagesFiltersUsageAndExportsOfABigActivity() {
    BigActivity big = new BigActivity(true, 120, 150);
    List<Long> before = rowCounts(big);

    // Students: 121 (the 120 seeded and the real one), in pages of 50 that neither skip nor
    // repeat, most recently seen first; totals and links on every page.
    Map<String, JsonObject> students = new LinkedHashMap<>();
    for (int page = 1; page <= 3; page++) {
      Http.Res res = http().get(API + "students?page=" + page + "&per_page=50", big.owner());
      assertEquals(200, res.status(), res.body());
      JsonObject slice = json(res.body());
      assertEquals(121, slice.getInt("total"));
      assertEquals(3, slice.getInt("pages"));
      assertEquals(page, slice.getInt("page"));
      assertEquals(50, slice.getInt("perPage"));
      assertEquals(page < 3 ? 50 : 21, slice.getJsonArray("items").size());
      for (JsonValue v : slice.getJsonArray("items")) {
        JsonObject s = v.asJsonObject();
        assertEquals(null, students.put(s.getString("pseudonym"), s), "listed once");
      }
      String links = String.join(",", res.raw().headers().allValues("Link"));
      assertEquals(page > 1, links.contains("rel=\"prev\""), links);
      assertEquals(page < 3, links.contains("rel=\"next\""), links);
      assertFalse(links.contains(big.ownerToken), "no token in a link");
    }
    assertEquals(121, students.size());
    List<LocalDateTime> seen =
        students.values().stream().map(s -> time(s.getString("lastAccess"))).toList();
    for (int i = 1; i < seen.size(); i++) {
      assertFalse(seen.get(i).isAfter(seen.get(i - 1)), "most recently seen first");
    }
    for (BigActivity.Student s : big.students) {
      JsonObject listed = students.get(s.pseudonym());
      assertEquals(s.index() % 7 + 1, listed.getInt("accessCount"), s.pseudonym());
      List<BigActivity.Chat> theirs =
          big.chats.stream().filter(c -> c.student().equals(s)).toList();
      assertEquals(theirs.size(), listed.getInt("chats"), s.pseudonym());
      assertEquals(
          theirs.stream().mapToInt(c -> c.texts().size()).sum(),
          listed.getInt("messages"),
          s.pseudonym());
    }
    // A page after the last: empty, with the totals.
    JsonObject after = json(http().get(API + "students?page=9&per_page=50", big.owner()).body());
    assertEquals(0, after.getJsonArray("items").size());
    assertEquals(121, after.getInt("total"));

    // Chats: only those of consenting students (every other one: 75), newest first, paged.
    List<BigActivity.Chat> reviewable =
        big.chats.stream().filter(c -> c.student().consented()).toList();
    assertEquals(75, reviewable.size());
    List<JsonObject> listedChats = chats(big, "");
    assertEquals(
        reviewable.stream().map(BigActivity.Chat::id).collect(Collectors.toSet()),
        listedChats.stream()
            .map(c -> c.getJsonNumber("id").longValue())
            .collect(Collectors.toSet()));
    for (int i = 1; i < listedChats.size(); i++) {
      assertFalse(
          time(listedChats.get(i).getString("updatedAt"))
              .isAfter(time(listedChats.get(i - 1).getString("updatedAt"))),
          "newest first");
    }

    // Filters: by assistant, by days (both included), both.
    assertEquals(
        ids(reviewable, c -> c.assistant() == big.chemistry),
        ids(chats(big, "&assistant=" + big.chemistry)));
    LocalDate day = big.today.minusDays(4);
    assertEquals(
        ids(reviewable, c -> c.updated().toLocalDate().equals(day)),
        ids(chats(big, "&from=" + day + "&to=" + day)));
    assertEquals(
        ids(
            reviewable,
            c ->
                c.assistant() == big.physics
                    && !c.updated().toLocalDate().isBefore(big.today.minusDays(9))
                    && !c.updated().toLocalDate().isAfter(big.today.minusDays(3))),
        ids(
            chats(
                big,
                "&assistant="
                    + big.physics
                    + "&from="
                    + big.today.minusDays(9)
                    + "&to="
                    + big.today.minusDays(3))));
    JsonObject filtered =
        json(http().get(API + "chats?per_page=5&assistant=" + big.chemistry, big.owner()).body());
    assertEquals(25, filtered.getInt("total"), "the total counts the filtered chats");
    assertEquals(5, filtered.getInt("pages"));

    // Usage per day for the backdated rows: every day of the 15, figures as seeded.
    Http.Res usageRes = http().get(API + "usage", big.owner());
    assertEquals(200, usageRes.status(), usageRes.body());
    JsonObject usage = json(usageRes.body());
    Map<LocalDate, long[]> expected = new TreeMap<>();
    Map<LocalDate, Set<Long>> active = new HashMap<>();
    for (BigActivity.Chat c : big.chats) {
      LocalDate d = c.begun().toLocalDate();
      long[] f = expected.computeIfAbsent(d, k -> new long[3]);
      f[1]++;
      f[2] += c.texts().size();
      active.computeIfAbsent(d, k -> new HashSet<>()).add(c.student().id());
    }
    active.forEach((d, people) -> expected.get(d)[0] = people.size());
    JsonArray days = usage.getJsonArray("days");
    assertEquals(big.today.minusDays(14).toString(), usage.getString("from"));
    assertEquals(big.today.toString(), usage.getString("to"));
    assertEquals(15, days.size(), "every day, also one without use");
    for (JsonValue v : days) {
      JsonObject d = v.asJsonObject();
      long[] f = expected.getOrDefault(LocalDate.parse(d.getString("day")), new long[3]);
      assertEquals(f[0], d.getJsonNumber("students").longValue(), d.toString());
      assertEquals(f[1], d.getJsonNumber("chats").longValue(), d.toString());
      assertEquals(f[2], d.getJsonNumber("messages").longValue(), d.toString());
    }
    Map<Long, JsonObject> perAssistant = new HashMap<>();
    usage
        .getJsonArray("assistants")
        .forEach(
            a ->
                perAssistant.put(
                    a.asJsonObject().getJsonNumber("id").longValue(), a.asJsonObject()));
    JsonObject chemistry = perAssistant.get(big.chemistry);
    assertEquals(big.chemistryName, chemistry.getString("name"));
    assertEquals(50, chemistry.getInt("chats"));
    assertEquals(
        big.chats.stream()
            .filter(c -> c.assistant() == big.chemistry)
            .mapToInt(c -> c.texts().size())
            .sum(),
        chemistry.getInt("messages"));
    assertEquals(100, perAssistant.get(big.physics).getInt("chats"));

    // Exports: the access log, as CSV and JSON, the same as the listed students.
    Http.Res logCsv = http().get(API + "exports/access-log", big.owner());
    assertEquals(200, logCsv.status(), logCsv.body());
    assertTrue(logCsv.header("Content-Type").orElseThrow().startsWith("text/csv"));
    assertEquals(
        "attachment; filename=\"access-log-activity-" + big.activity + ".csv\"",
        logCsv.header("Content-Disposition").orElseThrow());
    List<List<String>> log = csv(logCsv.body());
    assertEquals(
        List.of("pseudonym", "first_access", "last_access", "visits", "chats", "messages"),
        log.get(0));
    assertEquals(122, log.size());
    for (List<String> row : log.subList(1, log.size())) {
      JsonObject s = students.get(row.get(0));
      assertEquals(time(s.getString("firstAccess")), time(row.get(1)), row.toString());
      assertEquals(time(s.getString("lastAccess")), time(row.get(2)), row.toString());
      assertEquals(String.valueOf(s.getInt("accessCount")), row.get(3));
      assertEquals(String.valueOf(s.getInt("chats")), row.get(4));
      assertEquals(String.valueOf(s.getInt("messages")), row.get(5));
    }
    Http.Res logJson = http().get(API + "exports/access-log?format=json", big.owner());
    assertEquals(200, logJson.status(), logJson.body());
    assertEquals(
        "attachment; filename=\"access-log-activity-" + big.activity + ".json\"",
        logJson.header("Content-Disposition").orElseThrow());
    JsonArray logged = json(logJson.body()).getJsonArray("students");
    assertEquals(121, logged.size());
    for (JsonValue v : logged) {
      JsonObject e = v.asJsonObject();
      JsonObject s = students.get(e.getString("pseudonym"));
      assertEquals(s.getInt("chats"), e.getInt("chats"));
      assertEquals(s.getInt("messages"), e.getInt("messages"));
      assertEquals(s.getInt("accessCount"), e.getInt("accessCount"));
      assertEquals(time(s.getString("lastAccess")), time(e.getString("lastAccess")));
    }

    // Transcripts: the reviewable chats with every message, in the chats list's order.
    Http.Res trCsv = http().get(API + "exports/transcripts?format=csv", big.owner());
    assertEquals(200, trCsv.status(), trCsv.body());
    List<List<String>> lines = csv(trCsv.body());
    assertEquals(
        List.of("chat", "student", "assistant", "topic", "message", "from", "sent_at", "text"),
        lines.get(0));
    Map<Long, List<List<String>>> byChat = new LinkedHashMap<>();
    lines
        .subList(1, lines.size())
        .forEach(
            l -> byChat.computeIfAbsent(Long.parseLong(l.get(0)), k -> new ArrayList<>()).add(l));
    assertEquals(
        listedChats.stream().map(c -> c.getJsonNumber("id").longValue()).toList(),
        new ArrayList<>(byChat.keySet()),
        "the chats of the list, in its order");
    for (JsonObject c : listedChats) {
      List<List<String>> rows = byChat.get(c.getJsonNumber("id").longValue());
      assertEquals(c.getInt("messages"), rows.size());
      assertEquals(c.getString("pseudonym"), rows.get(0).get(1));
      assertEquals(c.getString("assistant"), rows.get(0).get(2));
    }
    BigActivity.Chat formula = big.chats.get(0); // student 0 consented
    List<List<String>> formulaRows = byChat.get(formula.id());
    assertEquals("'" + formula.title(), formulaRows.get(0).get(3), "a title is no formula");
    assertEquals("'@SUM(A1:A9)", formulaRows.get(0).get(7), "a message is no formula");
    BigActivity.Chat quoting = big.chats.get(2);
    assertEquals(quoting.title(), byChat.get(quoting.id()).get(0).get(3), "RFC 4180 quoting");
    BigActivity.Chat minus = big.chats.get(6);
    assertEquals("'-2+3 is what?", byChat.get(minus.id()).get(0).get(7));
    assertEquals("'+1, I think", byChat.get(minus.id()).get(1).get(7));
    assertTrue(trCsv.body().contains("\r\n"), "CRLF records");

    Http.Res trJson = http().get(API + "exports/transcripts?format=json", big.owner());
    assertEquals(200, trJson.status(), trJson.body());
    JsonArray exported = json(trJson.body()).getJsonArray("chats");
    assertEquals(75, exported.size());
    JsonObject first = exported.getJsonObject(0);
    JsonObject api =
        json(
            http().get(API + "chats/" + first.getJsonNumber("id").longValue(), big.owner()).body());
    assertEquals(api.getString("pseudonym"), first.getString("pseudonym"));
    assertEquals(api.getJsonArray("messages").size(), first.getJsonArray("messages").size());
    for (int i = 0; i < api.getJsonArray("messages").size(); i++) {
      JsonObject a = api.getJsonArray("messages").getJsonObject(i);
      JsonObject e = first.getJsonArray("messages").getJsonObject(i);
      assertEquals(a.getString("role"), e.getString("role"));
      assertEquals(a.getString("content"), e.getString("content"));
      assertEquals(time(a.getString("at")), time(e.getString("at")));
    }
    Http.Res chemistryOnly =
        http().get(API + "exports/transcripts?format=json&assistant=" + big.chemistry, big.owner());
    assertEquals(25, json(chemistryOnly.body()).getJsonArray("chats").size(), "filtered export");

    // No LMS identifier in any export.
    for (Http.Res r : List.of(logCsv, logJson, trCsv, trJson)) {
      assertFalse(r.body().contains("@lamb-lti.local"), "no synthetic email");
      assertFalse(r.body().contains("seed1"), "no LMS user name");
      assertFalse(r.body().contains(big.placement), "no resource link id");
    }

    // Bad input: 400 with a message a person understands.
    for (String bad :
        List.of(
            "students?page=0",
            "students?per_page=-1",
            "students?per_page=1000",
            "students?page=abc",
            "chats?per_page=0",
            "chats?from=2026-13-01",
            "chats?to=yesterday",
            "chats?assistant=physics",
            "chats?from=2026-02-02&to=2026-02-01",
            "exports/transcripts?format=xlsx",
            "exports/transcripts?from=03/12/2026",
            "exports/access-log?format=xml")) {
      Http.Res res = http().get(API + bad, big.owner());
      assertEquals(400, res.status(), bad + ": " + res.body());
      String message = json(res.body()).getString("message");
      assertTrue(
          message.matches(".*(page|per_page|YYYY-MM-DD|assistant|first day|csv or json).*"),
          bad + ": " + message);
    }

    // A student's token, and none: refused on every dashboard call.
    for (String path :
        List.of(
            "stats",
            "students",
            "chats",
            "usage",
            "exports/access-log",
            "exports/transcripts?format=json")) {
      Http.Res student = http().get(API + path, "Authorization", "Bearer " + big.studentToken);
      assertEquals(403, student.status(), path + ": " + student.body());
      assertEquals(401, http().get(API + path).status(), path);
    }

    assertEquals(before, rowCounts(big), "nothing written");
  }

  /**
   * The figures' two counts (all students, those seen in the last seven days) come from one query;
   * held against the rows: some students last seen eight days ago, one just inside the week.
   */
  @Test
  void studentsAndThoseSeenThisWeekAreCountedFromTheirRows() {
    BigActivity big = new BigActivity(false, 30, 0);
    LocalDateTime now = LocalDateTime.now(java.time.ZoneOffset.UTC);
    for (int i = 0; i < 30; i += 3) {
      db().update(
              "UPDATE lti_activity_users SET last_access_at = ? WHERE id = ?",
              now.minusDays(8),
              big.students.get(i).id());
    }
    db().update(
            "UPDATE lti_activity_users SET last_access_at = ? WHERE id = ?",
            now.minusDays(7).plusHours(1),
            big.students.get(1).id());
    JsonObject stats = json(http().get(API + "stats", big.owner()).body());
    long students =
        db().count(
                "SELECT COUNT(*) FROM lti_activity_users WHERE activity_id = ? AND role = 'STUDENT'",
                big.activity);
    long thisWeek =
        db().count(
                "SELECT COUNT(*) FROM lti_activity_users WHERE activity_id = ? AND role = 'STUDENT'"
                    + " AND last_access_at >= ?",
                big.activity,
                now.minusDays(7));
    assertEquals(31, students, "the 30 seeded and the real one");
    assertEquals(21, thisWeek, "ten last seen eight days ago");
    assertEquals(students, stats.getJsonNumber("students").longValue(), stats.toString());
    assertEquals(thisWeek, stats.getJsonNumber("activeUsers7d").longValue(), stats.toString());
  }

  @Test
  void transcriptsAreRefusedWhileReviewIsOffAndTheAccessLogIsNot() {
    BigActivity big = new BigActivity(false, 4, 6);
    List<Long> before = rowCounts(big);
    for (String path : List.of("chats", "exports/transcripts", "exports/transcripts?format=json")) {
      Http.Res res = http().get(API + path, big.owner());
      assertEquals(403, res.status(), path + ": " + res.body());
      assertTrue(res.body().contains("Transcript review is switched off"), res.body());
    }
    Http.Res log = http().get(API + "exports/access-log", big.owner());
    assertEquals(200, log.status(), log.body());
    assertEquals(6, csv(log.body()).size(), "a header and five students");
    Http.Res usage = http().get(API + "usage", big.owner());
    assertEquals(200, usage.status(), usage.body());
    assertEquals(before, rowCounts(big), "nothing written");
  }

  /** Every reviewable chat the API lists with {@code query}, through all its pages. */
  static List<JsonObject> chats(BigActivity big, String query) {
    List<JsonObject> all = new ArrayList<>();
    for (int page = 1; ; page++) {
      Http.Res res = http().get(API + "chats?per_page=30&page=" + page + query, big.owner());
      assertEquals(200, res.status(), res.body());
      JsonObject slice = json(res.body());
      slice.getJsonArray("items").forEach(v -> all.add(v.asJsonObject()));
      if (page >= slice.getInt("pages")) {
        assertEquals(slice.getInt("total"), all.size());
        return all;
      }
    }
  }

  static Set<Long> ids(
      List<BigActivity.Chat> chats, java.util.function.Predicate<BigActivity.Chat> which) {
    return chats.stream().filter(which).map(BigActivity.Chat::id).collect(Collectors.toSet());
  }

  static Set<Long> ids(List<JsonObject> listed) {
    return listed.stream().map(c -> c.getJsonNumber("id").longValue()).collect(Collectors.toSet());
  }

  /** The rows of the activity and of the tables a dashboard request could touch. */
  static List<Long> rowCounts(BigActivity big) {
    Db db = db();
    return List.of(
        db.rowsOf("lti_activity_users", big.placement),
        db.rowsOf("conversations", big.placement),
        db.count(
            "SELECT COUNT(*) FROM chat_messages m JOIN conversations c ON c.id = m.conversation_id"
                + " WHERE c.activity_id = ?",
            big.activity),
        db.count("SELECT COUNT(*) FROM page_tokens WHERE activity_id = ?", big.activity),
        db.count(
            "SELECT COUNT(*) FROM page_tokens WHERE activity_id = ? AND (opened_at IS NOT NULL"
                + " OR consumed_at IS NOT NULL)",
            big.activity),
        db.count("SELECT COUNT(*) FROM admin_audit"),
        db.count(
            "SELECT SUM(access_count) FROM lti_activity_users WHERE activity_id = ?",
            big.activity));
  }

  static JsonObject json(String body) {
    try (var reader = Json.createReader(new StringReader(body))) {
      return reader.readObject();
    }
  }

  static LocalDateTime time(String iso) {
    return LocalDateTime.parse(iso);
  }

  /** RFC 4180 records, read back: quoted fields may hold commas, quotes and line breaks. */
  static List<List<String>> csv(String text) {
    List<List<String>> records = new ArrayList<>();
    List<String> record = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        record.add(field.toString());
        field.setLength(0);
      } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
        record.add(field.toString());
        field.setLength(0);
        records.add(record);
        record = new ArrayList<>();
        i++;
      } else {
        field.append(c);
      }
    }
    assertEquals(0, field.length() + record.size(), "the last record ends with CRLF");
    return records;
  }
}
